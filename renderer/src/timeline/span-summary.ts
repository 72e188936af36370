/**
 * What a lane looks like when its requests are denser than pixels: one mask per pixel column
 * saying which marks (and whether any problem outcome) fall in that column, so drawing costs the
 * width of the screen, not the number of requests.
 *
 * The masks come straight from the span columns while a lane has no more spans in view than about
 * two per pixel column; beyond that, from buckets of power-of-two milliseconds (each holding the
 * OR of its spans' masks, its first span and how far its spans reach), no wider than a pixel, so a
 * frame reads at most about two entries per pixel column of each lane, at any zoom and any size.
 *
 * The buckets are built ahead, never inside a frame: `prepare()` builds every level a zoom can ask
 * for when spans are loaded (the finest from the spans, each coarser one by merging the one below
 * it, so all of them cost little more than one pass), and brings them up to date with new spans
 * (only the new ones). Levels start where a bucket holds four spans on average, so all of them
 * together hold at most half as many entries as the lane has spans.
 *
 * Honesty, both ways. A mask is an OR, never a majority, so one failed request among thousands of
 * succeeded ones still sets the failed bit and the problem bit of its column: it is never hidden.
 * But an OR alone cannot tell a column where one request in ten failed from one where nine did,
 * and drawn by its worst mark a lane where a few percent of requests fail looked mostly failed (a
 * 1,000,000-record kiosk log with 2 % problem records drew every lane about half red). So each
 * bucket also keeps what share of its spans have a problem outcome, one byte, and a frame counts
 * the requests and problems starting in each column (`ColumnTally`): the drawing paints a column's
 * bar in the problem's colour only where problems are most of its requests (./draw-dense.ts).
 * Marks and problems come from the shared rules (`spanMark`, `isProblem`), looked up once per
 * outcome.
 */
import { isProblem, REQUEST_OUTCOMES, type RequestOutcome } from '../../../shared/request/outcome';
import { SPAN_MARKS, spanMark, type SpanMark } from '../../../shared/request/marks';
import { AscendingColumn, DurationColumn } from './narrow-columns';
import { LONG, type SpanColumns } from './span-columns';

/** Bit of the mask that says the column holds a problem outcome (the marks use bits 0..6). */
export const PROBLEM_BIT = 0x80;

/** Lanes with fewer spans than this are always read span by span: no levels are built for them. */
export const SUMMARY_FROM = 4_096;

/**
 * In a lane with levels, a segment (./segments.ts) with fewer spans than this has none: it is
 * read span by span. Small enough that a lane whose clock was set back every hour, an hour of
 * requests at one a second, still has levels for each; large enough that their fixed cost (a few
 * hundred bytes a level) stays below a byte or two a span.
 */
const SEGMENT_SUMMARY_FROM = 512;

/** The finest level holds buckets of at least this many times the lane's mean spacing. */
const FINEST_SPANS_PER_BUCKET = 4;

/** The coarsest level has at most this many buckets over the lane's whole time. */
const COARSEST_BUCKETS = 4;

/** Mask of each outcome, by its index in REQUEST_OUTCOMES. */
export const OUTCOME_MASK = Uint8Array.from(
  REQUEST_OUTCOMES,
  (outcome) => markBit(spanMark(outcome)) | (isProblem(outcome) ? PROBLEM_BIT : 0),
);

export function markBit(mark: SpanMark): number {
  return 1 << SPAN_MARKS.indexOf(mark);
}

export function outcomeMask(outcome: RequestOutcome): number {
  return OUTCOME_MASK[REQUEST_OUTCOMES.indexOf(outcome)] ?? 0;
}

/**
 * A share of problems as a bucket keeps it, in 255ths: 0 only for none and 255 only for all, so
 * "any problem" and "only problems" stay exact; between, the nearest of 1..254.
 */
function shareOf(problems: number, requests: number): number {
  if (problems <= 0) return 0;
  if (problems >= requests) return 255;
  return Math.min(254, Math.max(1, Math.round((problems * 255) / requests)));
}

/** About how many of a bucket's `requests` spans its share says have a problem. */
export function problemsOf(share: number, requests: number): number {
  return (share * requests) / 255;
}

/**
 * One resolution of one segment of a lane (spans whose starts only grow: ./segments.ts): buckets
 * of `width` ms holding only occupied ones, 7 bytes each (its first span and reach kept narrow,
 * as the span columns keep seqs and durations: ./narrow-columns.ts). A bucket is known by its
 * first span (its key is that span's start, rounded down to the width).
 */
