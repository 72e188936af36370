/**
 * A lane's point marks when they are denser than pixels: which kinds of mark fall in each pixel
 * column, so drawing them costs the width of the screen, not the number of marks in view (a fast
 * live log's device notification every 2 ms put a quarter of a million in view, each its own
 * filled shape, and the window crawled at a frame a second).
 *
 * Per lane's list of marks, kept beside it as ./segments.ts keeps its segments (and brought up to
 * date the same way: a frame pays only for marks appended since), one byte per mark holding its
 * kind's bit, and above it levels of ORs over blocks of 2, 4, 8… marks by index. A frame walks
 * the columns in view segment by segment: for each column holding a mark, the first mark past the
 * column is found by a galloping search over the segment's times (which only grow), and the kinds
 * of every mark between by at most two blocks a level: a few dozen steps a column, whatever the
 * number of marks. An OR, never a count or a majority, so one device removal among thousands of
 * arrivals still sets its column's bit: the drawing puts the rare, bad kinds on top
 * (./draw-marks.ts `DRAW_ORDER`).
 *
 * Built lazily, not in `TimelineModel.prepare`: the first frame that needs a lane's marks as
 * columns builds their bytes in one pass over them (about 20 ms for the window's 250,000
 * rows); every later frame only adds what came since.
 */
import type { Viewport } from './geometry';
import { segmentsOf } from './segments';
import type { MarkKind, TimelineMark } from './timeline-lanes';

/** The mask bit of each kind. */
export const KIND_BIT: Readonly<Record<MarkKind, number>> = {
  read: 1 << 0,
  notification: 1 << 1,
  backend: 1 << 2,
  arrival: 1 << 3,
  removal: 1 << 4,
  'backend-down': 1 << 5,
  unmatched: 1 << 6,
  error: 1 << 7,
};

/** Levels of ORs over a lane's marks by index: level 0 a mark each, level L blocks of 2^L. */
class KindLevels {
  /** How many marks have been noted. */
  length = 0;
  private readonly levels: Uint8Array[] = [new Uint8Array(64)];

  /** Notes the kinds of the marks appended to `list` since the last call. */
  update(list: readonly TimelineMark[]): void {
    const from = this.length;
    const n = list.length;
    if (n === from) return;
    let level = this.sized(0, n);
    for (let i = from; i < n; i++) level[i] = KIND_BIT[list[i]?.kind ?? 'read'];
    // Each coarser level: the blocks the new marks are in, from the two blocks below each.
    for (let l = 1, size = n; size > 1; l++) {
      size = Math.ceil(size / 2);
      const below = level;
      level = this.sized(l, size);
      for (let b = from >>> l; b < size; b++)
        level[b] = (below[2 * b] ?? 0) | (below[2 * b + 1] ?? 0);
    }
    this.length = n;
  }

  /** The OR of the kinds of marks from..to (to excluded): at most two blocks a level. */
  kinds(from: number, to: number): number {
    let mask = 0;
    let i = from;
    let j = to;
    for (let l = 0; i < j; l++) {
      const level = this.levels[l];
      if (!level) break;
      if (i & 1) mask |= level[i++] ?? 0;
      if (j & 1) mask |= level[--j] ?? 0;
      i >>>= 1;
      j >>>= 1;
    }
    return mask;
  }

  /** Level `l`, with room for `size` entries (grown by doubling, what it held kept). */
  private sized(l: number, size: number): Uint8Array {
    const level = this.levels[l];
    if (level && level.length >= size) return level;
    const grown = new Uint8Array(Math.max(64, size * 2));
    if (level) grown.set(level);
    this.levels[l] = grown;
    return grown;
  }
}

const OF_LIST = new WeakMap<readonly TimelineMark[], KindLevels>();

/** The kind levels of a list that only grows at its end, up to date (a shorter list: anew). */
function levelsOf(list: readonly TimelineMark[]): KindLevels {
  let levels = OF_LIST.get(list);
  if (!levels || levels.length > list.length) {
    levels = new KindLevels();
    OF_LIST.set(list, levels);
  }
  levels.update(list);
  return levels;
}

/** The first index in from..to (times ascending) whose time is at least `t`; `to` when none. */
function firstAtLeast(marks: readonly TimelineMark[], from: number, to: number, t: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((marks[mid]?.t ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** As firstAtLeast, galloping from `from`: steps that grow by doubling, then a binary search. */
function gallop(marks: readonly TimelineMark[], from: number, to: number, t: number): number {
  let lo = from;
  for (let step = 1; lo < to; step *= 2) {
    const probe = Math.min(to, lo + step) - 1;
    if ((marks[probe]?.t ?? 0) >= t) return firstAtLeast(marks, lo, probe, t);
    lo = probe + 1;
  }
  return to;
}

/**
 * Fills `out` (one byte per plot column, the view's t0 at column 0) with the OR of the kind bits
 * of the marks in each column (KIND_BIT); returns how many columns holding marks it visited.
 */
function markColumns(marks: readonly TimelineMark[], view: Viewport, out: Uint8Array): number {
  out.fill(0);
  const width = out.length;
  if (marks.length === 0 || width === 0) return 0;
  const levels = levelsOf(marks);
  const segments = segmentsOf(marks);
  const { t0, t1 } = view;
  const scale = width / (t1 - t0);
  let visited = 0;
  for (let g = 0; g < segments.count; g++) {
    const to = segments.to(g);
    let i = firstAtLeast(marks, segments.from(g), to, t0);
    while (i < to) {
      const t = marks[i]?.t ?? 0;
      if (t > t1) break;
      const c = Math.min(width - 1, Math.floor((t - t0) * scale));
      // The first mark past this column (at least the next one: rounding never stalls the walk).
      const next = gallop(marks, i + 1, to, t0 + (c + 1) / scale);
      out[c] = (out[c] ?? 0) | levels.kinds(i, next);
      visited++;
      i = next;
    }
  }
  return visited;
}

/** A lane's columns as last computed, for the frame that asks again (the dense ticks, then marks). */
interface Kept {
  t0: number;
  t1: number;
  length: number;
  columns: Uint8Array;
}
const KEPT = new WeakMap<readonly TimelineMark[], Kept>();

/**
 * The mark columns of `marks` for `view` over `width` plot columns: computed at most once for a
 * lane's view and marks (the frame reads them twice, for the read ticks and for the shapes).
 */
export function markColumnsOf(
  marks: readonly TimelineMark[],
  view: Viewport,
  width: number,
): Uint8Array {
  const w = Math.max(1, Math.ceil(width));
  let kept = KEPT.get(marks);
  if (
    kept?.t0 === view.t0 &&
    kept.t1 === view.t1 &&
    kept.length === marks.length &&
    kept.columns.length === w
  )
    return kept.columns;
  if (kept?.columns.length !== w) {
    kept = { t0: 0, t1: 0, length: 0, columns: new Uint8Array(w) };
    KEPT.set(marks, kept);
  }
  markColumns(marks, view, kept.columns);
  kept.t0 = view.t0;
  kept.t1 = view.t1;
  kept.length = marks.length;
  return kept.columns;
}
