import { formatLatency, formatTime } from '../format';
import type { TimelineMark, TimelineSpan } from './timeline-model';

export const CLASS_LABELS: Record<TimelineSpan['cls'], string> = {
  ok: 'Succeeded',
  failed: 'Failed',
  pending: 'Still waiting',
  overdue: 'Overdue (no completion yet)',
  late: 'Late (completed after its timeout)',
  abandoned: 'Abandoned (device or session went away)',
};

/** The words for a span: shown in the hover tooltip and under the timeline for the selection. */
export function SpanText({ span }: { span: TimelineSpan }) {
  // The completion's own latency when there was one; otherwise how long until it ended
  // (refused, abandoned), or that it is still waiting: never a latency it did not have.
  const timing =
    span.latencyMs !== null
      ? `latency ${formatLatency(span.latencyMs)}`
      : Number.isNaN(span.end)
        ? 'no completion yet'
        : `ended after ${formatLatency(span.end - span.start)} without a completion`;
  return (
    <>
      <strong>
        {span.op} · {span.lane.label}
      </strong>{' '}
      — {CLASS_LABELS[span.cls]}
      <br />
      Request ID {span.requestId ?? '(none yet)'} · {span.ref} · sent{' '}
      {formatTime(new Date(span.start).toISOString())}
      {` · ${timing}`}
      {span.hresult ? (
        <>
          <br />
          {span.hresultFrom === 'completion' ? 'Completion status ' : 'The call returned '}
          <span className="mono">{span.hresult.name}</span> ({span.hresult.hex}):{' '}
          {span.hresult.meaning}
        </>
      ) : null}
    </>
  );
}

export function MarkText({ mark }: { mark: TimelineMark }) {
  return (
    <>
      <span className="mono">{formatTime(new Date(mark.t).toISOString())}</span> {mark.text}
    </>
  );
}
