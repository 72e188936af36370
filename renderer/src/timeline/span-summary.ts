/**
 * What a lane looks like when its requests are denser than pixels: one mask per pixel column
 * saying which marks (and whether any problem outcome) fall in that column, so drawing costs the
 * width of the screen, not the number of requests.
 *
 * The masks come straight from the span columns while a lane has few enough spans in view that a
 * loop over typed arrays is cheap; beyond that, from buckets of power-of-two milliseconds (each
 * holding the OR of its spans' masks, its first span and how far its spans reach), built lazily
 * per resolution and only at the resolutions a zoom level asks for. Only levels coarse enough to
 * be asked for ever exist, which keeps them a small fraction of the spans.
 *
 * Honesty: a mask is an OR, never a majority, so one failed request among thousands of succeeded
 * ones still sets the failed bit and the problem bit of its column. Marks and problems come from
 * the shared rules (`spanMark`, `isProblem`), looked up once per outcome.
 */
import { isProblem, REQUEST_OUTCOMES, type RequestOutcome } from '../../../shared/request/outcome';
import { SPAN_MARKS, spanMark, type SpanMark } from '../../../shared/request/marks';
import { outcomeAt, type SpanColumns } from './span-columns';

/** Bit of the mask that says the column holds a problem outcome (the marks use bits 0..6). */
export const PROBLEM_BIT = 0x80;

/** A lane in view draws spans one by one while they are at least this many pixels apart. */
const SPARSE_PX = 2;

/**
 * Up to this many spans in view in one lane, masks come from the spans themselves (a few ns
 * each); more, and from buckets. The summary levels are only built where a lane is this dense.
 */
export const DIRECT_LIMIT = 8_192;

/** Mask of each outcome, by its index in REQUEST_OUTCOMES. */
const OUTCOME_MASK = Uint8Array.from(
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
 * One resolution: buckets of `width` ms holding only occupied ones, 9 bytes each. A bucket is
 * known by its first span (its key is that span's start, rounded down to the width).
 */
class Level {
  length = 0;
  /** Index of the bucket's first span: its spans are first[b] up to first[b + 1]. */
  first = new Uint32Array(64);
  mask = new Uint8Array(64);
  /** How far past its first span's start the bucket's spans reach (a waiting one: its start). */
  reach = new Float32Array(64);
  /** Spans below this index are in the buckets. */
  builtTo = 0;

  constructor(
    readonly width: number,
    private readonly columns: SpanColumns,
  ) {}

  /** Wall-clock start of the bucket's first span. */
  startOf(b: number): number {
    return this.columns.startAt(this.first[b] ?? 0);
  }

  keyOf(b: number): number {
    return Math.floor(this.startOf(b) / this.width) * this.width;
  }

  /** Forgets the buckets from the one holding span `index` on. */
  truncate(index: number): void {
    if (index >= this.builtTo) return;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.first[mid] ?? 0) <= index) lo = mid + 1;
      else hi = mid;
    }
    // lo buckets start at or before `index` (at least the first, which starts at span 0): the
    // last of them holds it, and goes with everything after it.
    const drop = Math.max(0, lo - 1);
    this.builtTo = this.first[drop] ?? 0;
    this.length = drop;
  }

  extend(): void {
    const columns = this.columns;
    const { offset, duration, outcome, origin } = columns;
    const width = this.width;
    let key = this.length > 0 ? this.keyOf(this.length - 1) : Number.NaN;
    let base = this.length > 0 ? this.startOf(this.length - 1) : 0;
    for (let i = this.builtTo; i < columns.length; i++) {
      const s = origin + (offset[i] ?? 0);
      const d = duration[i] ?? 0;
      const reach = (Number.isNaN(d) ? s : s + d) - base;
      const m = OUTCOME_MASK[outcome[i] ?? 0] ?? 0;
      const last = this.length - 1;
      if (s < key + width && last >= 0) {
        this.mask[last] = (this.mask[last] ?? 0) | m;
        if (reach > (this.reach[last] ?? 0)) this.reach[last] = reach;
        continue;
      }
      if (this.length === this.first.length) this.grow();
      key = Math.floor(s / width) * width;
      base = s;
      this.first[this.length] = i;
      this.mask[this.length] = m;
      this.reach[this.length] = Number.isNaN(d) ? 0 : d;
      this.length++;
    }
    this.builtTo = columns.length;
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

  private grow(): void {
    const size = this.first.length * 2;
    const first = new Uint32Array(size);
    first.set(this.first);
    const mask = new Uint8Array(size);
    mask.set(this.mask);
    const reach = new Float32Array(size);
    reach.set(this.reach);
    this.first = first;
    this.mask = mask;
    this.reach = reach;
  }
}

