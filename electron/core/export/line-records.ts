/**
 * Journal records from a stream of bytes, with the byte offset of every record so a reader can
 * come back to it later (the paged index in open-log.ts). Splits on LF in the raw bytes, so
 * offsets are exact whatever the text's encoding; tolerates CRLF, a UTF-8 byte-order mark, a torn
 * last line, damaged and absurdly long lines, each reported with its line number, and skips an
 * export's header line.
 */
import type { ReadProblem } from '../journal-reader.js';
import {
  TOO_LONG_MESSAGE,
  isBlankLine,
  isExportHeader,
  journalLineText,
} from '../journal-reader.js';
import { checkRecord, upgraderFor } from '../journal-check.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { LineSplitter, type LineBlock, type LineHandler } from '../line-splitter.js';
import {
  LINE_PASSED,
  LINE_RUN,
  LINE_TOO_LONG,
  RUN_LINES,
  type BlockResult,
} from './line-block-check.js';
import type { LineCheck } from './line-check.js';
import type { BlockTicket } from './line-check-pool.js';
import { LINE_FIELDS, LineRun, RawLine } from './raw-line.js';
import { holdKept, KeptBuffers, releaseKept } from './kept-buffers.js';

export interface LocatedRecord {
  /**
   * A line `check` passed comes as its bytes (see line-check.ts), several in a row as one LineRun;
   * any other line parsed and checked.
   */
  record: JournalRecord | RawLine;
  /** Byte offset of the record's line in its file or entry (a run's first line). */
  offset: number;
  line: number;
}

export interface LineReadState {
  /** The first MAX_PROBLEMS problems. */
  problems: ReadProblem[];
  /** Problems met after those, counted only: the count a reader is told must be all of them. */
  leftOut: number;
  tornTail: boolean;
  /** Lines seen in total (damaged included), to tell "not a log" from "damaged log". */
  lines: number;
  /** When set, lines it passes are handed over as they are (for exports). */
  check?: LineCheck | undefined;
}

const MAX_PROBLEMS = 200;

/**
 * One pool of read memory for all the files of one read of a log: the chunks of its files
 * (log-parts.ts) and, for an export, its certified buckets (certified-read.ts), filled again
 * once nothing holds them (kept-buffers.ts).
 */
const pools = new WeakMap<LineReadState, KeptBuffers>();
export function readPool(state: LineReadState): KeptBuffers {
  let pool = pools.get(state);
  if (!pool) pools.set(state, (pool = new KeptBuffers()));
  return pool;
}

export function newReadState(): LineReadState {
  return { problems: [], leftOut: 0, tornTail: false, lines: 0 };
}

function addProblem(state: LineReadState, problem: ReadProblem): void {
  if (state.problems.length < MAX_PROBLEMS) state.problems.push(problem);
  else state.leftOut += 1;
}

/** Where a read goes on from: a byte offset, and the lines before it. */
export interface LinePosition {
  offset: number;
  line: number;
}

/**
 * Yields the records of each chunk together (one await per chunk, not per record: at a million
 * records the per-record hops through async generators cost as much as parsing). `signal` is
 * checked between chunks, so a cancel is heard within one chunk even inside a huge damaged line.
 *
 * Once an export's check is set, `resume` may take over the rest of the stream from the next
 * line (reading the file its own way: certified-read.ts); when it answers undefined, the chunks
 * go on through the check.
 */
