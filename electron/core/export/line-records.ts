/**
 * Journal records from a stream of bytes, with the byte offset of every record so a reader can
 * come back to it later (the paged index in open-log.ts). Splits on LF in the raw bytes, so
 * offsets are exact whatever the text's encoding; tolerates CRLF, a UTF-8 byte-order mark, a torn
 * last line and damaged lines, each reported with its line number.
 */
import type { ReadProblem } from '../journal-reader.js';
import { checkRecord, upgraderFor } from '../journal-check.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

export interface LocatedRecord {
  record: JournalRecord;
  /** Byte offset of the record's line in its file or entry. */
  offset: number;
  line: number;
}

export interface LineReadState {
  problems: ReadProblem[];
  tornTail: boolean;
  /** Lines seen in total (damaged included), to tell "not a log" from "damaged log". */
  lines: number;
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
 * records the per-record hops through async generators cost as much as parsing).
 */
export async function* recordsFromChunks(
  chunks: AsyncIterable<Buffer>,
  file: string,
  state: LineReadState,
  start: { offset: number; line: number } = { offset: 0, line: 0 },
): AsyncGenerator<LocatedRecord[]> {
  let carry: Buffer | undefined;
  let carryOffset = start.offset;
  let lineNo = start.line;
  for await (const chunk of chunks) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const base = carryOffset;
    let from = 0;
    const batch: LocatedRecord[] = [];
    for (;;) {
      const nl = buf.indexOf(10, from);
      if (nl === -1) break;
      lineNo += 1;
      const located = parse(buf, from, nl, base + from, lineNo, file, state, false);
      if (located) batch.push(located);
      from = nl + 1;
    }
    if (batch.length > 0) yield batch;
    carry = from < buf.length ? buf.subarray(from) : undefined;
    carryOffset = base + from;
  }
  if (carry && carry.length > 0) {
    lineNo += 1;
    const located = parse(carry, 0, carry.length, carryOffset, lineNo, file, state, true);
    if (located) yield [located];
  }
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
  const checked = checkRecord(value, upgraderFor(state));
  if ('problem' in checked) {
    addProblem(state, { file, line, message: checked.problem });
    return undefined;
  }
  return { record: checked.record, offset, line };
}
