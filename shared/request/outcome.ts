/**
 * The one vocabulary for what happened to a request, and the rules that move a request from one
 * outcome to the next. The session tracker applies these rules when it records a request; every
 * view (services panel, log, timeline, exports, CLI) reads the outcome the journal recorded and
 * never works it out again.
 *
 * The MBN documentation leaves the hard cases open (a completion that overtakes the call's return,
 * duplicates, completions after the device went away), so each has a word of its own rather than
 * being folded into "failed".
 */

export const REQUEST_OUTCOMES = [
  /** The call has not returned yet. */
  'sending',
  /** The call returned S_OK with a request ID; the completion has not come yet. */
  'waiting',
  /** Accepted, and no completion within the timeout. It may still come: then `late`. */
  'overdue',
  /** The completion came with a success status. */
  'succeeded',
  /** The completion came with a failure status. */
  'failed',
  /** The completion came after the request had been declared overdue (its status says how). */
  'late',
  /** The call itself returned a failure HRESULT: no request was started, none will complete. */
  'refused',
  /** The call threw (a backend error, not an HRESULT): no request was started. */
  'call-failed',
  /** The device went away, or the app closed, while the request was waiting. */
  'abandoned',
  /**
   * The technician stopped waiting for an overdue request. Its completion may still come: it is
   * then matched and the request becomes `late`.
   */
  'given-up',
  /** A saved log ends before this request's outcome was recorded. */
  'unfinished',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** Outcomes after which nothing more will happen to the request (a stray completion aside). */
const ENDED: ReadonlySet<RequestOutcome> = new Set([
  'succeeded',
  'failed',
  'late',
  'refused',
  'call-failed',
  'abandoned',
  'given-up',
  'unfinished',
]);

export function hasEnded(outcome: RequestOutcome): boolean {
  return ENDED.has(outcome);
}

/**
 * Whether a reader of a log may stop expecting records of a request with this outcome. A
 * given-up request is over for the technician but not for the device: its completion may still
 * come and make it late, so, as an overdue one, it stays open until then or the log's end (the
 * request fold, and the CSV's command columns, which must agree with it).
 */
export function closesRecords(outcome: RequestOutcome): boolean {
  return hasEnded(outcome) && outcome !== 'given-up';
}

/**
 * How far along a request is: sending, waiting, overdue, ended. Updates about one request can
 * arrive out of order (an answer and a change event), and a later stage never gives way to an
 * earlier one.
 */
export function outcomeStage(outcome: RequestOutcome): number {
  if (ENDED.has(outcome)) return 3;
  return outcome === 'overdue' ? 2 : outcome === 'waiting' ? 1 : 0;
}

/**
 * Whether a record that left its request at `said` still says where the request is, now that a
 * later record left it at `now`. `sending` and `waiting` tell a passing state: out of date once
 * the call returned (sending), or once the request ended (waiting; an overdue request is still
 * waiting for its completion). Every other outcome says what happened, and stays true: an
 * overdue record of a request that later completed late still records that the timeout passed.
 */
export function stillSays(said: RequestOutcome, now: RequestOutcome): boolean {
  switch (said) {
    case 'sending':
      return now === 'sending';
    case 'waiting':
      return !hasEnded(now);
    default:
      return true;
  }
}

const KNOWN_OUTCOMES: ReadonlySet<string> = new Set(REQUEST_OUTCOMES);

/** Whether a record's word is a request's outcome (a log's words are checked, not trusted). */
export function isRequestOutcome(value: unknown): value is RequestOutcome {
  return typeof value === 'string' && KNOWN_OUTCOMES.has(value);
}

/** The call itself did not start a request (refused, or it threw): nothing came after it. */
export function endedAtCall(outcome: RequestOutcome): boolean {
  return outcome === 'refused' || outcome === 'call-failed';
}

/** Outcomes a record says only while they last (see `stillSays`). */
export function isPassing(outcome: RequestOutcome): boolean {
  return outcome === 'sending' || outcome === 'waiting';
}

/** Ended, or overdue: what a caller waiting for "an answer" (the CLI) waits for. */
export function isSettled(outcome: RequestOutcome): boolean {
  return outcome === 'overdue' || ENDED.has(outcome);
}

/** What a technician means by "show me what went wrong". */
const PROBLEMS: ReadonlySet<RequestOutcome> = new Set([
  'failed',
  'late',
  'refused',
  'call-failed',
  'overdue',
  'abandoned',
  'given-up',
  'unfinished',
]);

export function isProblem(outcome: RequestOutcome): boolean {
  return PROBLEMS.has(outcome);
}

/** How a completion related to what the tracker knew, recorded on every completion record. */
export const COMPLETION_MATCHES = [
  /** It completed a waiting request. */
  'matched',
  /** It completed a request that was already overdue (or given up after being overdue). */
  'late',
  /** It arrived before the call had returned its request ID, and was matched afterwards. */
  'before-return',
  /** No request with this ID was ever seen for this service. */
  'unknown-request',
  /** The request had already completed. */
  'duplicate',
  /** The request had been abandoned (device removed) before this completion came. */
  'after-abandon',
] as const;
export type CompletionMatch = (typeof COMPLETION_MATCHES)[number];

/** The outcome once the call has returned: accepted requests wait, refused ones end there. */
export function outcomeAfterReturn(accepted: boolean): RequestOutcome {
  return accepted ? 'waiting' : 'refused';
}

/**
 * What a completion means for a request that is in `current`: the match to record and the
 * request's new outcome (`null` when the completion does not change it: a duplicate, or one
 * that came after the request was abandoned).
 */
export function completionEffect(
  current: RequestOutcome,
  statusSucceeded: boolean,
): { match: CompletionMatch; outcome: RequestOutcome | null } {
  switch (current) {
    case 'sending':
      return { match: 'before-return', outcome: statusSucceeded ? 'succeeded' : 'failed' };
    case 'waiting':
      return { match: 'matched', outcome: statusSucceeded ? 'succeeded' : 'failed' };
    // Giving up was the technician's choice, not the device's answer: the completion still ends
    // the request, late, so the journal says what the device finally did.
    case 'overdue':
    case 'given-up':
      return { match: 'late', outcome: 'late' };
    case 'abandoned':
      return { match: 'after-abandon', outcome: null };
    default:
      return { match: 'duplicate', outcome: null };
  }
}
