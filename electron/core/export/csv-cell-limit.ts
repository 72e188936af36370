/**
 * Excel holds at most 32,767 characters in a cell (Microsoft's "Excel specifications and
 * limits"); a longer CSV cell spills its rest into the rows below and breaks the table for every
 * row after it. A cell that long is a payload's hex or a damaged log's text: it is cut to fit,
 * ending in a marker that says how much was cut and where the whole value is, the marker inside
 * the limit. Done on the text as the cell holds it (redacted, defused), so a cut can neither
 * show an identifier the redactor would have found in the whole value nor undo a defusing
 * apostrophe; the cut never splits a UTF-16 surrogate pair or a redaction token (`IMEI-12` cut
 * to `IMEI-1` would name another device).
 */
import { REDACTION_TOKEN, REDACTION_TOKEN_MAX } from './redact.js';

/** Counted as Excel counts: UTF-16 code units. */
export const EXCEL_CELL_LIMIT = 32_767;

/** "81,234": grouped the same on every machine, whatever its locale. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const marker = (cut: number): string =>
  `…[cut ${grouped(cut)} characters: the JSON Lines export has the whole value]`;

/** `text` as it fits in one Excel cell: itself when it does, else cut with the marker. */
export function fitCell(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  let keep = EXCEL_CELL_LIMIT;
  for (;;) {
    keep = cutPoint(text, keep);
    const said = marker(text.length - keep);
    // Cutting more may have lengthened the count ("9,999" to "10,000"): then cut again.
    if (keep + said.length <= EXCEL_CELL_LIMIT) return text.slice(0, keep) + said;
    keep = EXCEL_CELL_LIMIT - said.length;
  }
}

/** `at`, or before it where the text there is one piece: a surrogate pair, a redaction token. */
function cutPoint(text: string, at: number): number {
  let cut = at;
  const tokens = new RegExp(REDACTION_TOKEN.source, 'g');
  tokens.lastIndex = Math.max(0, cut - 2 * REDACTION_TOKEN_MAX);
  for (let found = tokens.exec(text); found && found.index < cut; found = tokens.exec(text)) {
    if (found.index + found[0].length > cut) {
      cut = found.index;
      break;
    }
  }
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut -= 1;
  return cut;
}
