import { commandLabel } from '../../../shared/commands/names';
import { NOT_LOADED } from '../../../shared/log-window';
import { MARK_LEGEND } from '../../../shared/request/marks';
import {
  OP_WORDS,
  OUTCOME_WORDS,
  outcomeDetails,
  requestIdText,
  shownCode,
  givenUpWords,
  timingWords,
} from '../../../shared/request/words';
import { nextStep } from '../../../shared/request/next-steps';
import { formatDuration, formatTimestamp } from '../../../shared/time';
import { useTimeMode, zoneOf } from '../store/time-store';
import { REQUEST_OUTCOMES, isProblem } from '../../../shared/request/outcome';
import type { DenseHit, MarkColumnHit, NotLoadedHit } from './hit-test';
import { kindWord, tallyWords } from './mark-tally';
import type { RangeSummary } from './range-summary';
import { laneName, type TimelineMark } from './timeline-lanes';
import type { TimelineSpan } from './timeline-model';
import { formatCount } from '../../../shared/format-count';

/** The legend's entries: one per mark a span can have, in the shared words. */
export const CLASS_LABELS = MARK_LEGEND;

/**
 * The words for a span: shown in the hover tooltip and under the timeline for the selection
 * (`advice`: with what to try, there).
 */
export function SpanText({ span, advice = false }: { span: TimelineSpan; advice?: boolean }) {
  const request = span.request;
  const zone = zoneOf(useTimeMode((t) => t.mode));
  if (!request) return <LeanSpanText span={span} zone={zone} />;
  // The completion's own latency when there was one; otherwise how long until it ended
  // (refused, abandoned), or that it is still waiting: never a latency it did not have.
  // Cut where the rows loaded stop, and no completion among them: how long it waited is not known
  // here (it said "ended after 0.0 ms without a completion" of a request that had not ended).
  const timing =
    span.cutAt !== undefined && request.latencyMs === null
      ? `${givenUpWords(request)}no completion among the rows loaded`
      : timingWords(request, span.end - span.start);
  const code = shownCode(request);
  const [meaning, ...notes] = outcomeDetails(request);
  // Under the timeline, not in the tooltip: it made the tooltip cover the log's rows.
  // Not where the loaded rows stop: its outcome is in the entries not loaded, not in "a later
  // log of the same machine" (the advice for a request the log never saw end).
  const next = advice && span.cutAt === undefined ? nextStep(request) : null;
  // Still waiting where the rows loaded stop: said first, in place of "the log ends before its
  // outcome" (the box under the timeline shows three lines; said on a fourth, it was never read,
  // and the log's line under it said the entries after it were not loaded).
  const cut =
    span.cutAt === undefined
      ? null
      : `The rows loaded stop at ${formatTimestamp(new Date(span.cutAt).toISOString(), zone)} while it still waited; its outcome may be in the part of the log ${NOT_LOADED}.`;
  // Headed so too: "No outcome in log" above those words said the opposite (a review, at 1M).
  const headline = cut === null ? OUTCOME_WORDS[request.outcome].label : `Outcome ${NOT_LOADED}`;
  return (
    <>
      <strong>
        {OP_WORDS[request.op]}
        {/* A QUERY or SET names its command, as each of its rows in the log does. */}
        {request.commandId === null
          ? ''
          : ` ${commandLabel(request.serviceId, request.commandId)}`}{' '}
        · {laneName(span.lane)}
      </strong>{' '}
      — {headline}: {cut ?? meaning}
      {/* The code second, before the request's ID and times: the box under the timeline keeps
          three lines, and where the outcome's words took two, a refused request's
          E_ACCESSDENIED was the one fact scrolled out of sight. */}
      {code ? (
        <>
          <br />
          <span className="span-code">
            {code.from === 'completion' ? 'Completion status ' : 'The call returned '}
            <span className="mono">{code.code.name}</span> ({code.code.hex})
            {code.meaning === null ? '' : `: ${code.meaning}`}
          </span>
        </>
      ) : null}
      {/* What the services panel and the report advise for it, in the same words: a saved log's
          refused request said only what E_ACCESSDENIED means. Before the request's ID and times:
          the box keeps three lines, and last, a technician's review found it never read. */}
      {next ? (
        <>
          <br />
          <span className="span-advice">What to try: {next.check}</span>
        </>
      ) : null}
      <br />
      Request ID {requestIdText(request)} · sent {formatTimestamp(request.sentTime, zone)}
      {` · ${timing}`}
      {notes.length > 0 ? (
        <>
          <br />
          {notes.join(' ')}
        </>
      ) : null}
    </>
  );
}

/**
 * A span loaded straight into columns, with no log rows behind it: what the columns know (its
 * outcome in the shared words, when it was sent and how long it took), and nothing they do not.
 */
