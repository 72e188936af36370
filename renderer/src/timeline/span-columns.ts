/**
 * One lane's spans as columns of typed arrays (start, duration, outcome), not one object each:
 * ten million requests cost 13 bytes apiece here, and a loop over them touches no objects. Starts
 * are whole milliseconds from the lane's first start (as the journal's times are), ±24 days. The
 * timeline draws from these columns; the span objects the model also keeps (for tooltips and
 * selection) are optional, so a saved log can be loaded straight into columns.
 *
 * Each span also keeps the seq of its request's log record (0 when it has none), which is how a
 * span is selected, found from a log row, and stepped to with [ and ]: seqs grow with the index,
 * so a lane finds one by binary search. No object is kept per span: the model makes one for the
 * span hovered or selected, when it is asked for.
 *
 * Spans are appended in the order they start (rows arrive in seq order). A span's end and
 * outcome may change later (a waiting request completes); every change lowers `changedFrom`,
 * which tells the summaries built on these columns how much of themselves to rebuild.
 */
import { REQUEST_OUTCOMES, type RequestOutcome } from '../../../shared/request/outcome';

const INITIAL = 256;
const MAX_OFFSET = 2 ** 31 - 1;

/** Outcome ↔ its index in the shared vocabulary, the byte a span's outcome is stored as. */
export const OUTCOME_INDEX = new Map<RequestOutcome, number>(
  REQUEST_OUTCOMES.map((outcome, i) => [outcome, i]),
);

export function outcomeAt(index: number): RequestOutcome {
  return REQUEST_OUTCOMES[index] ?? 'unfinished';
}

export class SpanColumns {
  length = 0;
  /** Wall-clock ms of the first span: what `offset` counts from. */
  origin = Number.NaN;
  /** When each request was sent, in ms from `origin` (`startAt(i)` is the wall-clock time). */
  offset = new Int32Array(INITIAL);
  /** ms from start to end, or NaN while the request still waits. */
  duration = new Float32Array(INITIAL);
  /** Index into REQUEST_OUTCOMES. */
  outcome = new Uint8Array(INITIAL);
  /** Seq of the request's log record, 0 for a span loaded without one. */
  seq = new Uint32Array(INITIAL);
  /** Latest end of a finished span (the start, for one still waiting): where activity stops. */
  lastEnd = Number.NEGATIVE_INFINITY;
  /** Longest finished span, so culling can search by start alone. */
  maxDuration = 0;
  /** Lowest index changed after it was appended (Infinity: none). Summaries reset it. */
  changedFrom = Number.POSITIVE_INFINITY;

  /** Appends a span (end NaN while waiting) and returns its index. */
  push(start: number, end: number, outcome: RequestOutcome, seq = 0): number {
    if (this.length === this.offset.length) this.grow(this.length + 1);
    if (Number.isNaN(this.origin)) this.origin = Math.round(start);
    const i = this.length++;
    this.offset[i] = Math.min(MAX_OFFSET, Math.max(-MAX_OFFSET, Math.round(start - this.origin)));
    this.outcome[i] = OUTCOME_INDEX.get(outcome) ?? 0;
    this.seq[i] = seq;
    this.duration[i] = Number.NaN;
    this.setEnd(i, end);
    return i;
  }

  /** The span at `i` ended (or its outcome moved on). */
  update(i: number, end: number, outcome: RequestOutcome): void {
    this.outcome[i] = OUTCOME_INDEX.get(outcome) ?? 0;
    this.setEnd(i, end);
    if (i < this.changedFrom) this.changedFrom = i;
  }

  /** Wall-clock start of the span at `i`. */
  startAt(i: number): number {
    return this.origin + (this.offset[i] ?? 0);
  }

  /** End of the span at `i`, or NaN while it waits. */
  end(i: number): number {
    return this.startAt(i) + (this.duration[i] ?? Number.NaN);
  }

  /** Room for `count` spans in all, made at once: a load that knows its size never regrows. */
  reserve(count: number): void {
    if (count > this.offset.length) this.grow(count, true);
  }

  /** Index of the span whose request record is `seq`, or -1 (seqs grow with the index). */
  indexOfSeq(seq: number): number {
    const i = this.firstSeqAtLeast(seq);
    return i < this.length && this.seq[i] === seq ? i : -1;
  }

  /** Index of the first span whose seq is `seq` or more (length when none). */
  firstSeqAtLeast(seq: number): number {
    return firstIndex(this.seq, this.length, seq, false);
  }

  /** Index of the first span that could still be visible at `t0`. */
  firstVisible(t0: number): number {
    return this.firstStartingAt(t0 - this.maxDuration);
  }

  /** Index of the first span starting at or after `t` (length when none). */
  firstStartingAt(t: number): number {
    return firstIndex(this.offset, this.length, t - this.origin, false);
  }

  /** Index of the first span starting after `t` (length when none). */
  firstStartingAfter(t: number): number {
    return firstIndex(this.offset, this.length, t - this.origin, true);
  }

  private setEnd(i: number, end: number): void {
    const start = this.startAt(i);
    this.duration[i] = Number.isNaN(end) ? Number.NaN : Math.max(end - start, 0);
    // As stored (float32), so culling by start - maxDuration never misses this span.
    const duration = this.duration[i] ?? 0;
    if (duration > this.maxDuration) this.maxDuration = duration;
    const last = Number.isNaN(duration) ? start : start + duration;
    if (last > this.lastEnd) this.lastEnd = last;
  }

  /** Capacity for at least `need` spans: exactly that when asked to, else with room to grow. */
  private grow(need: number, exact = false): void {
    // Doubling while small; by half beyond, so a big lane holds at most a third unused.
    const size = exact
      ? need
      : Math.max(need, this.length < 65_536 ? this.length * 2 : Math.ceil(this.length * 1.5));
    const offset = new Int32Array(size);
    offset.set(this.offset.subarray(0, this.length));
    const duration = new Float32Array(size);
    duration.set(this.duration.subarray(0, this.length));
    const outcome = new Uint8Array(size);
    outcome.set(this.outcome.subarray(0, this.length));
    const seq = new Uint32Array(size);
    seq.set(this.seq.subarray(0, this.length));
    this.offset = offset;
    this.duration = duration;
    this.outcome = outcome;
    this.seq = seq;
  }
}

/**
 * Binary search in the first `length` values of an ascending column: the first index whose value
 * is at least `value` (or above it, when `after`); `length` when there is none.
 */
function firstIndex(
  values: Int32Array | Uint32Array,
  length: number,
  value: number,
  after: boolean,
): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid] ?? 0;
    if (v < value || (after && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
