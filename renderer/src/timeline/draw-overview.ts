/**
 * Draws the whole log's overview strip: a histogram of records over time (one column per pixel,
 * summed from main's bins, so the cost follows the width, not the log), each bar's share of
 * problem records in the failure colour from its foot, a band in the failure colour along the top
 * over every stretch holding a problem record (so a rare failure in a quiet week is still seen),
 * and the timeline's visible window as a framed band.
 *
 * The band says where there are problems, the bars how many, as the dense timeline lanes' tick and
 * bar do (./draw-dense.ts): in a kiosk log where 2 % of a million records are problems every
 * stretch holds some, and the band runs the whole width, truthfully; the bars, barely red at the
 * foot, say they are few, and a burst where most records failed stands out red.
 */
import type { LogOverview } from '../../../electron/ipc/contract';

export interface OverviewColours {
  bg: string;
  bars: string;
  problem: string;
  window: string;
  grid: string;
}

export interface OverviewView {
  width: number;
  height: number;
}

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

export function drawOverview(
  ctx: CanvasRenderingContext2D,
  overview: LogOverview,
  view: OverviewView,
  colours: OverviewColours,
  visible: { t0: number; t1: number } | null,
): void {
  const { width, height } = view;
  ctx.fillStyle = colours.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = colours.grid;
  ctx.fillRect(0, height - 1, width, 1);
  const { records, problems } = columnsOf(overview, width);
  let max = 0;
  for (const r of records) if (r > max) max = r;
  // Problems get a band of their own along the top: a stretch of the log (a column, or an index
  // bucket main did not read again) holding any problem record shows it however few there are
  // among many.
  const band = 5;
  const room = height - band - 2;
  if (max > 0) {
    ctx.fillStyle = colours.bars;
    records.forEach((r, x) => {
      if (r <= 0) return;
      const h = Math.max(1, (r / max) * room);
      ctx.fillRect(x, height - 1 - h, 1, h);
    });
    ctx.fillStyle = colours.problem;
    // Problem records' share of each bar, from its foot, and no more: no least height, the band
    // above already shows the rare ones.
    problems.forEach((p, x) => {
      const r = records[x] ?? 0;
      if (p <= 0 || r <= 0) return;
      const h = Math.max(1, (r / max) * room) * Math.min(1, p / r);
      ctx.fillRect(x, height - 1 - h, 1, h);
    });
  }
  if (visible && overview.t0 !== null) {
    const a = Math.max(0, xOfTime(overview, width, visible.t0));
    const b = Math.min(width, xOfTime(overview, width, visible.t1));
    // A window narrower than a few pixels (a zoom into one second of a week) stays findable.
    const left = Math.min(a, width - 3);
    const w = Math.max(3, b - a);
    // Tinted only while narrow, where the tint is what finds it: over most of the strip (Fit all)
    // the window's orange tint turned every bar brown-red, read as "problems everywhere", and its
    // outline shows a wide window well enough.
    if (w < width / 2) {
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = colours.window;
      ctx.fillRect(left, 0, w, height);
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = colours.window;
    ctx.lineWidth = 2;
    ctx.strokeRect(left + 1, 1, w - 2, height - 2);
  }
  // The band last, over the window's frame: drawn under it, the frame's edge hid a problem at
  // either end of the strip (a live log's newest, at the right, where the window follows) and
  // half of every other mark, under a count that said it was there.
  // At least three pixels wide: one failure in a short log is one column, and must be seen.
  ctx.fillStyle = colours.problem;
  problems.forEach((p, x) => {
    if (p > 0) ctx.fillRect(Math.min(width - 3, Math.max(0, x - 1)), 0, 3, band);
  });
}