function LeanSpanText({ span, zone }: { span: TimelineSpan; zone: ReturnType<typeof zoneOf> }) {
  const words = OUTCOME_WORDS[span.outcome];
  return (
    <>
      <strong>Request · {laneName(span.lane)}</strong> — {words.label}
      <br />
      Sent {formatTimestamp(new Date(span.start).toISOString(), zone)}
      {Number.isNaN(span.end)
        ? ' · no outcome yet'
        : ` · ended after ${formatDuration(span.end - span.start)}`}
      <br />
      Log entry #{span.seq}: its IDs and codes are in the log.
    </>
  );
}

/**
 * The words for a mark under the pointer; where the lane's marks are drawn from their columns and
 * more than one is there, how many of each kind (the rare ones first), over what time, the
 * requests there too, and which of them a click selects (the one drawn on top).
 */
export function MarkText({ mark, column }: { mark: TimelineMark; column?: MarkColumnHit }) {
  const zone = zoneOf(useTimeMode((t) => t.mode));
  const at = formatTimestamp(new Date(mark.t).toISOString(), zone);
  if (!column)
    return (
      <>
        <span className="mono">{at}</span> {mark.text}
      </>
    );
  const { tally, requests, lane } = column;
  const from = formatTimestamp(new Date(tally.t0).toISOString(), zone);
  const to = formatTimestamp(new Date(tally.t1).toISOString(), zone);
  return (
    <>
      <strong>
        {tallyWords(tally)} · {laneName(lane)}
      </strong>
      {requests ? ` — and ${requestWords(requests)}` : null}
      <br />
      <span className="mono">
        {from} – {to}
      </span>
      <br />
      Too close together to show one by one here: click to select the {kindWord(mark.kind)} at{' '}
      <span className="mono">{at}</span> ({mark.text}), or zoom in.
    </>
  );
}

/** "3 requests (2 failed, 1 succeeded)": the requests of a stretch, problems first. */
function requestWords(summary: RangeSummary): string {
  const n = summary.total;
  return `${formatCount(n)} request${n === 1 ? '' : 's'} (${outcomeWords(summary).join(', ')})`;
}

/** Each outcome the stretch's requests had, with how many: problems first, in the shared words. */
function outcomeWords(summary: RangeSummary): string[] {
  const outcomes = [...REQUEST_OUTCOMES].sort(
    (a, b) => Number(isProblem(b)) - Number(isProblem(a)),
  );
  return outcomes.flatMap((outcome) => {
    const n = summary.counts[outcome] ?? 0;
    return n > 0 ? [`${formatCount(n)} ${OUTCOME_WORDS[outcome].label.toLowerCase()}`] : [];
  });
}

/**
 * The words for a stretch of a lane drawn from its summary: how many requests, of which outcomes
 * (problems first, in the shared words), over what time, and what a click does.
 */
export function DenseText({ hit }: { hit: DenseHit }) {
  const zone = zoneOf(useTimeMode((t) => t.mode));
  const { summary, lane } = hit;
  const parts = outcomeWords(summary);
  const problems = REQUEST_OUTCOMES.reduce(
    (sum, outcome) => sum + (isProblem(outcome) ? (summary.counts[outcome] ?? 0) : 0),
    0,
  );
  const from = formatTimestamp(new Date(summary.t0).toISOString(), zone);
  const to = formatTimestamp(new Date(summary.t1).toISOString(), zone);
  return (
    <>
      <strong>
        {formatCount(summary.total)} request{summary.total === 1 ? '' : 's'} · {laneName(lane)}
      </strong>{' '}
      — {parts.join(', ')}
      <br />
      <span className="mono">
        {from} – {to}
      </span>
      <br />
      {summary.total > 1
        ? `Too close together to show one by one here: click to zoom in${problems > 0 ? ' and select the first problem' : ''}.`
        : null}
    </>
  );
}

/**
 * A stretch the window holds no rows of: which entries and times, and that a click brings them
 * in (it did nothing, and said nothing, over days of a week's log).
 */
export function NotLoadedText({ hit }: { hit: NotLoadedHit }) {
  const zone = zoneOf(useTimeMode((t) => t.mode));
  const { gap, t } = hit;
  const at = (ms: number) => formatTimestamp(new Date(ms).toISOString(), zone);
  return (
    <>
      <strong>Not loaded: still in the file</strong> — the entries after #{gap.fromSeq} and before #
      {gap.toSeq}
      <br />
      <span className="mono">
        {at(gap.from)} – {at(gap.to)}
      </span>
      <br />
      Click to bring in the entries around <span className="mono">{at(t)}</span>.
    </>
  );
}
