import { useEffect, useRef, useState } from 'react';
import type { RequestStory } from '../../../electron/ipc/contract';
import { endedAtCall, type RequestOutcome as Outcome } from '../../../shared/request/outcome';
import { nextStep } from '../../../shared/request/next-steps';
import { outcomeDetails, outcomeHeadline, shownCode } from '../../../shared/request/words';
import { serviceKey } from '../../../shared/model';
import { useApp } from '../store/app-store';
import { useClamped } from './use-clamped';

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
 *
 * The sentences and the advice show three lines each until "Show all": a backend's refusal in its
 * own words and its advice made one row of the services table twenty lines tall in a narrow
 * column, so the panel showed that row alone, scrolled past its service's name and buttons (on a
 * line of its own, as at 1366×768, it reads whole; the fold still acts on half a screen). The
 * log's details line shows the same words in full when the row is selected.
 */
export function RequestOutcome({ request }: { request: RequestStory | undefined }) {
  if (!request) return <span className="muted">None yet</span>;
  // Keyed by the request: a new request starts folded again.
  return <OutcomeOf key={request.ref} request={request} />;
}

function OutcomeOf({ request }: { request: RequestStory }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLSpanElement>(null);
  const advice = useRef<HTMLSpanElement>(null);
  const cut = useClamped(box, [detail, advice], !open);
  // The outcome of what this window just sent is kept in view as it comes: under its service, on
  // a line of its own, it arrived below the panel's edge for a service near the bottom, and the
  // technician saw the button change but not what the close did.
  const acted = useApp((s) => s.actedOn) === serviceKey(request.interfaceId, request.serviceId);
  useEffect(() => {
    if (acted) box.current?.scrollIntoView({ block: 'nearest' });
  }, [acted, request.outcome, open]);
  const code = shownCode(request);
  const next = nextStep(request);
  const fold = open ? '' : ' clamped';
  const details = outcomeDetails(request).join(' ');
  // The call's code of a request that went on (overdue, given up, abandoned, still waiting): it
  // said the call was accepted, and came first, "S_OK — Success." at the top of a yellow card,
  // read as the request's success. What became of the request leads; the call's code follows.
  const accepted = code?.from === 'call' && !endedAtCall(request.outcome);
  const codeLine = code ? (
    <span className="outcome-hresult">
      {/* Whose code it is: an overdue request's S_OK is the call's, not a completion's. */}
      {code.from === 'completion'
        ? 'Completion status '
        : accepted
          ? 'The call was accepted: '
          : 'The call returned '}
      <span className="mono">{code.code.name}</span> ({code.code.hex})
      {code.meaning === null || accepted ? '.' : ` — ${code.meaning}`}
    </span>
  ) : null;
  return (
    <div ref={box} className={`outcome tone-${TONES[request.outcome]}`}>
      <span className="outcome-label">
        {/* Whose it is, where the outcome has a line of its own under its service (styles.css):
            scrolled so that its service's line is above the panel's top, it read as nobody's. */}
        <span className="outcome-service">{request.serviceName} · </span>
        <span>{outcomeHeadline(request)}</span>
      </span>
      {accepted ? null : codeLine}
      <span ref={detail} className={`outcome-detail${fold}`} title={cut ? details : undefined}>
        {details}
      </span>
      {accepted ? codeLine : null}
      {next ? (
        <span ref={advice} className={`outcome-next${fold}`} title={`Source: ${next.source}`}>
          <b>What to try:</b> {next.cause} {next.check}
        </span>
      ) : null}
      {cut || open ? (
        <button
          type="button"
          className="link-button outcome-more"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : 'Show all'}
        </button>
      ) : null}
    </div>
  );
}
