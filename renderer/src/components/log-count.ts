/**
 * The count beside the log's filters. Where the window holds only part of the log (a saved log
 * larger than it, or a live journal whose earlier entries are not paged in) it says so: "113 of
 * 170,000 entries match" beside a 300,000-entry kiosk log read as if the log held 113 failures,
 * when the filters read only the rows loaded and the log held 200 (its strip said so; the count
 * beside the filters did not).
 */
import { LOADED } from '../../../shared/log-window';
import { formatCount } from '../../../shared/format-count';

interface LogCount {
  /** Rows the window holds, and of them those the filters let through. */
  rows: number;
  visible: number;
  filtering: boolean;
  /** Entries of the whole log when the window holds fewer (`partTotal`), else null. */
  total: number | null;
}

export function logCountWords({ rows, visible, filtering, total }: LogCount): string {
  const part = total !== null && total > rows;
  if (!filtering)
    return part
      ? `${formatCount(rows)} of ${formatCount(total)} entries ${LOADED}`
      : `${formatCount(rows)} entries`;
  return `${formatCount(visible)} of ${formatCount(rows)} ${part ? `${LOADED} ` : ''}entries match`;
}

/**
 * The whole log's entries when the window holds only some of them; null when it holds them all,
 * or while a saved log is still being counted (its count so far is not the log's).
 * - a saved log: its count, once its index or its reading has counted every record;
 * - the live log: its journal's, from the first entry main last said it holds to the newest
 *   loaded (one run: each record the next number). Not the rows loaded plus those before them:
 *   a search's jump brings in rows far back, and between them and the newest are more.
 */
export function partTotal(
  rows: number,
  log:
    | { live: true; lastLoaded: number | undefined; journalFirstSeq: number }
    | { live: false; saved: { count: number; counted: boolean; complete: boolean } | null },
): number | null {
  if (log.live) {
    const { lastLoaded, journalFirstSeq } = log;
    if (lastLoaded === undefined) return null;
    const total = lastLoaded - journalFirstSeq + 1;
    return total > rows ? total : null;
  }
  const { saved } = log;
  if (!saved || !(saved.counted || saved.complete)) return null;
  return saved.count > rows ? saved.count : null;
}
