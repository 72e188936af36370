/**
 * The saved log's word on which of its entries the window holds, for the banner, when it cannot
 * hold them all: the newest, and beside them the entries it opened on and any jumped to, which
 * stay where the technician was reading them (LogModel.keepBefore). The rest are not loaded, as
 * the timeline hatches and names them, and the same ways bring them in.
 */
import { formatCount } from '../format';

export interface WindowRows {
  /** Rows the window holds, of which `kept` beside the newest. */
  rows: number;
  kept: number;
  /** Most of the newest rows the window holds. */
  capacity: number;
}

/** The banner's line, or null when the window holds the whole log. */
export function savedWindowNote(
  { rows, kept, capacity }: WindowRows,
  count: number,
): string | null {
  if (rows >= count) return null;
  const newest = `The newest ${formatCount(rows - kept)} of ${formatCount(count)} entries are shown`;
  if (kept === 0)
    return `${newest}: the window holds at most ${formatCount(capacity)}. The earliest are still in the file.`;
  // One line at 1366 px: each line the banner takes is a log row less.
  return (
    `${newest}, and ${formatCount(kept)} earlier ones from the log’s start or jumped to; the ` +
    'rest are not loaded, still in the file.'
  );
}
