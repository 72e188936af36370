/**
 * The words for a request, the same in the services panel, the log, the timeline's tooltip and
 * legend, the HTML report, the CSV, the trace and the CLI. Records are typed as complete maps, so
 * a new outcome cannot go unworded anywhere.
 */
import { decodeHresult, parseHresult, type DecodedHresult } from '../hresult.js';
import type { RequestOp } from '../model.js';
import { formatDuration } from '../time.js';
import { endedAtCall, isPassing, type CompletionMatch, type RequestOutcome } from './outcome.js';
import type { RecordOutcome, RequestStory } from './story.js';

export interface OutcomeWords {
  /** A word or two: a filter option, a legend entry, a table cell. */
  label: string;
  /** One sentence: what it means for the technician. */
  meaning: string;
}

export const OUTCOME_WORDS: Record<RequestOutcome, OutcomeWords> = {
  sending: { label: 'Sending', meaning: 'The call has not returned yet.' },
  waiting: {
    label: 'Waiting',
    meaning: 'Accepted with a request ID; waiting for its completion.',
  },
  overdue: {
    label: 'Overdue',
    meaning: 'No completion within the timeout. It may still come (it is then marked late).',
  },
  succeeded: { label: 'Succeeded', meaning: 'The completion reported success.' },
  failed: { label: 'Failed', meaning: 'The completion reported a failure.' },
  late: {
    label: 'Late',
    meaning: 'The completion came after the request had been declared overdue.',
  },
  refused: {
    label: 'Refused at once',
    meaning:
      'The call returned a failure at once: no request was started, so no request ID or completion will follow.',
  },
  'call-failed': {
    label: 'Call failed',
    meaning:
      'The call did not reach the MBN service (the backend reported an error): no request was started.',
  },
  abandoned: {
    label: 'Abandoned',
    meaning: 'The device went away, or the app closed, before the completion came.',
  },
  'given-up': {
    label: 'Given up',
    meaning:
      'You stopped waiting for its completion; the service can be used again. If the completion still comes, it is recorded and the request is marked late.',
  },
  unfinished: {
    label: 'No outcome in log',
    meaning: 'The log ends before this request’s outcome was recorded.',
  },
};

/** Words for a log row's outcome: the request's, or an unmatched completion. */
export function recordOutcomeLabel(outcome: RecordOutcome): string {
  return outcome === 'unmatched' ? 'Unmatched completion' : OUTCOME_WORDS[outcome].label;
}

/**
 * How a filter reads the outcome its rows say, and so what its options list: `now` (the live log:
 * a row that said sending or waiting only while its request still is, `stillSays`), `log-end` (a
 * saved log: the same, at its end) or `as-logged` (a whole-log search, which tests each record
 * alone: what it said when it was written, though the request may have ended since).
 */
export type OutcomeReading = 'now' | 'log-end' | 'as-logged';

/**
 * An outcome as a filter's option names it: what the option lists, which for a passing outcome is
 * not the row's word alone ("Waiting" listed mostly requests long finished). Overdue lists every
 * request that went overdue, whatever became of it: that stays true (a late completion makes it
 * late, it does not undo the timeout) and is what a support engineer looks for; a request overdue
 * now is still waiting, and listed there too.
 */
export function outcomeOptionLabel(outcome: RecordOutcome, reading: OutcomeReading): string {
  switch (outcome) {
    case 'sending':
    case 'waiting': {
      const label = OUTCOME_WORDS[outcome].label;
      if (reading === 'now') return `Still ${label.toLowerCase()}`;
      return reading === 'log-end' ? `${label} at log's end` : `${label} when logged`;
    }
    case 'overdue':
      return 'Went overdue';
    default:
      return recordOutcomeLabel(outcome);
  }
}

/**
 * A row's outcome in words, read as `reading` says. Sending and waiting are true only while they
 * last: a row read alone (a report written in one pass, a search's hit) says they were true when
 * it was logged, not that its request still is. Every other outcome reads as its own word.
 */