export async function* recordsFromChunks(
  chunks: AsyncIterable<Buffer>,
  file: string,
  state: LineReadState,
  start: LinePosition = { offset: 0, line: 0 },
  signal?: AbortSignal,
  resume?: (from: LinePosition) => AsyncGenerator<LocatedRecord[]> | undefined,
): AsyncGenerator<LocatedRecord[]> {
  const splitter = new LineSplitter(start);
  let batch: LocatedRecord[] = [];
  const handler: LineHandler = {
    line(buf, from, to, offset, line, last) {
      const located = parse(buf, from, to, offset, line, file, state, last);
      if (located) batch.push(located);
    },
    tooLong(_offset, line, last) {
      state.lines += 1;
      if (last) state.tornTail = true;
      addProblem(state, { file, line, message: TOO_LONG_MESSAGE });
    },
  };
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    // The chunk last pushed. A chunk of a pool's memory comes with a hold for this reader
    // (log-parts.ts, certified-read.ts), released once the next chunk is pushed: by then the
    // line it cut off has been joined up (a copy), and no record refers to its bytes.
    let previous: Buffer | undefined;
    for (;;) {
      // An export's check, once set, takes the lines from here on in blocks (see below).
      if (state.check) {
        const from = splitter.nextLine;
        const resumed = from && resume?.(from);
        if (resumed) {
          await iterator.return?.();
          if (previous) releaseKept(previous);
          yield* resumed;
        } else yield* checkedBlocks(iterator, splitter, file, state, state.check, signal, previous);
        return;
      }
      const next = await iterator.next();
      if (next.done) break;
      signal?.throwIfAborted();
      splitter.push(next.value, handler);
      if (previous) releaseKept(previous);
      previous = next.value;
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    splitter.end(handler);
    if (previous) releaseKept(previous);
    if (batch.length > 0) yield batch;
  } finally {
    // Stopped early (a cancel, a failure, a reader that had enough): the file is closed now, not
    // when its handle is collected.
    await iterator.return?.();
  }
}

/** Blocks checked at once, at most this many ahead of the one being handed over. */
const BLOCKS_AHEAD = 8;

interface PendingBlock {
  block: LineBlock;
  ticket: BlockTicket | undefined;
}

/**
 * The rest of the stream for an export: each chunk's lines go, as one block, to LineCheck on the
 * export's helper threads (line-check-pool.ts) while the next chunks are read; the answers are
 * taken in file order, where lines are numbered, consecutive passing lines become one LineRun
 * and the others take the full path exactly as line by line.
 */
async function* checkedBlocks(
  chunks: AsyncIterator<Buffer>,
  splitter: LineSplitter,
  file: string,
  state: LineReadState,
  check: LineCheck,
  signal: AbortSignal | undefined,
  /** The chunk last pushed before, not released yet (see recordsFromChunks). */
  previous: Buffer | undefined,
): AsyncGenerator<LocatedRecord[]> {
  const pool = check.pool();
  let line = splitter.lines;
  const queue: PendingBlock[] = [];
  const add = (block: LineBlock): void => {
    // Each block holds its chunk until its lines are handed out and taken (kept-buffers.ts).
    if (block.kind === 'lines') holdKept(block.buf);
    queue.push({
      block,
      ticket: block.kind === 'lines' ? pool.submit(block.buf, block.from, block.to) : undefined,
    });
  };
  /**
   * The oldest block's records, and the chunk and rows it holds: released once they are taken.
   */
  const take = async (): Promise<{ batch: LocatedRecord[]; held: Uint8Array[] }> => {
    const batch: LocatedRecord[] = [];
    const pending = queue.shift();
    if (!pending) return { batch, held: [] };
    const { block } = pending;
    if (block.kind === 'too-long') {
      line += 1;
      state.lines += 1;
      if (block.last) state.tornTail = true;
      addProblem(state, { file, line, message: TOO_LONG_MESSAGE });
      return { batch, held: [] };
    }
    if (pending.ticket) {
      const result = await pool.result(pending.ticket);
      line = located(block, result, line, file, state, batch);
      // The rows' memory, when the pool's (line-check-pool.ts): held as the chunk is.
      if (result.made) return { batch, held: [block.buf, result.made] };
    }
    return { batch, held: [block.buf] };
  };
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    signal?.throwIfAborted();
    splitter.pushBlocks(next.value, add);
    if (previous) releaseKept(previous);
    previous = next.value;
    while (queue.length > BLOCKS_AHEAD) {
      const { batch, held } = await take();
      // Whoever took a line and keeps it holds its chunk by now (TextBuffer.pushBytes).
      if (batch.length > 0) yield batch;
      for (const memory of held) releaseKept(memory);
    }
  }
  splitter.endBlocks(add);
  if (previous) releaseKept(previous);
  while (queue.length > 0) {
    signal?.throwIfAborted();
    const { batch, held } = await take();
    if (batch.length > 0) yield batch;
    for (const memory of held) releaseKept(memory);
  }
}

