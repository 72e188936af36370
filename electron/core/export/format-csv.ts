/**
 * CSV as RFC 4180 describes it (CRLF line ends, fields with commas, quotes or line breaks quoted,
 * quotes doubled), UTF-8 with a byte-order mark because Excel otherwise reads it as the local
 * code page and mangles every non-ASCII character.
 *
 * csv-stringify does the quoting; rows are handed to it in batches because its per-call set-up
 * would otherwise cost more than the formatting. Its default only quotes the record delimiter
 * (CRLF), so a lone LF or CR in a field is quoted explicitly with `quoted_match`.
 *
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
 * leading apostrophe, the usual defence against CSV injection: a device name or error message is
 * data, never something Excel should evaluate.
 */
import { stringify } from 'csv-stringify/sync';
import type { FormatWriterFactory } from './format-writer.js';
import { ROW_COLUMNS, recordRow, type Row } from './record-row.js';

const BATCH = 1024;
const FORMULA_START = /^[=+\-@\t\r]/;

export const csvWriter: FormatWriterFactory = (out) => {
  let batch: Row[] = [];
  let first = true;
  const flush = (): void => {
    if (batch.length === 0 && !first) return;
    out.push(
      stringify(batch, {
        bom: first,
        header: first,
        columns: [...ROW_COLUMNS],
        record_delimiter: 'windows',
        quoted_match: /[\r\n]/,
      }),
    );
    first = false;
    batch = [];
  };
  return {
    write(record) {
      const row = recordRow(record);
      for (let i = 0; i < row.length; i++) {
        const cell = row[i];
        if (typeof cell === 'string' && FORMULA_START.test(cell)) row[i] = `'${cell}`;
      }
      batch.push(row);
      if (batch.length >= BATCH) flush();
    },
    finish() {
      flush();
    },
  };
};
