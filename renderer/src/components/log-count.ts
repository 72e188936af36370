/**
 * The count beside the log's filters. Where the window holds only part of the log (a saved log
 * larger than it, or a live journal whose earlier entries are not paged in) it says so: "113 of
 * 170,000 entries match" beside a 300,000-entry kiosk log read as if the log held 113 failures,
 * when the filters read only the rows loaded and the log held 200 (its strip said so; the count
 * beside the filters did not).
 */
import { LOADED } from '../../../shared/log-window';
import { formatCount } from '../../../shared/format-count';

/**
 * The whole log's entries where the window holds only some of them (`partTotal`): how many, or
 * `reading` while a saved log is read and not yet counted (more may come); null when it holds
 * them all.
 */
export type PartTotal = number | 'reading' | null;

interface LogCount {
  /** Rows the window holds, and of them those the filters let through. */
  rows: number;
  visible: number;
  filtering: boolean;
  total: PartTotal;
}

export function logCountWords({ rows, visible, filtering, total }: LogCount): string {
  // partTotal says a number only where it is more than the rows loaded.
  const part = total !== null;
  if (filtering)
    return `${formatCount(visible)} of ${formatCount(rows)} ${part ? `${LOADED} ` : ''}entries match`;
  if (total === 'reading') return `${formatCount(rows)} entries ${LOADED} so far`;
  return part
    ? `${formatCount(rows)} of ${formatCount(total)} entries ${LOADED}`
    : `${formatCount(rows)} entries`;
}

/** The name of the button that searches the whole log: how many entries, when known. */
export function searchAllName(total: Exclude<PartTotal, null>): string {
  return total === 'reading'
    ? 'Search all entries of the log'
    : `Search all ${formatCount(total)} entries`;
}

/**
 * The whole log's entries when the window holds only some of them; null when it holds them all.
 * - a saved log: its count, once its index or its reading has counted every record; `reading`
 *   before (its first page in, the rest still read: "2,000 entries" beside the filters read as
 *   the log's size while its strip, from the index, already said 1,000,000);
 * - the live log: its journal's, from the first entry main last said it holds to the newest
 *   loaded (one run: each record the next number). Not the rows loaded plus those before them:
 *   a search's jump brings in rows far back, and between them and the newest are more.
 */
export function partTotal(
  rows: number,
  log:
    | { live: true; lastLoaded: number | undefined; journalFirstSeq: number }
    | { live: false; saved: { count: number; counted: boolean; complete: boolean } | null },
): PartTotal {
  if (log.live) {
    const { lastLoaded, journalFirstSeq } = log;
    if (lastLoaded === undefined) return null;
    const total = lastLoaded - journalFirstSeq + 1;
    return total > rows ? total : null;
  }
  const { saved } = log;
  if (!saved) return null;
  if (!saved.counted && !saved.complete) return 'reading';
  return saved.count > rows ? saved.count : null;
}
