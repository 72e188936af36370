/**
 * One lane's spans as columns of typed arrays (start, duration, outcome), not one object each:
 * ten million requests cost 7 bytes apiece here, and a loop over them touches no objects. Starts
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
import { DurationColumn, AscendingColumn, StartColumn } from './narrow-columns';

export { LONG } from './narrow-columns';

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
  /** Wall-clock ms of the first span: what `starts` count from. */
  origin = Number.NaN;
  /**
   * When each request was sent, in ms from `origin` (`startAt(i)` is the wall-clock time), kept
   * narrow (./narrow-columns.ts): `starts.at(i)`.
   */
  readonly starts = new StartColumn(INITIAL);
  /**
   * ms from start to end (`durationAt`): `durations.short[i]` is the duration itself when below
   * LONG, which is what a loop over many spans reads (see ./narrow-columns.ts).
   */
  readonly durations = new DurationColumn(INITIAL);
  /** Index into REQUEST_OUTCOMES. */
  outcome = new Uint8Array(INITIAL);
  /** Seqs of the requests' log records (`seqAt`), 0 for a span loaded without one. */
  private readonly seqs = new AscendingColumn(INITIAL);
  /** Latest end of a finished span (the start, for one still waiting): where activity stops. */
  lastEnd = Number.NEGATIVE_INFINITY;
  /** Longest finished span, so culling can search by start alone. */
  maxDuration = 0;
  /** Lowest index changed after it was appended (Infinity: none). Summaries reset it. */
  changedFrom = Number.POSITIVE_INFINITY;

  /** Appends a span (end NaN while waiting) and returns its index. */
  push(start: number, end: number, outcome: RequestOutcome, seq = 0): number {
    if (this.length === this.starts.capacity) this.grow(this.length + 1);
    if (Number.isNaN(this.origin)) this.origin = Math.round(start);
    const i = this.length++;
    const offset = Math.min(MAX_OFFSET, Math.max(-MAX_OFFSET, Math.round(start - this.origin)));
    this.starts.set(i, offset, this.length);
    this.outcome[i] = OUTCOME_INDEX.get(outcome) ?? 0;
    this.seqs.set(i, seq, this.length);
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
    return this.origin + this.starts.at(i);
  }

  /** End of the span at `i`, or NaN while it waits. */
  end(i: number): number {
    return this.startAt(i) + this.durations.at(i);
  }

  /** ms from the start of the span at `i` to its end, or NaN while it waits. */
  durationAt(i: number): number {
    return this.durations.at(i);
  }

  /** Seq of the request record of the span at `i` (0 when it has none). */
  seqAt(i: number): number {
    return this.seqs.at(i);
  }

  /** Bytes the columns hold (the benchmark's memory figure). */
  get byteLength(): number {
    return (
      this.starts.byteLength +
      this.durations.byteLength +
      this.outcome.byteLength +
      this.seqs.byteLength
    );
  }

  /** Room for `count` spans in all, made at once: a load that knows its size never regrows. */
  reserve(count: number): void {
    if (count > this.starts.capacity) this.grow(count, true);
  }

  /** Index of the span whose request record is `seq`, or -1 (seqs grow with the index). */
  indexOfSeq(seq: number): number {
    const i = this.firstSeqAtLeast(seq);
    return i < this.length && this.seqs.at(i) === seq ? i : -1;
  }

  /** Index of the first span whose seq is `seq` or more (length when none). */
  firstSeqAtLeast(seq: number): number {
    return firstIndex((i) => this.seqs.at(i), this.length, seq, false);
  }

  /** Index of the first span that could still be visible at `t0`. */
  firstVisible(t0: number): number {
    return this.firstStartingAt(t0 - this.maxDuration);
  }

  /** Index of the first span starting at or after `t` (length when none). */
  firstStartingAt(t: number): number {
    const starts = this.starts;
    return firstIndex((i) => starts.at(i), this.length, t - this.origin, false);
  }

  /** Index of the first span starting after `t` (length when none). */
  firstStartingAfter(t: number): number {
    const starts = this.starts;
    return firstIndex((i) => starts.at(i), this.length, t - this.origin, true);
  }

  private setEnd(i: number, end: number): void {
    const start = this.startAt(i);
    // As stored, so culling by start - maxDuration never misses this span.
    const duration = this.durations.set(
      i,
      Number.isNaN(end) ? Number.NaN : Math.max(end - start, 0),
      this.length,
    );
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
    const outcome = new Uint8Array(size);
    outcome.set(this.outcome.subarray(0, this.length));
    this.outcome = outcome;
    this.starts.resize(size, this.length);
    this.durations.resize(size, this.length);
    this.seqs.resize(size, this.length);
  }
}

/**
 * Binary search in the first `length` values of an ascending column: the first index whose value
 * is at least `value` (or above it, when `after`); `length` when there is none.
 */
function firstIndex(
  valueAt: (i: number) => number,
  length: number,
  value: number,
  after: boolean,
): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = valueAt(mid);
    if (v < value || (after && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
