/**
 * The rows jumps (a search hit, Go to time, a row) bring into a saved log's window while it still
 * pages in. Of a log larger than the window, the first page gives way to the newest rows; the rows
 * jumped to go with it and are put back with the last page (./file-actions.ts), wherever they lie:
 * the first page's range too, where the window held them already before the jump.
 */
import type { LogRow } from '../../../electron/ipc/contract';

let kept: { logId: number; rows: LogRow[] } | null = null;

/** From now until `takeJumped`, the rows jumps bring into saved log `logId` are kept. */
export function keepJumpsIn(logId: number): void {
  kept = { logId, rows: [] };
}

/** Rows a jump brought into saved log `logId`; kept only while that log pages in. */
export function keepJumped(logId: number, rows: readonly LogRow[]): void {
  if (kept?.logId === logId) kept.rows.push(...rows);
}

/** The rows kept of log `logId` (none for another log); no more are kept after. */
export function takeJumped(logId: number): LogRow[] {
  if (kept?.logId !== logId) return [];
  const { rows } = kept;
  kept = null;
  return rows;
}