export function rowOutcomeWords(outcome: RecordOutcome, reading: OutcomeReading): string {
  return outcome !== 'unmatched' && isPassing(outcome)
    ? outcomeOptionLabel(outcome, reading)
    : recordOutcomeLabel(outcome);
}

export const MATCH_WORDS: Record<CompletionMatch, string> = {
  matched: 'matched its request',
  late: 'late, after the request was overdue',
  'before-return': 'arrived before the call returned',
  'unknown-request': 'for a request this app never sent',
  duplicate: 'duplicate of an earlier completion',
  'after-abandon': 'after the request was abandoned',
};

export const OP_WORDS: Record<RequestOp, string> = {
  open: 'Open',
  close: 'Close',
  write: 'Write',
  'supported-commands': 'Supported commands',
  'open-command-session': 'Open command session',
  'close-command-session': 'Close command session',
  query: 'Query',
  set: 'Set',
};

/** Outcomes of a request whose completion was still awaited (a saved log's end: unfinished). */
const AWAITED: ReadonlySet<RequestOutcome> = new Set([
  'sending',
  'waiting',
  'overdue',
  'unfinished',
]);

/**
 * How long a request took, in the words of a span's details: its latency when a completion came,
 * else since when it has waited (`spanMs` NaN: still open) or how long it lasted without one, and
 * when the technician gave up on it, as the log says (a given-up request's span goes on: a late
 * completion may still come).
 */
export function timingWords(
  story: Pick<RequestStory, 'latencyMs' | 'givenUpAfterMs' | 'outcome'>,
  spanMs: number,
): string {
  if (story.latencyMs !== null) return `latency ${formatDuration(story.latencyMs)}`;
  const gaveUp = givenUpWords(story);
  if (Number.isNaN(spanMs)) return `${gaveUp}no completion yet`;
  // Still awaited when the log stopped: it did not end, the log did (a report of a log cut by a
  // crash read "ended after 0.0 ms without a completion").
  return story.givenUpAfterMs === null && !AWAITED.has(story.outcome)
    ? `ended after ${formatDuration(spanMs)} without a completion`
    : `${gaveUp}no completion by the log's end, ${formatDuration(spanMs)} after it was sent`;
}

/** "given up after 12 s, " when the technician gave up on the request, else nothing. */
export function givenUpWords(story: Pick<RequestStory, 'givenUpAfterMs'>): string {
  return story.givenUpAfterMs === null
    ? ''
    : `given up after ${formatDuration(story.givenUpAfterMs)}, `;
}

/**
 * A request as every view names it: "Close #1004", or "Close" before the call returned an ID. One
 * rule, so the CLI's waiting line, its Ctrl+C line and every headline say the same.
 */
export function requestName(request: Pick<RequestStory, 'op' | 'requestId'>): string {
  return request.requestId === null
    ? OP_WORDS[request.op]
    : `${OP_WORDS[request.op]} #${request.requestId}`;
}

/** The request ID, or why there is none: never "none yet" for a request that will never get one. */
export function requestIdText(story: Pick<RequestStory, 'requestId' | 'outcome'>): string {
  if (story.requestId !== null) return `#${story.requestId}`;
  switch (story.outcome) {
    case 'refused':
    case 'call-failed':
      return 'none (no request was started)';
    case 'sending':
      return 'not returned yet';
    default:
      return 'none recorded';
  }
}

/**
 * The HRESULT to show for a request: the completion's status if one came, else what the call
 * returned; and the code's meaning to show beside it, null when the backend refused the call in
 * its own words (outcomeDetails gives them): the code's meaning for every call ("The data session
 * is not open.") then stood beside a reason that said something else.
 */
