/**
 * Where the overview strip puts the whole log: time to x and back, and the records and problem
 * records of each pixel column from main's bins. No canvas: what the strip draws (./draw-overview.ts)
 * and what its tests check it drew are one sharing out.
 */
import type { LogOverview } from '../../../electron/ipc/contract';

/** x (CSS px) of time `t` on the strip; the log's range fills the width. */
export function xOfTime(overview: LogOverview, width: number, t: number): number {
  const { t0, t1 } = overview;
  if (t0 === null || t1 === null) return 0;
  return ((t - t0) / Math.max(1, t1 - t0)) * width;
}

/** The time under x (CSS px), clamped to the log's range. */
export function timeAtX(overview: LogOverview, width: number, x: number): number | null {
  const { t0, t1 } = overview;
  if (t0 === null || t1 === null) return null;
  const f = Math.min(1, Math.max(0, x / Math.max(1, width)));
  return t0 + f * (t1 - t0);
}

/**
 * Records and problem records per pixel column. A bin spanning several columns is shared out by
 * how much of its time falls in each, so a steady log draws flat (not spikes where bins meet).
 */
export function columnsOf(
  overview: LogOverview,
  width: number,
): { records: Float64Array; problems: Float64Array } {
  const n = Math.max(1, Math.floor(width));
  const records = new Float64Array(n);
  const problems = new Float64Array(n);
  const { t0, t1 } = overview;
  if (t0 === null || t1 === null) return { records, problems };
  const perColumn = Math.max(1, t1 - t0) / n;
  for (const bin of overview.bins) {
    const a = Math.min(n - 1, Math.max(0, Math.floor((bin.t0 - t0) / perColumn)));
    const b = Math.min(n - 1, Math.max(a, Math.floor((bin.t1 - t0) / perColumn)));
    const span = bin.t1 - bin.t0;
    for (let x = a; x <= b; x++) {
      const from = Math.max(bin.t0, t0 + x * perColumn);
      const to = Math.min(bin.t1, t0 + (x + 1) * perColumn);
      const share = span > 0 ? Math.max(0, to - from) / span : 1 / (b - a + 1);
      records[x] = (records[x] ?? 0) + bin.records * share;
      problems[x] = (problems[x] ?? 0) + bin.problems * share;
    }
  }
  return { records, problems };
}