export class Level {
  length = 0;
  /** Index of the bucket's first span: its spans are first.at(b) up to first.at(b + 1). */
  readonly first: AscendingColumn;
  mask: Uint8Array;
  /**
   * How far past its first span's start the bucket's spans reach (a waiting one: its start), in
   * ms: `reach.short[b]` itself when below LONG.
   */
  readonly reach: DurationColumn;
  /**
   * The OR of the masks of its spans that end after its own stretch of time: only these are
   * drawn along its reach (a failed 20 ms request beside a request a second late stays 20 ms).
   */
  long: Uint8Array;
  /**
   * The share of its spans with a problem outcome (`shareOf`): with the number of its spans
   * (from `first`), roughly how many problems it holds, so a frame can tell a column where a few
   * requests failed from one where most did. Merged levels add up their finer buckets' counts.
   */
  problems: Uint8Array;
  /**
   * The last bucket's problems as a count, which `extend` goes on from when new spans fall in it:
   * its share alone, read back and rounded again on every extend, would stop moving in a bucket
   * that grows a few spans at a time (a live log's coarsest buckets). Exact for spans folded in
   * one by one, an estimate for what a merge brought (the finer buckets' shares).
   */
  private lastProblems = 0;
  /** Spans of the segment below this index are in the buckets. */
  builtTo: number;

  /** The level of the segment whose first span is `from`. */
  constructor(
    readonly width: number,
    private readonly columns: SpanColumns,
    readonly from: number,
    capacity = 64,
  ) {
    this.builtTo = from;
    this.first = new AscendingColumn(capacity);
    this.mask = new Uint8Array(capacity);
    this.reach = new DurationColumn(capacity);
    this.long = new Uint8Array(capacity);
    this.problems = new Uint8Array(capacity);
  }

  /**
   * The level twice as coarse as `finer`, from its buckets (not the spans): each of its buckets is
   * one or more whole buckets of `finer`, since both widths are powers of two.
   */
  static coarser(finer: Level): Level {
    const columns = finer.columns;
    const width = finer.width * 2;
    // Room for as many buckets as there are keys from the first to the last, no more: made the
    // size of `finer`, a level's columns took about twice the room they keep until trimmed, which
    // set the peak memory of loading ten million spans.
    const keys =
      finer.length > 0
        ? Math.floor(finer.startOf(finer.length - 1) / width) -
          Math.floor(finer.startOf(0) / width) +
          1
        : 0;
    const level = new Level(width, columns, finer.from, Math.max(64, Math.min(finer.length, keys)));
    let key = Number.NaN;
    let base = 0;
    // The open bucket's spans and problems, written as its share when it closes.
    let requests = 0;
    let problems = 0;
    for (let b = 0; b < finer.length; b++) {
      const s = finer.startOf(b);
      const end = s + finer.reach.at(b);
      const m = finer.mask[b] ?? 0;
      const last = level.length - 1;
      if (!(s < key + width && last >= 0)) {
        if (last >= 0) level.problems[last] = shareOf(problems, requests);
        key = Math.floor(s / width) * width;
        base = s;
        level.open(finer.first.at(b));
        requests = 0;
        problems = 0;
      }
      const at = level.length - 1;
      level.mask[at] = (level.mask[at] ?? 0) | m;
      if (end - base > level.reach.at(at)) level.reach.set(at, end - base, level.length);
      // Its long spans are long here too only if they reach past this bucket's wider stretch.
      if (end >= key + width) level.long[at] = (level.long[at] ?? 0) | (finer.long[b] ?? 0);
      const n = finer.spansIn(b);
      requests += n;
      problems += problemsOf(finer.problems[b] ?? 0, n);
    }
    if (level.length > 0) level.problems[level.length - 1] = shareOf(problems, requests);
    level.lastProblems = problems;
    level.builtTo = finer.builtTo;
    level.trim();
    return level;
  }

  /** Gives back the room a level built in one go did not use. */
  trim(): void {
    if (this.mask.length <= Math.max(64, this.length * 1.25)) return;
    this.resize(Math.max(64, this.length));
  }

  /** Starts a bucket whose first span is `index`. */
  open(index: number): void {
    if (this.length === this.mask.length) this.resize(Math.max(64, this.length * 2));
    const b = this.length++;
    this.first.set(b, index, this.length);
    this.mask[b] = 0;
    this.reach.set(b, 0, this.length);
    this.long[b] = 0;
    this.problems[b] = 0;
  }

  get byteLength(): number {
    return (
      this.first.byteLength +
      this.mask.byteLength +
      this.reach.byteLength +
      this.long.byteLength +
      this.problems.byteLength
    );
  }

  /** How many spans bucket `b` holds. */
  spansIn(b: number): number {
    const next = b + 1 < this.length ? this.first.at(b + 1) : this.builtTo;
    return next - this.first.at(b);
  }

  /** Wall-clock start of the bucket's first span. */
  startOf(b: number): number {
    return this.columns.startAt(this.first.at(b));
  }

