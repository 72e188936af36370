import type { RequestStory } from '../../../electron/ipc/contract';
import type { RequestOutcome as Outcome } from '../../../shared/request/outcome';
import { nextStep } from '../../../shared/request/next-steps';
import { outcomeDetails, outcomeHeadline, shownCode } from '../../../shared/request/words';

const TONES: Record<Outcome, 'good' | 'bad' | 'warn' | 'pending'> = {
  sending: 'pending',
  waiting: 'pending',
  overdue: 'warn',
  succeeded: 'good',
  failed: 'bad',
  late: 'warn',
  refused: 'bad',
  'call-failed': 'bad',
  abandoned: 'warn',
  'given-up': 'warn',
  unfinished: 'warn',
};

/** How an outcome is coloured: the same tone wherever an outcome is shown. */
export function outcomeTone(outcome: Outcome): 'good' | 'bad' | 'warn' | 'pending' {
  return TONES[outcome];
}

/**
 * The last request on a service in plain words: the shared headline (operation, request ID,
 * outcome, latency), the HRESULT's name and meaning, and the shared sentences for what it means,
 * exactly as the log, the timeline, the report and the CLI say it; then what to try next.
 */
export function RequestOutcome({ request }: { request: RequestStory | undefined }) {
  if (!request) return <span className="muted">None yet</span>;
  const code = shownCode(request);
  const next = nextStep(request);
  return (
    <div className={`outcome tone-${TONES[request.outcome]}`}>
      <span className="outcome-label">{outcomeHeadline(request)}</span>
      {code ? (
        <span className="outcome-hresult">
          {/* Whose code it is: an overdue request's S_OK is the call's, not a completion's. */}
          {code.from === 'completion' ? 'Completion status ' : 'The call returned '}
          <span className="mono">{code.code.name}</span> ({code.code.hex}) — {code.code.meaning}
        </span>
      ) : null}
      <span className="outcome-detail">{outcomeDetails(request).join(' ')}</span>
      {next ? (
        <span className="outcome-next" title={`Source: ${next.source}`}>
          <b>What to try:</b> {next.cause} {next.check}
        </span>
      ) : null}
    </div>
  );
}
