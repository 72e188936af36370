/**
 * The masks a frame draws a dense lane from (see span-summary.ts): read from the span columns
 * while a lane has no more than about DIRECT_PER_PX spans in view per pixel column, and from the
 * lane's summary buckets beyond that, so a frame costs the width of the screen. Beside the masks,
 * how many requests start in each column and how many of them have a problem (`ColumnTally`),
 * from the same spans and buckets in the same pass: what tells a column where a few requests
 * failed from one where most did. A lane is read segment by segment (./segments.ts): after its
 * clock was set back, the spans of each segment start in order, but not the lane's.
 */
import { BLOCK_BITS } from './narrow-columns';
import { LONG, type SpanColumns } from './span-columns';
import {
  OUTCOME_MASK,
  PROBLEM_BIT,
  problemsOf,
  type LaneSummary,
  type Level,
} from './span-summary';

/**
 * Per pixel column, the requests that start in it and how many of those have a problem outcome
 * (from buckets, as many as their share says). A request that started before the column and
 * reaches into it is in the column's mask only.
 */
export interface ColumnTally {
  requests: Float64Array;
  problems: Float64Array;
}

/** A lane in view draws spans one by one while they are at least this many pixels apart. */
const SPARSE_PX = 2;

/**
 * Up to this many spans in view per pixel column of a lane, masks come from the spans themselves;
 * more, and from buckets (no wider than a pixel, so also at most about two per column).
 */
export const DIRECT_PER_PX = 2;

/** How many spans of the lane start between t0 and t1 (the density a technician sees). */
export function visibleCount(columns: SpanColumns, t0: number, t1: number): number {
  // Counted by start: stepping back by the lane's longest request (firstVisible) would count, for
  // one completion an hour late, an hour of requests that are out of view.
  let count = 0;
  for (let g = 0; g < columns.segments.count; g++)
    count += columns.firstStartingAfter(t1, g) - columns.firstStartingAt(t0, g);
  return count;
}

/** True when the lane's spans in view are closer together than SPARSE_PX on average. */
export function isDense(columns: SpanColumns, t0: number, t1: number, plotPx: number): boolean {
  return visibleCount(columns, t0, t1) * SPARSE_PX > plotPx;
}

/**
 * Fills `out` (one byte per pixel column, `t0` at column 0, `scale` px per ms) with the OR of the
 * masks of every span that covers each column, and `tally` (as long as `out`), if given, with the
 * requests and problems starting in each. Returns how many spans or buckets it visited: at most
 * about DIRECT_PER_PX per column once the lane's summary is prepared.
 */
export function columnMasks(
  columns: SpanColumns,
  summary: LaneSummary,
  t0: number,
  t1: number,
  scale: number,
  out: Uint8Array,
  tally: ColumnTally | null = null,
): number {
  out.fill(0);
  tally?.requests.fill(0);
  tally?.problems.fill(0);
  const width = out.length;
  const runs = RUNS.reset(out);
  const segments = columns.segments.count;
  // Buckets or spans, for the lane as a whole: where the clock was set back often, each segment
  // alone could be sparse enough to read span by span while all of them together are not.
  let inView = 0;
  for (let g = 0; g < segments; g++)
    inView += columns.firstStartingAfter(t1, g) - columns.firstVisible(t0, g);
  // The coarsest power of two no wider than a pixel: each bucket starts within one column.
  const k = inView <= DIRECT_PER_PX * width ? -1 : Math.max(0, Math.floor(Math.log2(1 / scale)));
  let visited = 0;
  for (let g = 0; g < segments; g++) {
    const from = columns.firstVisible(t0, g);
    const to = columns.firstStartingAfter(t1, g);
    const level = k < 0 ? null : summary.ready(k, g);
    let direct = from;
    if (level) {
      visited += bucketMasks(columns, level, t0, scale, runs, tally);
      // Spans appended since the summary was last prepared are read one by one.
      direct = Math.max(from, level.builtTo);
    }
    visited += spanMasks(columns, direct, to, t0, scale, runs, tally);
    // Runs merge only items that come in order of their columns: a segment's do, not the lane's.
    runs.finish();
  }
  return visited;
}

