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
  const latency =
    span.latencyMs !== null
      ? formatLatency(span.latencyMs)
      : Number.isNaN(span.end)
        ? ''
        : formatLatency(span.end - span.start);
  return (
    <>
      <strong>
        {span.op} · {span.lane.label}
      </strong>{' '}
      — {CLASS_LABELS[span.cls]}
      <br />
      Request ID {span.requestId ?? '(none yet)'} · {span.ref} · sent{' '}
      {formatTime(new Date(span.start).toISOString())}
      {latency ? ` · latency ${latency}` : ''}
      {span.hresult ? (
        <>
          <br />
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