/** The buckets of one lane, by resolution (log2 of the bucket width in ms). */
export class LaneSummary {
  private readonly levels = new Map<number, Level>();

  constructor(private readonly columns: SpanColumns) {}

  /** Buckets of 2^k ms, brought up to date with the columns. */
  level(k: number): Level {
    const columns = this.columns;
    if (Number.isFinite(columns.changedFrom)) {
      for (const level of this.levels.values()) level.truncate(columns.changedFrom);
      columns.changedFrom = Number.POSITIVE_INFINITY;
    }
    let level = this.levels.get(k);
    if (!level) {
      level = new Level(2 ** k, columns);
      this.levels.set(k, level);
    }
    if (level.builtTo < columns.length) level.extend();
    return level;
  }

  /** Bucket counts by level, for the benchmark's memory figure and the tests. */
  levelSizes(): Map<number, number> {
    return new Map([...this.levels].map(([k, level]) => [k, level.length]));
  }

  /** The buckets of level k, for the tests: key, their spans (first..next), mask, reach. */
  buckets(k: number): { key: number; first: number; next: number; mask: number; end: number }[] {
    const level = this.level(k);
    const out = [];
    for (let b = 0; b < level.length; b++) {
      out.push({
        key: level.keyOf(b),
        first: level.first[b] ?? 0,
        next: b + 1 < level.length ? (level.first[b + 1] ?? 0) : this.columns.length,
        mask: level.mask[b] ?? 0,
        end: level.startOf(b) + (level.reach[b] ?? 0),
      });
    }
    return out;
  }
}

/** How many spans of the lane start between t0 and t1 (the density a technician sees). */
export function visibleCount(columns: SpanColumns, t0: number, t1: number): number {
  // Counted by start: stepping back by the lane's longest request (firstVisible) would count, for
  // one completion an hour late, an hour of requests that are out of view.
  return columns.firstStartingAfter(t1) - columns.firstStartingAt(t0);
}

/** True when the lane's spans in view are closer together than SPARSE_PX on average. */
export function isDense(columns: SpanColumns, t0: number, t1: number, plotPx: number): boolean {
  return visibleCount(columns, t0, t1) * SPARSE_PX > plotPx;
}

/**
 * Fills `out` (one byte per pixel column, `t0` at column 0, `scale` px per ms) with the OR of the
 * masks of every span that covers each column. Returns how many spans or buckets it visited.
 */
