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
 * Spans are appended in seq order (the order rows arrive), which is the order they start unless
 * the recording machine's clock was set back: then the starts go back too, and the lane is cut
 * into segments whose starts only grow (`segments`, ./segments.ts). Every search by time is within
 * one segment, so whatever reads the spans in view reads them segment by segment. A span's end
 * and outcome may change later (a waiting request completes); every change lowers `changedFrom`,
 * which tells the summaries built on these columns how much of themselves to rebuild.
 */
import { REQUEST_OUTCOMES, type RequestOutcome } from '../../../shared/request/outcome';
import { DurationColumn, AscendingColumn, StartColumn } from './narrow-columns';
import { firstIndex, Segments } from './segments';

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
  /** Where the starts go back (the clock was set back): within a segment they only grow. */
  readonly segments = new Segments();
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
    this.segments.add(offset);
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
    return firstIndex((i) => this.seqs.at(i), 0, this.length, seq, false);
  }

  /**
   * Index of the first span of segment `g` (the lane's, without one: see `firstStartingAt`) that
   * could still be visible at `t0`.
   */
  firstVisible(t0: number, g?: number): number {
    return this.firstStartingAt(t0 - this.maxDuration, g);
  }

  /**
   * Index of the first span of segment `g` starting at or after `t` (the segment's end when none).
   * Without a segment, the lane's: the first index from which every span starts at or after `t`
   * (length when none), which is the same search while the lane is one segment.
   */
  firstStartingAt(t: number, g?: number): number {
    return this.partition(t - this.origin, false, g);
  }

  /** As `firstStartingAt`, for spans starting after `t`. */
  firstStartingAfter(t: number, g?: number): number {
    return this.partition(t - this.origin, true, g);
  }

  private partition(offset: number, after: boolean, only: number | undefined): number {
    const { starts, segments } = this;
    const search = (g: number) =>
      firstIndex((i) => starts.at(i), segments.from(g), segments.to(g), offset, after);
    if (only !== undefined) return search(only);
    // Past the last span of any segment that starts before.
    let at = 0;
    for (let g = 0; g < segments.count; g++) {
      const i = search(g);
      if (i > segments.from(g)) at = i;
    }
    return at;
  }

  /**
   * Wall-clock start of the earliest span from index `from` to `to` (not included): the first
   * one's, unless the clock was set back in between. Infinity when there is none.
   */
  earliestStart(from: number, to: number): number {
    const { segments } = this;
    let earliest = Number.POSITIVE_INFINITY;
    for (let g = 0; g < segments.count; g++) {
      const first = Math.max(from, segments.from(g));
      if (first < Math.min(to, segments.to(g))) earliest = Math.min(earliest, this.startAt(first));
    }
    return earliest;
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
