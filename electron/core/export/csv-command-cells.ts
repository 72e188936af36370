/**
 * The CSV rows a helper made for passing lines (line-block-check.ts), taken while RequestCommands
 * keeps a request: the helper never saw the request, so the row of one of its records lacks the
 * command ID and name. Each row is looked up by the ref key the helper gave it (ref-key.ts), and
 * one of a kept request gets them here, from its line's own text, without parsing it: the row is
 * otherwise the full path's, and no passing kind has a command, event, response or payload field,
 * so every made row ends in those cells, empty (`,,,,,\r\n`), and the command's two go in their
 * place. The tests (csv-command-ids.test.ts) hold it to the full path, byte for byte.
 */
import { LINE_FIELDS, LineRun, type MadeText, type RawLine } from './raw-line.js';
import { ROW_COLUMNS } from './record-row.js';
import type { RefKey } from '../../../shared/request/ref-key.js';
import type { RequestCommands } from '../../../shared/request/request-commands.js';
import { NO_REF, OTHER_REF } from './ref-key.js';
import type { TextBuffer } from './text-buffer.js';

/**
 * How far from a made row's end the comma before its command ID is: the command ID and the cells
 * after it, all empty (`,,,,,\r\n`).
 */
const TAIL = ROW_COLUMNS.length - ROW_COLUMNS.indexOf('command_id') + 2;

/**
 * Writes the made rows of `line` (a run of lines, or one), each one of a kept request with its
 * command; `cells` makes the command's two cells (`3,RADIO_STATE`) as the full path does.
 * `rowStart`: text each row starts with (its run's cell, in an export of every run), or none.
 */
export function writeCommandCells(
  out: TextBuffer,
  line: RawLine,
  made: MadeText,
  commands: RequestCommands,
  cells: (serviceId: string, commandId: number) => string,
  rowStart = '',
): void {
  const { lines, base } = made;
  const last = (made.first + (line instanceof LineRun ? line.count : 1)) * LINE_FIELDS;
  let written = made.from;
  let unlooked = 0;
  /** Where the next row's text starts: the row before's end. */
  let rowFrom = made.from;
  for (let k = made.first * LINE_FIELDS; k < last; k += LINE_FIELDS) {
    if (rowStart !== '') {
      out.pushBytes(made.buf, written, rowFrom);
      out.push(rowStart);
      written = rowFrom;
    }
    rowFrom = lines[k + 5] ?? made.to;
    const ref = lines[k + 6] ?? NO_REF;
    if (ref === NO_REF) {
      unlooked += 1;
      continue;
    }
    // Counted in order: what is forgotten when depends on the count (RequestCommands).
    commands.passed(unlooked);
    unlooked = 0;
    const from = base + (lines[k] ?? 0);
    const text =
      ref === OTHER_REF ? line.buf.toString('latin1', from, base + (lines[k + 1] ?? 0)) : '';
    const key: RefKey = ref === OTHER_REF ? field(text, '"ref":"') : ref;
    if (!commands.has(key)) {
      commands.passed(1);
      continue;
    }
    // No text of a passing line holds a quote or an escape: a `"key":"` is the key's, its value
    // the text up to the next quote.
    const own = text || line.buf.toString('latin1', from, base + (lines[k + 1] ?? 0));
    const serviceId = field(own, '"serviceId":"');
    const command = commands.moment(
      field(own, '"kind":"'),
      key,
      field(own, '"op":"'),
      field(own, '"interfaceId":"'),
      serviceId,
      field(own, '"outcome":"') || null,
    );
    if (command === null) continue;
    // `…model,` then the command's two cells, then the other cells' commas and CRLF.
    const tail = rowFrom - TAIL;
    out.pushBytes(made.buf, written, tail + 1);
    out.push(cells(serviceId, command));
    written = tail + 2;
  }
  if (made.to > written) out.pushBytes(made.buf, written, made.to);
  commands.passed(unlooked);
}

/** A string field's value in a passing line's text; empty when it has none. */
function field(text: string, key: string): string {
  const at = text.indexOf(key);
  if (at === -1) return '';
  const value = at + key.length;
  return text.slice(value, text.indexOf('"', value));
}