export function columnMasks(
  columns: SpanColumns,
  summary: LaneSummary,
  t0: number,
  t1: number,
  scale: number,
  out: Uint8Array,
): number {
  out.fill(0);
  const width = out.length;
  const runs = new Runs(out);
  const { offset, origin } = columns;
  // x of a start offset is offset * scale + shift: one multiply-add per span in the loops below.
  const shift = (origin - t0) * scale;
  const from = columns.firstVisible(t0);
  const to = columns.firstStartingAfter(t1);
  if (to - from <= DIRECT_LIMIT) {
    const { duration, outcome } = columns;
    for (let i = from; i < to; i++) {
      const x0 = (offset[i] ?? 0) * scale + shift;
      const d = duration[i] ?? 0;
      // A waiting span is drawn to the newest time on its own; here it marks where it began.
      const x1 = Number.isNaN(d) ? x0 : x0 + d * scale;
      if (x1 < 0) continue;
      if (x0 >= width) break;
      const m = OUTCOME_MASK[outcome[i] ?? 0] ?? 0;
      const c0 = x0 < 0 ? 0 : Math.floor(x0);
      const c1 = x1 >= width ? width - 1 : Math.floor(x1);
      if (c1 === c0) out[c0] = (out[c0] ?? 0) | m;
      else runs.add(c0, c1, m);
    }
    runs.finish();
    return to - from;
  }
  // The coarsest power of two no wider than a pixel: each bucket starts within one column.
  const k = Math.max(0, Math.floor(Math.log2(1 / scale)));
  const level = summary.level(k);
  const { first, mask, reach } = level;
  const b0 = Math.max(0, level.firstAt(t0 - columns.maxDuration) - 1);
  let b = b0;
  for (; b < level.length; b++) {
    // The bucket's first span, not its key, so it starts where its requests start.
    const x0 = (offset[first[b] ?? 0] ?? 0) * scale + shift;
    if (x0 >= width) break;
    const x1 = x0 + (reach[b] ?? 0) * scale;
    if (x1 < 0) continue;
    const m = mask[b] ?? 0;
    const c0 = x0 < 0 ? 0 : Math.floor(x0);
    const c1 = x1 >= width ? width - 1 : Math.floor(x1);
    if (c1 === c0) out[c0] = (out[c0] ?? 0) | m;
    else runs.add(c0, c1, m);
  }
  runs.finish();
  return b - b0;
}

/**
 * Items covering more than one column, merged per mask bit into runs as they come (in order of
 * their first column) and ORed in when a run ends: each column is written at most once per bit,
 * however many long items overlap it.
 */
class Runs {
  private readonly from = new Int32Array(8).fill(-1);
  private readonly to = new Int32Array(8).fill(-2);

  constructor(private readonly out: Uint8Array) {}

  add(c0: number, c1: number, mask: number): void {
    for (let bit = 0; bit < 8; bit++) {
      if ((mask & (1 << bit)) === 0) continue;
      const to = this.to[bit] ?? -2;
      if (c0 <= to + 1) {
        if (c1 > to) this.to[bit] = c1;
        continue;
      }
      this.flush(bit);
      this.from[bit] = c0;
      this.to[bit] = c1;
    }
  }

  finish(): void {
    for (let bit = 0; bit < 8; bit++) this.flush(bit);
  }

  private flush(bit: number): void {
    const out = this.out;
    const value = 1 << bit;
    const to = this.to[bit] ?? -2;
    for (let c = this.from[bit] ?? -1; c >= 0 && c <= to; c++) out[c] = (out[c] ?? 0) | value;
    this.from[bit] = -1;
    this.to[bit] = -2;
  }
}

/** How many requests of each outcome a stretch of a lane holds: what a dense column's tip says. */
export interface RangeSummary {
  t0: number;
  t1: number;
  total: number;
  counts: Partial<Record<RequestOutcome, number>>;
  /** Index of the first span in the range, and of the first with a problem outcome (or -1). */
  firstIndex: number;
  firstProblem: number;
}

/** Counts the lane's spans that overlap t0..t1 (a waiting one reaches to the newest time). */
export function summarizeRange(columns: SpanColumns, t0: number, t1: number): RangeSummary {
  const counts: Partial<Record<RequestOutcome, number>> = {};
  let total = 0;
  let firstIndex = -1;
  let firstProblem = -1;
  const { offset, duration, outcome, origin } = columns;
  const to = columns.firstStartingAfter(t1);
  for (let i = columns.firstVisible(t0); i < to; i++) {
    const d = duration[i] ?? 0;
    if (!Number.isNaN(d) && origin + (offset[i] ?? 0) + d < t0) continue;
    const o = outcomeAt(outcome[i] ?? 0);
    counts[o] = (counts[o] ?? 0) + 1;
    total++;
    if (firstIndex < 0) firstIndex = i;
    if (firstProblem < 0 && isProblem(o)) firstProblem = i;
  }
  return { t0, t1, total, counts, firstIndex, firstProblem };
}
