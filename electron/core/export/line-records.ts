/**
 * Journal records from a stream of bytes, with the byte offset of every record so a reader can
 * come back to it later (the paged index in open-log.ts). Splits on LF in the raw bytes, so
 * offsets are exact whatever the text's encoding; tolerates CRLF, a UTF-8 byte-order mark, a torn
 * last line, damaged and absurdly long lines, each reported with its line number, and skips an
 * export's header line.
 */
import type { ReadProblem } from '../journal-reader.js';
import { TOO_LONG_MESSAGE, isExportHeader } from '../journal-reader.js';
import { checkRecord, upgraderFor } from '../journal-check.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { LineSplitter, type LineHandler } from '../line-splitter.js';
import type { LineCheck } from './line-check.js';
import { RawLine } from './raw-line.js';

export interface LocatedRecord {
  /** A line `check` passed comes as its bytes (see line-check.ts), any other parsed and checked. */
  record: JournalRecord | RawLine;
  /** Byte offset of the record's line in its file or entry. */
  offset: number;
  line: number;
}

export interface LineReadState {
  problems: ReadProblem[];
  tornTail: boolean;
  /** Lines seen in total (damaged included), to tell "not a log" from "damaged log". */
  lines: number;
  /** When set, lines it passes are handed over as they are (for exports). */
  check?: LineCheck | undefined;
}

const MAX_PROBLEMS = 200;

export function newReadState(): LineReadState {
  return { problems: [], tornTail: false, lines: 0 };
}

function addProblem(state: LineReadState, problem: ReadProblem): void {
  if (state.problems.length < MAX_PROBLEMS) state.problems.push(problem);
}

/**
 * Yields the records of each chunk together (one await per chunk, not per record: at a million
 * records the per-record hops through async generators cost as much as parsing). `signal` is
 * checked between chunks, so a cancel is heard within one chunk even inside a huge damaged line.
 */
export async function* recordsFromChunks(
  chunks: AsyncIterable<Buffer>,
  file: string,
  state: LineReadState,
  start: { offset: number; line: number } = { offset: 0, line: 0 },
  signal?: AbortSignal,
): AsyncGenerator<LocatedRecord[]> {
  const splitter = new LineSplitter(start);
  let batch: LocatedRecord[] = [];
  const handler: LineHandler = {
    line(buf, from, to, offset, line, last) {
      const check = state.check;
      if (check?.test(buf, from, to)) {
        state.lines += 1;
        const raw = new RawLine(buf, from, to, check.previewFrom, check.previewTo);
        batch.push({ record: raw, offset, line });
        return;
      }
      const located = parse(buf, from, to, offset, line, file, state, last);
      if (located) batch.push(located);
    },
    tooLong(_offset, line, last) {
      state.lines += 1;
      if (last) state.tornTail = true;
      addProblem(state, { file, line, message: TOO_LONG_MESSAGE });
    },
  };
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    splitter.push(chunk, handler);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  splitter.end(handler);
  if (batch.length > 0) yield batch;
}

function parse(
  buf: Buffer,
  from: number,
  to: number,
  offset: number,
  line: number,
  file: string,
  state: LineReadState,
  last: boolean,
): LocatedRecord | undefined {
  let start = from;
  // A byte-order mark on the first line (a file saved by a text editor).
  if (offset === 0 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf)
    start += 3;
  let end = to;
  if (end > start && buf[end - 1] === 13) end -= 1;
  const text = buf.toString('utf8', start, end);
  if (text.trim() === '') return undefined;
  state.lines += 1;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (last) state.tornTail = true;
    addProblem(state, {
      file,
      line,
      message: last
        ? 'incomplete last line (the writer stopped mid-line)'
        : 'not valid JSON (damaged line)',
    });
    return undefined;
  }
  // An export's header says how the file was made; it is not a record.
  if (isExportHeader(value)) return undefined;
  const checked = checkRecord(value, upgraderFor(state));
  if ('problem' in checked) {
    addProblem(state, { file, line, message: checked.problem });
    return undefined;
  }
  return { record: checked.record, offset, line };
}
