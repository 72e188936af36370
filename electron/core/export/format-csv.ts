/**
 * CSV as RFC 4180 describes it: CRLF line ends; a field holding a comma, a double quote, CR or
 * LF is enclosed in double quotes, with its quotes doubled. UTF-8 with a byte-order mark, because
 * Excel otherwise reads the file in the local code page and mangles every non-ASCII character.
 *
 * Why not csv-stringify: it was tried first, and the benchmark's profile put three quarters of
 * the CSV export's time inside it (about 6.5 µs a row against 1.2 µs for the rule above, which is
 * all RFC 4180 asks for). The tests read the output back with csv-parse, so a mistake in these few
 * lines cannot pass unnoticed.
 *
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
 * leading apostrophe, the usual defence against CSV injection: a device name or error message is
 * data, never something Excel should evaluate. So does a formula start right after a semicolon or
 * a line break: where the list separator is `;` (Germany, France, most of Europe), Excel opens a
 * .csv by cutting each line at semicolons, not commas, and a quote in the middle of such a cell is
 * a plain character, so `x;=cmd|...` in a service name began a cell of its own, and a line break
 * inside an error message a row of its own, run as a formula.
 *
 * A cell longer than Excel's 32,767 characters is cut to fit, saying so (csv-cell-limit.ts).
 * Control characters and bidi overrides are written as visible escapes, as the CLI writes them.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import {
  CONTROLS_BUT_LINE_BREAKS,
  CONTROLS_BUT_LINE_BREAKS_CHARS,
  visibleControl,
} from '../../../shared/visible-controls.js';
import { EXCEL_CELL_LIMIT, fitCell } from './csv-cell-limit.js';
import type { FormatWriterFactory } from './format-writer.js';
import { LineRun } from './raw-line.js';
import { writeCommandCells } from './csv-command-cells.js';
import {
  commandNameOf,
  DeviceModels,
  ROW_COLUMNS,
  recordRow,
  type RowValue,
} from './record-row.js';
import { RequestCommands } from '../../../shared/request/request-commands.js';
import { runNameOf } from '../run-name.js';
import { isLeftOutRecord } from './left-out-lines.js';

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A formula start where a `;`-separating spreadsheet begins a cell or a row, quoted or not (a
 * quote that opens a cell is taken as quoting it).
 */
const FORMULA_INSIDE = /[;\r\n](?="*[=+\-@\t\r])/g;
/** The same, not global, so testing keeps no state between calls. */
const HAS_FORMULA_INSIDE = /[;\r\n]"*[=+\-@\t\r]/;
/**
 * Any of the above, or a control character or bidi override (shared/visible-controls.ts): most
 * cells need none, and one test tells.
 */
const NEEDS_WORK = new RegExp(`^[=+\\-@\\t\\r]|[",;\\r\\n${CONTROLS_BUT_LINE_BREAKS_CHARS}]`);

/**
 * One cell: quoted when it must be, defused when a spreadsheet would run it, cut to what Excel
 * holds in a cell (csv-cell-limit.ts).
 */
export function csvField(value: RowValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value.length <= EXCEL_CELL_LIMIT && !NEEDS_WORK.test(value)) return value;
  // A log's escape sequences and bidi overrides, shown as what they are (`\x1b`, `\u202e`): kept
  // raw, `cat` of the file cleared the terminal, and a spreadsheet showed a cell turned around.
  const shown = value.replace(CONTROLS_BUT_LINE_BREAKS, visibleControl);
  const defused = HAS_FORMULA_INSIDE.test(shown) ? shown.replace(FORMULA_INSIDE, "$&'") : shown;
  const text = fitCell(FORMULA_START.test(defused) ? `'${defused}` : defused);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
}

/**
 * One record as its CSV row, CRLF included: what the writer and its helper threads both write.
 * `commandId`: its request's command, when the record does not carry it (RequestCommands).
 */
export function csvRow(
  record: JournalRecord,
  model: string | null,
  commandId: number | null = null,
): string {
  const row = recordRow(record, model, commandId);
  let line = csvField(row[0] ?? null);
  for (let i = 1; i < row.length; i++) line += `,${csvField(row[i] ?? null)}`;
  return `${line}\r\n`;
}

export const csvWriter: FormatWriterFactory = (out, context) => {
  // Every run of a folder: each numbers its records from 1, so a sheet filtered by ref or request
  // ID, or sorted by seq, mixed a week's nights with nothing on a row to tell them apart. Each row
  // then starts with its run's name, learnt from the run-start each run begins with (a range's
  // export keeps it from before the range); the note of lines left out is the export's, no run's.
  const runs = context.folderRuns !== undefined;
  let runCell = '';
  out.push(`\ufeff${runs ? 'run,' : ''}${ROW_COLUMNS.join(',')}\r\n`);
  const models = new DeviceModels();
  const commands = new RequestCommands();
  const write = (record: JournalRecord): void => {
    if (runs && record.kind === 'run-start') runCell = `${csvField(runNameOf(record))},`;
    const row = csvRow(record, models.of(record), commands.observe(record));
    out.push(runs ? `${isLeftOutRecord(record) ? ',' : runCell || ','}${row}` : row);
  };
  const commandCells = (serviceId: string, commandId: number): string =>
    `${csvField(commandId)},${csvField(commandNameOf(serviceId, commandId))}`;
  return {
    write,
    madeAhead: () => ({ version: models.version, models: models.snapshot() }),
    // Rows a helper made with the models known now are taken as they are; while a request's
    // command is kept, each is looked at, and one of that request's gets it (the helper never
    // saw the request). Every run's rows each get their run's cell in front.
    writeMade(line) {
      const made = line.made;
      if (made?.version !== models.version)
        for (const one of line instanceof LineRun ? line.lines() : [line]) write(one.record());
      else if (commands.empty && !runs) {
        out.pushBytes(made.buf, made.from, made.to);
        commands.passed(line instanceof LineRun ? line.count : 1);
      } else writeCommandCells(out, line, made, commands, commandCells, runs ? runCell || ',' : '');
    },
    finish() {
      // Every row is complete as written.
    },
  };
};