/** ORs the masks of spans from..to into the columns they cover; returns how many it read. */
function spanMasks(
  columns: SpanColumns,
  from: number,
  to: number,
  t0: number,
  scale: number,
  runs: Runs,
  tally: ColumnTally | null,
): number {
  const out = runs.out;
  const width = out.length;
  const { starts, outcome, origin } = columns;
  const short = columns.durations.short;
  // x of a start offset is offset * scale + shift: one multiply-add per span.
  const shift = (origin - t0) * scale;
  const requests = tally?.requests ?? null;
  const problems = tally?.problems ?? null;
  let i = from;
  for (; i < to; i++) {
    const x0 = starts.at(i) * scale + shift;
    let d = short[i] ?? 0;
    if (d >= LONG) d = columns.durationAt(i);
    // A waiting span is drawn to the newest time on its own; here it marks where it began.
    const x1 = Number.isNaN(d) ? x0 : x0 + d * scale;
    if (x1 < 0) continue;
    if (x0 >= width) break;
    const m = OUTCOME_MASK[outcome[i] ?? 0] ?? 0;
    const c0 = x0 < 0 ? 0 : Math.floor(x0);
    const c1 = x1 >= width ? width - 1 : Math.floor(x1);
    if (c1 === c0) out[c0] = (out[c0] ?? 0) | m;
    else runs.add(c0, c1, m);
    if (requests && problems && x0 >= 0) {
      requests[c0] = (requests[c0] ?? 0) + 1;
      if (m & PROBLEM_BIT) problems[c0] = (problems[c0] ?? 0) + 1;
    }
  }
  return Math.max(0, i - from);
}

/** ORs the masks of a level's buckets in view into the columns; returns how many it read. */
function bucketMasks(
  columns: SpanColumns,
  level: Level,
  t0: number,
  scale: number,
  runs: Runs,
  tally: ColumnTally | null,
): number {
  const out = runs.out;
  const width = out.length;
  const { starts, origin } = columns;
  const shift = (origin - t0) * scale;
  const { first, mask, reach, long, problems } = level;
  const reachShort = reach.short;
  // The buckets' first spans read straight from their two-byte form (a call each costs frames).
  const narrow = first.blocks();
  const b0 = Math.max(0, level.firstAt(t0 - columns.maxDuration) - 1);
  const requests = tally?.requests ?? null;
  const problemCounts = tally?.problems ?? null;
  // A bucket starting in view is tallied once the next one's first span says how many it holds.
  let pending = -1;
  let pendingFirst = 0;
  let pendingShare = 0;
  let b = b0;
  for (; b < level.length; b++) {
    // The bucket's first span, not its key, so it starts where its requests start.
    const f = narrow ? (narrow.base[b >>> BLOCK_BITS] ?? 0) + (narrow.delta[b] ?? 0) : first.at(b);
    if (pending >= 0 && requests && problemCounts) {
      requests[pending] = (requests[pending] ?? 0) + f - pendingFirst;
      problemCounts[pending] =
        (problemCounts[pending] ?? 0) + problemsOf(pendingShare, f - pendingFirst);
      pending = -1;
    }
    const x0 = starts.at(f) * scale + shift;
    if (x0 >= width) break;
    let r = reachShort[b] ?? 0;
    if (r >= LONG) r = reach.at(b);
    const x1 = x0 + r * scale;
    if (x1 < 0) continue;
    const c0 = x0 < 0 ? 0 : Math.floor(x0);
    const c1 = x1 >= width ? width - 1 : Math.floor(x1);
    // Every span of the bucket where they start (within a pixel), and only the long ones along
    // the columns they reach.
    if (x0 >= 0) {
      out[c0] = (out[c0] ?? 0) | (mask[b] ?? 0);
      pending = c0;
      pendingFirst = f;
      pendingShare = problems[b] ?? 0;
    }
    const l = long[b] ?? 0;
    if (l !== 0 && c1 > c0) runs.add(c0, c1, l);
  }
  // The level's last bucket, in view: its spans run to where the level was built to.
  if (pending >= 0 && requests && problemCounts) {
    requests[pending] = (requests[pending] ?? 0) + level.builtTo - pendingFirst;
    problemCounts[pending] =
      (problemCounts[pending] ?? 0) + problemsOf(pendingShare, level.builtTo - pendingFirst);
  }
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
  out: Uint8Array = new Uint8Array(0);

  /** Starts over on `out`: one instance serves every lane of every frame (no garbage). */
  reset(out: Uint8Array): this {
    this.out = out;
    this.from.fill(-1);
    this.to.fill(-2);
    return this;
  }

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

const RUNS = new Runs();