/** One checked block's lines, in order, into `batch`; returns the last line number. */
function located(
  block: Extract<LineBlock, { kind: 'lines' }>,
  result: BlockResult,
  firstLine: number,
  file: string,
  state: LineReadState,
  batch: LocatedRecord[],
): number {
  const { buf, from: base, offset: blockOffset } = block;
  const { lines, count } = result;
  // The format's text a helper made for the passing lines, if any (RawLine.made).
  const made =
    result.made && result.madeVersion !== undefined
      ? Buffer.from(result.made.buffer, result.made.byteOffset, result.made.byteLength)
      : undefined;
  const madeVersion = result.madeVersion ?? 0;
  let madeAt = 0;
  let runMadeFrom = 0;
  const attach = (line: RawLine, from: number, to: number, first: number): RawLine => {
    if (made) line.made = { buf: made, from, to, version: madeVersion, lines, first, base };
    return line;
  };
  let line = firstLine;
  let runFrom = -1;
  let runTo = -1;
  let runLines = 0;
  let runOffset = 0;
  let runLine = 0;
  let runFirst = 0;
  const flush = (): void => {
    if (runLines === 0) return;
    const run = new LineRun(buf, runFrom, runTo, runLines);
    // The chunk is a pool's memory (a cut line joined up is memory of its own): held by whoever
    // keeps the run, it is not filled again until released (kept-buffers.ts).
    run.kept = true;
    batch.push({
      record: attach(run, runMadeFrom, madeAt, runFirst),
      offset: runOffset,
      line: runLine,
    });
    runLines = 0;
  };
  for (let i = 0; i < count; i++) {
    const k = i * LINE_FIELDS;
    const from = base + (lines[k] ?? 0);
    const to = base + (lines[k + 1] ?? 0);
    const verdict = lines[k + 2];
    const previewFrom = lines[k + 3] ?? -1;
    const madeFrom = madeAt;
    const offset = blockOffset + (from - base);
    if ((verdict === LINE_PASSED && previewFrom < 0) || verdict === LINE_RUN) {
      // One line, or a run of them checked together: either joins the run being gathered.
      const n = verdict === LINE_RUN ? (lines[k + RUN_LINES] ?? 0) : 1;
      state.lines += n;
      madeAt = lines[k + 5] ?? 0;
      if (runLines === 0) {
        runMadeFrom = madeFrom;
        runFrom = from;
        runOffset = offset;
        runLine = line + 1;
        runFirst = i;
      }
      line += n;
      runTo = to;
      runLines += n;
      continue;
    }
    line += 1;
    flush();
    const last = block.last && i === count - 1;
    if (verdict === LINE_PASSED) {
      state.lines += 1;
      const previewTo = base + (lines[k + 4] ?? 0);
      madeAt = lines[k + 5] ?? 0;
      batch.push({
        record: attach(
          new RawLine(buf, from, to, base + previewFrom, previewTo),
          madeFrom,
          madeAt,
          i,
        ),
        offset,
        line,
      });
    } else if (verdict === LINE_TOO_LONG) {
      state.lines += 1;
      if (last) state.tornTail = true;
      addProblem(state, { file, line, message: TOO_LONG_MESSAGE });
    } else {
      const parsed = parse(buf, from, to, offset, line, file, state, last);
      if (parsed) batch.push(parsed);
    }
  }
  flush();
  return line;
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
  if (isBlankLine(buf, from, to)) return undefined;
  const text = journalLineText(buf, from, to);
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
