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
import { columnsOf, xOfTime } from './overview-columns';

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
