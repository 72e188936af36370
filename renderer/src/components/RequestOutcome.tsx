import type { HresultView, RequestView } from '../../../electron/ipc/contract';
import { formatLatency } from '../format';

/**
 * The last request on a service in plain words: pending with its request ID, or its outcome with
 * the HRESULT's name, meaning and latency; overdue, late and abandoned called out as such.
 */
export function RequestOutcome({ request }: { request: RequestView | undefined }) {
  if (!request) return <span className="muted">None yet</span>;
  const op = request.op === 'open' ? 'Open' : request.op === 'close' ? 'Close' : 'Write';
  const id = request.requestId === null ? '' : ` #${request.requestId}`;
  const forced =
    request.precondition === 'session-not-open'
      ? ' Sent although the session was not open.'
      : request.precondition === 'session-already-open'
        ? ' Sent although the session was already open.'
        : '';
  switch (request.state) {
    case 'calling':
      return <Outcome tone="pending" label={`${op}: sending…`} />;
    case 'pending':
      return (
        <Outcome
          tone="pending"
          label={`${op}${id}: pending`}
          detail="Waiting for the completion."
        />
      );
    case 'overdue':
      return (
        <Outcome
          tone="warn"
          label={`${op}${id}: OVERDUE`}
          detail="No completion within the timeout. It may still come (it is then marked late)."
        />
      );
    case 'abandoned':
      return (
        <Outcome
          tone="warn"
          label={`${op}${id}: ABANDONED`}
          detail="The device was removed before the completion came."
        />
      );
    case 'rejected':
      return (
        <Outcome
          tone="bad"
          label={`${op}: refused at once`}
          hresult={request.hresult}
          detail={`No request was started.${forced}`}
        />
      );
    case 'succeeded':
    case 'failed': {
      const ok = request.state === 'succeeded';
      const late = request.late ? 'LATE, ' : '';
      return (
        <Outcome
          tone={request.late ? 'warn' : ok ? 'good' : 'bad'}
          label={`${op}${id}: ${late}${ok ? 'succeeded' : 'failed'} in ${formatLatency(request.latencyMs)}`}
          hresult={request.status}
          detail={`${request.late ? 'The completion came after the request was overdue.' : ''}${forced}`}
        />
      );
    }
  }
}

interface OutcomeProps {
  tone: 'good' | 'bad' | 'warn' | 'pending';
  label: string;
  hresult?: HresultView | null;
  detail?: string;
}

function Outcome({ tone, label, hresult, detail }: OutcomeProps) {
  return (
    <div className={`outcome tone-${tone}`}>
      <span className="outcome-label">{label}</span>
      {hresult ? (
        <span className="outcome-hresult">
          <span className="mono">{hresult.name}</span> ({hresult.hex}) — {hresult.meaning}
        </span>
      ) : null}
      {detail ? <span className="outcome-detail">{detail.trim()}</span> : null}
    </div>
  );
}
