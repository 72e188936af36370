/**
 * Where the overview strip puts the whole log: time to x and back, and the records and problem
 * records of each pixel column from main's bins. No canvas: what the strip draws (./draw-overview.ts)
 * and what its tests check it drew are one sharing out, which main shares a log out by too when it
 * answers with one bin per column of the strip (shared/overview-columns.ts).
 */
import type { LogOverview } from '../../../electron/ipc/contract';
import { OVERVIEW_MAX_COLUMNS } from '../../../shared/overview-columns';

export { columnsOf } from '../../../shared/overview-columns';

/**
 * The strip's pixel columns for its width (CSS px): what the window asks main for, and how many
 * columns it draws (columnsOf floors the width the same way). A strip not laid out yet counts as
 * the width it is painted at then; one wider than main answers for shares its bins out wider.
 */
export function stripColumns(clientWidth: number): number {
  return Math.min(OVERVIEW_MAX_COLUMNS, Math.max(1, Math.floor(clientWidth || FALLBACK_WIDTH)));
}

/** The width a strip not laid out yet is painted at (Overview.tsx). */
export const FALLBACK_WIDTH = 800;

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
