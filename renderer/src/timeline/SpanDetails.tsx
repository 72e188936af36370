import { MARK_LEGEND } from '../../../shared/request/marks';
import {
  OP_WORDS,
  OUTCOME_WORDS,
  outcomeDetails,
  requestIdText,
  shownCode,
} from '../../../shared/request/words';
import { formatDuration, formatTimestamp } from '../../../shared/time';
import { useTimeMode, zoneOf } from '../store/time-store';
import type { TimelineMark, TimelineSpan } from './timeline-model';

/** The legend's entries: one per mark a span can have, in the shared words. */
export const CLASS_LABELS = MARK_LEGEND;

/** The words for a span: shown in the hover tooltip and under the timeline for the selection. */
export function SpanText({ span }: { span: TimelineSpan }) {
  const request = span.request;
  // The completion's own latency when there was one; otherwise how long until it ended
  // (refused, abandoned), or that it is still waiting: never a latency it did not have.
  const timing =
    request.latencyMs !== null
      ? `latency ${formatDuration(request.latencyMs)}`
      : Number.isNaN(span.end)
        ? 'no completion yet'
        : `ended after ${formatDuration(span.end - span.start)} without a completion`;
  const code = shownCode(request);
  const [meaning, ...notes] = outcomeDetails(request);
  const zone = zoneOf(useTimeMode((t) => t.mode));
  return (
    <>
      <strong>
        {OP_WORDS[request.op]} · {span.lane.label}
      </strong>{' '}
      — {OUTCOME_WORDS[request.outcome].label}: {meaning}
      <br />
      Request ID {requestIdText(request)} · sent {formatTimestamp(request.sentTime, zone)}
      {` · ${timing}`}
      {code ? (
        <>
          <br />
          {code.from === 'completion' ? 'Completion status ' : 'The call returned '}
          <span className="mono">{code.code.name}</span> ({code.code.hex}): {code.code.meaning}
        </>
      ) : null}
      {notes.length > 0 ? (
        <>
          <br />
          {notes.join(' ')}
        </>
      ) : null}
    </>
  );
}

export function MarkText({ mark }: { mark: TimelineMark }) {
  const zone = zoneOf(useTimeMode((t) => t.mode));
  return (
    <>
      <span className="mono">{formatTimestamp(new Date(mark.t).toISOString(), zone)}</span>{' '}
      {mark.text}
    </>
  );
}
