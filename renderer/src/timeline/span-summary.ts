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
export const SPARSE_PX = 2;

/**
 * Up to this many spans in view in one lane, masks come from the spans themselves (a few ns
 * each); more, and from buckets. The summary levels are only built where a lane is this dense.
 */
export const DIRECT_LIMIT = 16_384;

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

/** One resolution: buckets of `width` ms, keyed by their start, holding only occupied ones. */
class Level {
  length = 0;
  key = new Float64Array(64);
  /** Index of the bucket's first span: its spans are first[b] up to first[b + 1]. */
  first = new Uint32Array(64);
  mask = new Uint8Array(64);
  /** Latest end of the bucket's spans (a waiting one counts as its start). */
  reach = new Float64Array(64);
  /** Spans below this index are in the buckets. */
  builtTo = 0;

  constructor(readonly width: number) {}

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

  extend(columns: SpanColumns): void {
    const { start, duration, outcome } = columns;
    const width = this.width;
    for (let i = this.builtTo; i < columns.length; i++) {
      const s = start[i] ?? 0;
      const d = duration[i] ?? 0;
      const end = Number.isNaN(d) ? s : s + d;
      const key = Math.floor(s / width) * width;
      const m = OUTCOME_MASK[outcome[i] ?? 0] ?? 0;
      const last = this.length - 1;
      if (last >= 0 && this.key[last] === key) {
        this.mask[last] = (this.mask[last] ?? 0) | m;
        if (end > (this.reach[last] ?? 0)) this.reach[last] = end;
        continue;
      }
      if (this.length === this.key.length) this.grow();
      this.key[this.length] = key;
      this.first[this.length] = i;
      this.mask[this.length] = m;
      this.reach[this.length] = end;
      this.length++;
    }
    this.builtTo = columns.length;
  }

  /** Index of the first bucket whose key is at or after `t`. */
  firstAt(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.key[mid] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const size = this.key.length * 2;
    const key = new Float64Array(size);
    key.set(this.key);
    const first = new Uint32Array(size);
    first.set(this.first);
    const mask = new Uint8Array(size);
    mask.set(this.mask);
    const reach = new Float64Array(size);
    reach.set(this.reach);
    this.key = key;
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
      level = new Level(2 ** k);
      this.levels.set(k, level);
    }
    if (level.builtTo < columns.length) level.extend(columns);
    return level;
  }

  /** Bucket counts by level, for the benchmark's memory figure and the tests. */
  levelSizes(): Map<number, number> {
    return new Map([...this.levels].map(([k, level]) => [k, level.length]));
  }

  /** The buckets of level k as [key, first, next first, mask, reach], for the tests. */
  buckets(k: number): [number, number, number, number, number][] {
    const level = this.level(k);
    const out: [number, number, number, number, number][] = [];
    for (let b = 0; b < level.length; b++) {
      const next = b + 1 < level.length ? (level.first[b + 1] ?? 0) : this.columns.length;
      out.push([
        level.key[b] ?? 0,
        level.first[b] ?? 0,
        next,
        level.mask[b] ?? 0,
        level.reach[b] ?? 0,
      ]);
    }
    return out;
  }
}

/** How many spans of the lane may be visible between t0 and t1. */
export function visibleCount(columns: SpanColumns, t0: number, t1: number): number {
  return columns.firstStartingAfter(t1) - columns.firstVisible(t0);
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
  const sweep = new Sweep(out);
  const from = columns.firstVisible(t0);
  const to = columns.firstStartingAfter(t1);
  if (to - from <= DIRECT_LIMIT) {
    const { start, duration, outcome } = columns;
    for (let i = from; i < to; i++) {
      const s = start[i] ?? 0;
      const d = duration[i] ?? 0;
      // A waiting span is drawn to the newest time on its own; here it marks where it began.
      const e = Number.isNaN(d) ? s : s + d;
      if (!sweep.add((s - t0) * scale, (e - t0) * scale, OUTCOME_MASK[outcome[i] ?? 0] ?? 0)) break;
    }
    sweep.finish();
    return to - from;
  }
  // The coarsest power of two no wider than a pixel: each bucket lands within one column.
  const k = Math.max(0, Math.floor(Math.log2(1 / scale)));
  const level = summary.level(k);
  const { key, first, mask, reach } = level;
  const b0 = level.firstAt(t0 - columns.maxDuration - level.width);
  let b = b0;
  for (; b < level.length; b++) {
    const bucketKey = key[b] ?? 0;
    if (bucketKey > t1) break;
    // The bucket's first span, not its key, so it starts where its requests start.
    const s = columns.start[first[b] ?? 0] ?? bucketKey;
    if (!sweep.add((s - t0) * scale, ((reach[b] ?? 0) - t0) * scale, mask[b] ?? 0)) break;
  }
  sweep.finish();
  return b - b0;
}

/**
 * ORs masks into columns for items in ascending order of their first column; an item covering
 * many columns costs one update, not one per column (the reach of each bit is carried forward).
 */
class Sweep {
  private col = 0;
  private readonly reach = new Float64Array(8).fill(-1);
  private reaching = 0;

  constructor(private readonly out: Uint8Array) {}

  /** False once items start beyond the last column: the caller can stop. */
  add(x0: number, x1: number, mask: number): boolean {
    const out = this.out;
    if (x1 < 0) return true;
    const c0 = x0 < 0 ? 0 : Math.floor(x0);
    if (c0 >= out.length) return false;
    const c1 = Math.min(Math.floor(x1), out.length - 1);
    if (c0 > this.col) this.advance(c0);
    out[c0] = (out[c0] ?? 0) | mask;
    if (c1 > c0) {
      for (let bit = 0; bit < 8; bit++) {
        if (mask & (1 << bit) && c1 > (this.reach[bit] ?? -1)) this.reach[bit] = c1;
      }
      this.reaching |= mask;
    }
    return true;
  }

  finish(): void {
    this.advance(this.out.length);
  }

  /** Fills columns up to (not including) `to` with the bits still reaching them. */
  private advance(to: number): void {
    const out = this.out;
    if (this.reaching === 0) {
      this.col = to;
      return;
    }
    for (let c = this.col; c < to; c++) {
      let carried = 0;
      for (let bit = 0; bit < 8; bit++) {
        if ((this.reaching & (1 << bit)) === 0) continue;
        if ((this.reach[bit] ?? -1) >= c) carried |= 1 << bit;
        else this.reaching &= ~(1 << bit);
      }
      out[c] = (out[c] ?? 0) | carried;
      if (this.reaching === 0) break;
    }
    this.col = to;
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
  const { start, duration, outcome } = columns;
  const to = columns.firstStartingAfter(t1);
  for (let i = columns.firstVisible(t0); i < to; i++) {
    const d = duration[i] ?? 0;
    if (!Number.isNaN(d) && (start[i] ?? 0) + d < t0) continue;
    const o = outcomeAt(outcome[i] ?? 0);
    counts[o] = (counts[o] ?? 0) + 1;
    total++;
    if (firstIndex < 0) firstIndex = i;
    if (firstProblem < 0 && isProblem(o)) firstProblem = i;
  }
  return { t0, t1, total, counts, firstIndex, firstProblem };
}
