/**
 * The saved log's words on which of its entries the window holds, when it cannot hold them all:
 * the banner's (the newest, and beside them the entries it opened on and any brought in, which
 * stay where the technician was reading them: LogModel.keepBefore), and the log's line where its
 * rows do not follow on. The rest are not loaded, as the timeline hatches and names them.
 */
import { LOADED, NOT_LOADED, STILL_IN_FILE, STILL_IN_JOURNAL } from '../../../shared/log-window';
import { formatCount } from '../../../shared/format-count';
import { holePage, holeSize, type Hole } from '../store/row-holes';

export interface WindowRows {
  /** Rows the window holds, of which `kept` beside the newest. */
  rows: number;
  kept: number;
  /** Most of the newest rows the window holds. */
  capacity: number;
}

/**
 * The banner's count of the log's records. While a large log's newest rows still come in, its
 * index has counted every record already: "Reading… 1,000,000 records so far" read as if more
 * were still being found. A bundle read to its end is not counted until then, but its manifest
 * says how many records it holds (`expected`): said beside those read so far, as a total, for
 * "Reading… 740,000 records so far" gave no idea how far there was to go.
 */
export function savedCountWords(saved: {
  count: number;
  complete: boolean;
  counted: boolean;
  expected?: number | undefined;
}): string {
  const noun = (n: number) => (n === 1 ? 'record' : 'records');
  const records = `${formatCount(saved.count)} ${noun(saved.count)}`;
  if (saved.complete) return `${records}.`;
  if (saved.counted) return `${records}; loading the newest into the window…`;
  const { expected } = saved;
  // Fewer than read already: the manifest is wrong, and says nothing of what is left.
  return expected !== undefined && expected >= saved.count
    ? `Reading… ${formatCount(saved.count)} of ${formatCount(expected)} ${noun(expected)}.`
    : `Reading… ${records} so far.`;
}

/** The banner's line, or null when the window holds the whole log. */
export function savedWindowNote(
  { rows, kept, capacity }: WindowRows,
  count: number,
): string | null {
  if (rows >= count) return null;
  const newest = `The newest ${formatCount(rows - kept)} of ${formatCount(count)} entries are shown`;
  if (kept === 0)
    return `${newest}: the window holds at most ${formatCount(capacity)}. The earliest are ${STILL_IN_FILE}.`;
  // One line at 1366 px: each line the banner takes is a log row less.
  return (
    `${newest}, and ${formatCount(kept)} earlier ones from the log’s start or brought in; the ` +
    `rest are ${NOT_LOADED}, ${STILL_IN_FILE}.`
  );
}

/**
 * Entries `from` to `to` as the log's # column writes them (no separators), so the numbers read
 * as the rows either side of them do.
 */
function entries(from: number, to: number): string {
  return from === to ? `#${String(from)}` : `#${String(from)}–#${String(to)}`;
}

/**
 * The log's line where rows are missing: how many, which, and that they are not lost (in the
 * saved log's file; `live`: in the run's journal).
 */
export function holeNote(hole: Hole, live = false): string {
  const count = holeSize(hole);
  const what = `${formatCount(count)} ${count === 1 ? 'entry' : 'entries'}`;
  const where = live ? STILL_IN_JOURNAL : STILL_IN_FILE;
  return `${what} ${NOT_LOADED} (${entries(hole.fromSeq, hole.toSeq)}): ${where}.`;
}

/** The line's button, for the entries it brings in: the first page of `hole` (`holePage`). */
export function loadHoleLabel(hole: Hole): string {
  const page = holePage(hole);
  return `Load ${holeSize(page) === 1 ? 'entry' : 'entries'} ${entries(page.fromSeq, page.toSeq)}`;
}

/**
 * What a screen reader hears once a line's entries have come in (`rows`: those that did; main
 * reads fewer of very long lines): the focus goes back to the log, the first of them selected,
 * and nothing else said that they had.
 */
export function broughtInNote(rows: Hole): string {
  const what = holeSize(rows) === 1 ? 'Entry' : 'Entries';
  return `${what} ${entries(rows.fromSeq, rows.toSeq)} ${LOADED}.`;
}

/**
 * What a screen reader hears when Up or Down steps over a line (from the entry before it to the
 * one after, or back): the line's words, and the key that brings in its first entries.
 */
export function steppedOverNote(hole: Hole, live = false): string {
  return `${holeNote(hole, live)} Enter: ${loadHoleLabel(hole).toLowerCase()}.`;
}