export function shownCode(
  story: Pick<RequestStory, 'status' | 'callHresult'> &
    Partial<Pick<RequestStory, 'outcome' | 'errorMessage'>>,
): { from: 'completion' | 'call'; code: DecodedHresult; meaning: string | null } | null {
  const hex = story.status ?? story.callHresult;
  const value = hex === null ? undefined : parseHresult(hex);
  if (value === undefined) return null;
  const from = story.status !== null ? 'completion' : 'call';
  const code = decodeHresult(value);
  return { from, code, meaning: from === 'call' && backendGaveReason(story) ? null : code.meaning };
}

/** Whether the backend said in its own words why it did not take the call (outcomeDetails). */
export function backendGaveReason(
  story: Partial<Pick<RequestStory, 'outcome' | 'errorMessage'>>,
): boolean {
  return (
    story.outcome !== undefined &&
    endedAtCall(story.outcome) &&
    typeof story.errorMessage === 'string' &&
    story.errorMessage !== ''
  );
}

/**
 * "Close #1002: succeeded in 42 ms", "Close #1002: late, failed in 12.5 s", "Close: refused at
 * once". The HRESULT is not in it: every view shows the code beside it with its meaning.
 */
export function outcomeHeadline(story: RequestStory): string {
  const name = requestName(story);
  const label = OUTCOME_WORDS[story.outcome].label.toLowerCase();
  const took = story.latencyMs === null ? '' : ` in ${formatDuration(story.latencyMs)}`;
  switch (story.outcome) {
    case 'succeeded':
    case 'failed':
      return `${name}: ${label}${took}`;
    case 'late': {
      const ok = story.status !== null && codeSucceeded(story.status);
      return `${name}: late, ${ok ? 'succeeded' : 'failed'}${took}`;
    }
    case 'refused':
    case 'call-failed':
    case 'sending':
      return `${OP_WORDS[story.op]}: ${label}`;
    default:
      return `${name}: ${label}`;
  }
}

/** The sentences under a headline: what it means, and whatever was unusual about it. */
export function outcomeDetails(story: RequestStory): string[] {
  const lines = [OUTCOME_WORDS[story.outcome].meaning];
  if (story.outcome === 'abandoned' && story.abandonReason === 'backend-closed')
    lines[0] = 'The app closed the backend before the completion came.';
  if (story.outcome === 'abandoned' && story.abandonReason === 'device-removed')
    lines[0] = 'The device was removed before the completion came.';
  if (backendGaveReason(story)) lines.push(`The backend said: ${story.errorMessage}`);
  if (story.givenUp && story.outcome !== 'given-up')
    lines.push('You had stopped waiting for it before its completion came.');
  if (story.overtook) lines.push('Its completion arrived before the call had returned.');
  if (story.strayCompletions > 0)
    lines.push(
      `${story.strayCompletions} more completion${story.strayCompletions === 1 ? '' : 's'} came for it after it had ended.`,
    );
  if (story.precondition === 'session-not-open')
    lines.push('Sent although the data session was not open.');
  if (story.precondition === 'session-already-open')
    lines.push('Sent although the data session was already open.');
  return lines;
}

/** The CLI's `outcome`: four values scripts branch on (see the README's exit codes). */
export type CliOutcome = 'completed' | 'failed' | 'rejected' | 'timed-out';

export function cliOutcome(story: Pick<RequestStory, 'outcome' | 'status'>): CliOutcome {
  switch (story.outcome) {
    case 'succeeded':
      return 'completed';
    case 'late':
      return story.status !== null && codeSucceeded(story.status) ? 'completed' : 'failed';
    case 'refused':
    case 'call-failed':
      return 'rejected';
    case 'failed':
    case 'abandoned':
      return 'failed';
    case 'given-up':
    case 'sending':
    case 'waiting':
    case 'overdue':
    case 'unfinished':
      return 'timed-out';
  }
}

function codeSucceeded(hex: string): boolean {
  const value = parseHresult(hex);
  return value !== undefined && decodeHresult(value).succeeded;
}
