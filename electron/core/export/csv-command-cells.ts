/**
 * The CSV rows a helper made for passing lines (line-block-check.ts), taken while RequestCommands
 * keeps a request: the helper never saw the request, so the row of one of its records lacks the
 * command ID and name. Each line is looked at, and such a row gets them here, from the line's own
 * text, without parsing it: the row is otherwise the full path's, and no passing kind has a
 * command, event, response or payload field, so every made row ends in those cells, empty
 * (`,,,,,\r\n`), and the command's two go in their place. The tests (csv-command-ids.test.ts)
 * hold it to the full path, byte for byte.
 */
import { LINE_FIELDS, LineRun, type MadeText, type RawLine } from './raw-line.js';
import { ROW_COLUMNS } from './record-row.js';
import type { RequestCommands } from './request-commands.js';
import type { TextBuffer } from './text-buffer.js';

const REF_KEY = '"ref":"';
/**
 * How far from a made row's end the comma before its command ID is: the command ID and the cells
 * after it, all empty (`,,,,,\r\n`).
 */
const TAIL = ROW_COLUMNS.length - ROW_COLUMNS.indexOf('command_id') + 2;

/**
 * Writes `line`'s made rows (`made`), each one of a kept request with its command; `cells` makes
 * the command's two cells (`3,RADIO_STATE`) as the full path does.
 */
export function writeCommandCells(
  out: TextBuffer,
  line: RawLine,
  made: MadeText,
  commands: RequestCommands,
  cells: (serviceId: string, commandId: number) => string,
): void {
  const run = line instanceof LineRun;
  const count = run ? line.count : 1;
  // The lines as one string: no text of a passing line holds a quote, so a `"ref":"` is the key's.
  const text = line.buf.toString('latin1', line.from, line.to);
  const madeBuf = made.buf;
  let written = made.from;
  let unlooked = 0;
  // Where the next `"ref":"` is in `text`: -2 before looking, -1 when there is none.
  let ref = -2;
  for (let i = 0; i < count; i++) {
    const k = (made.first + i) * LINE_FIELDS;
    const from = run ? made.base + (made.lines[k] ?? 0) - line.from : 0;
    const to = run ? made.base + (made.lines[k + 1] ?? 0) - line.from : text.length;
    const rowTo = run ? (made.lines[k + LINE_FIELDS - 1] ?? made.to) : made.to;
    if (ref !== -1 && ref < from) ref = text.indexOf(REF_KEY, from);
    if (ref === -1 || ref >= to) {
      unlooked += 1;
      continue;
    }
    // Counted in order: what is forgotten when depends on the count (RequestCommands).
    commands.passed(unlooked);
    unlooked = 0;
    const refAt = ref + REF_KEY.length;
    const requestRef = text.slice(refAt, text.indexOf('"', refAt));
    if (!commands.has(requestRef)) {
      commands.passed(1);
      continue;
    }
    const serviceId = field(text, '"serviceId":"', from, to);
    const command = commands.moment(
      field(text, '"kind":"', from, to),
      requestRef,
      field(text, '"op":"', from, to),
      field(text, '"interfaceId":"', from, to),
      serviceId,
      field(text, '"outcome":"', from, to) || null,
    );
    if (command !== null) {
      // `…model,` then the command's two cells, then the other cells' commas and CRLF.
      const tail = rowTo - TAIL;
      out.pushBytes(madeBuf, written, tail + 1);
      out.push(cells(serviceId, command));
      written = tail + 2;
    }
  }
  if (made.to > written) out.pushBytes(madeBuf, written, made.to);
  commands.passed(unlooked);
}

/** A string field's value in `text[from, to)` (a passing line's); empty when it has none. */
function field(text: string, key: string, from: number, to: number): string {
  const at = text.indexOf(key, from);
  if (at === -1 || at >= to) return '';
  const value = at + key.length;
  return text.slice(value, text.indexOf('"', value));
}