  keyOf(b: number): number {
    return Math.floor(this.startOf(b) / this.width) * this.width;
  }

  /** Forgets the buckets from the one holding span `index` on (all of them, before the segment). */
  truncate(index: number): void {
    if (index >= this.builtTo) return;
    if (index <= this.from) {
      this.length = 0;
      this.builtTo = this.from;
      this.lastProblems = 0;
      return;
    }
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.first.at(mid) <= index) lo = mid + 1;
      else hi = mid;
    }
    // lo buckets start at or before `index` (at least the first, the segment's first span): the
    // last of them holds it, and goes with everything after it.
    const drop = Math.max(0, lo - 1);
    this.builtTo = this.first.at(drop);
    this.length = drop;
    this.lastProblems =
      drop > 0 ? problemsOf(this.problems[drop - 1] ?? 0, this.spansIn(drop - 1)) : 0;
  }

  /** Puts the segment's spans from `builtTo` up to `to` (not included) in buckets. */
  extend(to: number): void {
    const columns = this.columns;
    const { starts, outcome, origin } = columns;
    const short = columns.durations.short;
    const width = this.width;
    let key = this.length > 0 ? this.keyOf(this.length - 1) : Number.NaN;
    let base = this.length > 0 ? this.startOf(this.length - 1) : 0;
    // The open bucket's spans and problems (the last one's so far, if spans go on into it).
    let requests = this.length > 0 ? this.spansIn(this.length - 1) : 0;
    let problems = this.lastProblems;
    // Within a segment starts only grow, so a span is in the open bucket or opens a later one.
    for (let i = this.builtTo; i < to; i++) {
      const s = origin + starts.at(i);
      let d = short[i] ?? 0;
      if (d >= LONG) d = columns.durationAt(i);
      const end = Number.isNaN(d) ? s : s + d;
      const m = OUTCOME_MASK[outcome[i] ?? 0] ?? 0;
      if (!(s < key + width && this.length > 0)) {
        if (this.length > 0) this.problems[this.length - 1] = shareOf(problems, requests);
        key = Math.floor(s / width) * width;
        base = s;
        this.open(i);
        requests = 0;
        problems = 0;
      }
      const at = this.length - 1;
      this.mask[at] = (this.mask[at] ?? 0) | m;
      if (end - base > this.reach.at(at)) this.reach.set(at, end - base, this.length);
      if (end >= key + width) this.long[at] = (this.long[at] ?? 0) | m;
      requests++;
      if (m & PROBLEM_BIT) problems++;
    }
    if (this.length > 0) this.problems[this.length - 1] = shareOf(problems, requests);
    this.lastProblems = problems;
    this.builtTo = to;
  }

  /** Index of the first bucket whose spans start at or after `t`, give or take one bucket. */
  firstAt(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startOf(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private resize(size: number): void {
    this.first.resize(size, this.length);
    this.reach.resize(size, this.length);
    const mask = new Uint8Array(size);
    mask.set(this.mask.subarray(0, this.length));
    const long = new Uint8Array(size);
    long.set(this.long.subarray(0, this.length));
    const problems = new Uint8Array(size);
    problems.set(this.problems.subarray(0, this.length));
    this.mask = mask;
    this.long = long;
    this.problems = problems;
  }
}

/** The buckets of one segment of a lane, by resolution (log2 of the bucket width in ms). */
class SegmentSummary {
  private readonly levels = new Map<number, Level>();
  /** The levels `prepare()` keeps, finest to coarsest (none: the segment is read span by span). */
  private finest = Number.POSITIVE_INFINITY;
  private coarsest = Number.NEGATIVE_INFINITY;

  /** The summary of the segment whose first span is `from`. */
  constructor(
    private readonly columns: SpanColumns,
    private readonly from: number,
  ) {}

  /** Builds (or brings up to date) every level a frame can ask for, for spans up to `to`. */
  prepare(to: number): void {
    const { columns, from } = this;
    if (columns.length < SUMMARY_FROM || to - from < SEGMENT_SUMMARY_FROM) return;
    const first = columns.startAt(from);
    const time = Math.max(1, columns.startAt(to - 1) - first);
    const spacing = time / (to - from);
    const finest = Math.max(0, Math.ceil(Math.log2(spacing * FINEST_SPANS_PER_BUCKET)));
    const coarsest = Math.max(finest, Math.ceil(Math.log2(time / COARSEST_BUCKETS)));
    // Levels already kept are extended with the new spans; new ones are built from the spans
    // (the finest) or by merging the level below (the rest).
    for (let k = Math.min(finest, this.finest); k <= coarsest; k++) {
      const kept = this.levels.get(k);
      if (kept) {
        if (kept.builtTo < to) kept.extend(to);
        continue;
      }
      const below = this.levels.get(k - 1);
      let level: Level;
      if (below && k - 1 >= Math.min(finest, this.finest)) level = Level.coarser(below);
      else {
        const capacity = Math.min(to - from, Math.ceil(time / 2 ** k) + 2);
        level = new Level(2 ** k, columns, from, capacity);
        level.extend(to);
        level.trim();
      }
      this.levels.set(k, level);
    }
    this.finest = Math.min(finest, this.finest);
    this.coarsest = Math.max(coarsest, this.coarsest);
  }

  /** See LaneSummary.ready. */
  ready(k: number): Level | null {
    if (k < this.finest) return null;
    return this.levels.get(Math.min(k, this.coarsest)) ?? null;
  }

  /** Buckets of 2^k ms for spans up to `to`, built now if need be (tests and tools). */
  level(k: number, to: number): Level {
    let level = this.levels.get(k);
    if (!level) {
      level = new Level(2 ** k, this.columns, this.from);
      this.levels.set(k, level);
    }
    if (level.builtTo < to) level.extend(to);
    return level;
  }

  /** Forgets the buckets holding span `index` and those after it (they are built again). */
  truncate(index: number): void {
    for (const level of this.levels.values()) level.truncate(index);
  }

  allLevels(): Iterable<[number, Level]> {
    return this.levels;
  }
}

/**
 * The buckets of one lane: of each of its segments (./segments.ts), for a bucket holds spans that
 * start within its width, and after the clock was set back the next spans start earlier than the
 * last bucket: folded into it, they were drawn and counted where the clock had been, not where
 * they started. A lane whose clock never stepped back has one segment.
 */
export class LaneSummary {
  private readonly segments: SegmentSummary[] = [];

  constructor(private readonly columns: SpanColumns) {}

  /**
   * Builds (or brings up to date) every level a frame can ask for: at load, or after new spans,
   * never inside a frame. Costs about one pass over the spans the first time, then only the new
   * ones (and those after a span whose outcome changed).
   */
  prepare(): void {
    this.forgetChanged();
    const { segments } = this.columns;
    for (let g = 0; g < segments.count; g++) this.segment(g).prepare(segments.to(g));
  }

  /**
   * The level of 2^k ms buckets of segment `g` (0: the whole lane unless its clock was set back)
   * as `prepare()` left it (the coarsest when k is coarser still), or null when none is kept that
   * fine: then the frame reads the spans. Never builds anything.
   */
  ready(k: number, g = 0): Level | null {
    return this.segments[g]?.ready(k) ?? null;
  }

  /** Drops the buckets holding spans changed since they were built (they are built again). */
  private forgetChanged(): void {
    const columns = this.columns;
    if (!Number.isFinite(columns.changedFrom)) return;
    for (const segment of this.segments) segment.truncate(columns.changedFrom);
    columns.changedFrom = Number.POSITIVE_INFINITY;
  }

  private segment(g: number): SegmentSummary {
    let segment = this.segments[g];
    if (!segment) {
      segment = new SegmentSummary(this.columns, this.columns.segments.from(g));
      this.segments[g] = segment;
    }
    return segment;
  }

  /** Bytes the kept levels hold (the benchmark's memory figure). */
  get byteLength(): number {
    let bytes = 0;
    for (const segment of this.segments)
      for (const [, level] of segment.allLevels()) bytes += level.byteLength;
    return bytes;
  }

  /** Bucket counts by level, all segments together, for the benchmark's memory figure and tests. */
  levelSizes(): Map<number, number> {
    const sizes = new Map<number, number>();
    for (const segment of this.segments)
      for (const [k, level] of segment.allLevels())
        sizes.set(k, (sizes.get(k) ?? 0) + level.length);
    return sizes;
  }

  /**
   * The buckets of level k, segment after segment, built now if need be (for the tests): key,
   * their spans (first..next), mask, reach, and how many problems their share says they hold.
   */
  buckets(k: number): {
    key: number;
    first: number;
    next: number;
    mask: number;
    end: number;
    problems: number;
  }[] {
    this.forgetChanged();
    const { segments } = this.columns;
    const out = [];
    for (let g = 0; g < segments.count; g++) {
      const to = segments.to(g);
      const level = this.segment(g).level(k, to);
      for (let b = 0; b < level.length; b++) {
        out.push({
          key: level.keyOf(b),
          first: level.first.at(b),
          next: b + 1 < level.length ? level.first.at(b + 1) : to,
          mask: level.mask[b] ?? 0,
          end: level.startOf(b) + level.reach.at(b),
          problems: problemsOf(level.problems[b] ?? 0, level.spansIn(b)),
        });
      }
    }
    return out;
  }
}
