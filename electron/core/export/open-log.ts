/**
 * Opening a saved log, read-only: a JSON Lines file (an export or a raw journal file), a run
 * directory or journal root, or a .zip bundle. Built for the app's "Open log" and for exporting
 * from the command line:
 *
 *   const log = await openLog(path);      // fails with LogOpenError if it is not a log at all
 *   show(log.firstPage.records);          // the first page, read as soon as it is available
 *   for await (const page of log.rest()) append(page.records);   // then the rest, page by page
 *   await log.readRange(500_000, 200);    // any rows later, through the paged index
 *   log.problems                          // damaged lines, with line numbers, as they are met
 *
 * Memory is bounded: records are handed out page by page and only a sparse index is kept (the
 * byte offset of every INDEX_STRIDE-th record), so a million-record log costs a thousand offsets.
 * Plain files are re-read from the nearest indexed offset; a compressed bundle entry cannot be
 * entered in the middle, so ranges there are re-read from its start (slower, still bounded).
 */
import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { readRunStart, type ReadProblem } from '../journal-reader.js';
import { firstRecordIn } from '../journal-index-file.js';
import { runEnd } from '../journal-files.js';
import { isGone } from '../journal-file-io.js';
import type { JournalRecord, RunStartRecord } from '../../../shared/journal/record.js';
import type { BundleManifest } from './bundle-manifest.js';
import {
  newReadState,
  readPool,
  recordsFromChunks,
  type LinePosition,
  type LineReadState,
  type LocatedRecord,
} from './line-records.js';
import { LogOpenError, locateLog, markLogSeen, type LogKind } from './log-location.js';
import { certifiedBuckets, certifiedRecords } from './certified-read.js';
import { openParts, partsBytes, type LogPart } from './log-parts.js';
import type { LineCheck } from './line-check.js';
import { RawLine } from './raw-line.js';

export { LogOpenError } from './log-location.js';

const DEFAULT_PAGE_SIZE = 500;
const INDEX_STRIDE = 1000;
/** With no record in this many lines, the file is not a log (rather than a damaged one). */
const NOT_A_LOG_LINES = 1000;

interface LogPage {
  records: JournalRecord[];
  /** Index (0-based, counting readable records only) of the page's first record. */
  first: number;
}

export interface OpenLogOptions {
  pageSize?: number;
  /** Stops reading within one chunk, even inside a huge damaged line; reads then throw. */
  signal?: AbortSignal;
  /**
   * Whether opening marks a run that ended abnormally as looked at (markLogSeen), which lets it be
   * pruned: yes unless said. An export of every run marks them once it has saved them instead.
   */
  markSeen?: boolean;
  /**
   * Of a bundle: its source's reading problems (its manifest's) among its own, for an export of
   * it to keep. Not for the window, whose banner says what of this file could not be read.
   */
  sourceProblems?: boolean;
}

export interface SavedLog {
  /** What was opened (a journal root resolves to its latest run directory). */
  readonly path: string;
  readonly kind: LogKind;
  /** File or folder name, for the window title. */
  readonly name: string;
  /** A saved log is never written to. */
  readonly readOnly: true;
  /** The first run-start record, when the log has one: app, OS and backend it was recorded with. */
  readonly runStart: RunStartRecord | undefined;
  /** A bundle's manifest (environment, redaction), when valid. */
  readonly manifest: BundleManifest | undefined;
  readonly firstPage: LogPage;
  /** Damaged lines and other problems so far, with line numbers; grows while reading. */
  readonly problems: readonly ReadProblem[];
  /** Problems beyond those listed in `problems`, counted only. */
  readonly problemsLeftOut: number;
  /** The last line was cut off (the app crashed, or the copy is incomplete). */
  readonly tornTail: boolean;
  /** Records read so far; the total once `complete`. */
  readonly count: number;
  /**
   * How far reading has got, in bytes of the log's files (a bundle's entries unpacked), and
   * their size; undefined when a part's size is not known. An export's share of a log whose
   * records are not counted yet (no index).
   */
  readonly readBytes: number;
  readonly logBytes: number | undefined;
  readonly complete: boolean;
  /** The remaining pages after the first, in order. Call once. */
  rest(): AsyncGenerator<LogPage>;
  /** Records [start, start + count), e.g. for a virtual table scrolled far down. */
  readRange(start: number, count: number): Promise<JournalRecord[]>;
  /**
   * Every record from the first, in batches, for an export: lines `check` passes come as their
   * bytes (RawLine), unparsed. Instead of rest(), and like it, call once. With `from`, the
   * records from that line of a part on (a time range's start, found in the index: range-seek.ts),
   * and none before it, not even the first page's.
   */
  exportBatches(check: LineCheck, from?: PartPosition): AsyncGenerator<(JournalRecord | RawLine)[]>;
  /** Which part the file is (for `from`), or -1: a .zip bundle's entries are no files. */
  partOf(file: string): number;
  close(): void;
}

/** A line of a part: its byte offset, and how many lines come before it. */
export interface PartPosition {
  part: number;
  offset: number;
  line: number;
}

interface IndexEntry extends PartPosition {
  n: number;
}

class SavedLogReader implements SavedLog {
  readonly readOnly = true;
  runStart: RunStartRecord | undefined;
  firstPage: LogPage = { records: [], first: 0 };
  count = 0;
  complete = false;
  private readonly index: IndexEntry[] = [];
  private main: AsyncGenerator<{ batch: LocatedRecord[]; part: number }>;
  private batch: LocatedRecord[] = [];
  private batchPart = 0;
  private batchAt = 0;
  private restTaken = false;

  private prefixAt = 0;
  readonly logBytes: number | undefined;
  /** Where each part starts in the log's bytes, where every part's size is known. */
  private readonly partStarts: number[] | undefined;
  /** The part and offset of the line last read. */
  private readAt = { part: 0, offset: 0 };

  constructor(
    readonly path: string,
    readonly kind: LogKind,
    readonly name: string,
    readonly manifest: BundleManifest | undefined,
    private readonly parts: LogPart[],
    private readonly state: LineReadState,
    private readonly closeParts: () => void,
    private readonly pageSize: number,
    /** Records shown before the files' own: a rotated run's run-start, kept in run.json. */
    private readonly prefix: readonly JournalRecord[] = [],
    private readonly signal?: AbortSignal,
  ) {
    this.main = iterate(parts, state, undefined, signal);
    this.logBytes = partsBytes(parts);
    if (this.logBytes !== undefined) {
      let at = 0;
      this.partStarts = parts.map((p) => {
        const start = at;
        at += p.bytes ?? 0;
        return start;
      });
    }
  }

  get readBytes(): number {
    if (this.complete) return this.logBytes ?? 0;
    return (this.partStarts?.[this.readAt.part] ?? 0) + this.readAt.offset;
  }

  private readTo(part: number, batch: readonly LocatedRecord[]): void {
    const last = batch.at(-1);
    if (!last) return;
    // A batch's last item is often a run of a whole block's lines (a MiB, or a certified bucket
    // of 4,096 records): read to its end, or the share lagged a block behind what was written.
    const item = last.record;
    const end = item instanceof RawLine ? last.offset + (item.to - item.from) + 1 : last.offset;
    this.readAt = { part, offset: end };
  }

  get problems(): readonly ReadProblem[] {
    return this.state.problems;
  }

  get problemsLeftOut(): number {
    return this.state.leftOut;
  }

  get tornTail(): boolean {
    return this.state.tornTail;
  }

  /** Reads the first page; gives up early when the start of the file is plainly not a log. */
  async readFirstPage(): Promise<void> {
    const records: JournalRecord[] = [];
    while (records.length < this.pageSize) {
      const next = await this.next();
      if (!next) break;
      records.push(next);
      if (this.count === 0 && this.state.lines >= NOT_A_LOG_LINES) break;
    }
    this.firstPage = { records, first: 0 };
  }

  async *rest(): AsyncGenerator<LogPage> {
    if (this.restTaken) throw new Error('rest() has already been called on this log.');
    this.restTaken = true;
    for (;;) {
      const first = this.count;
      const records: JournalRecord[] = [];
      while (records.length < this.pageSize) {
        const record = await this.next();
        if (!record) break;
        records.push(record);
      }
      if (records.length > 0) yield { records, first };
      if (this.complete) return;
    }
  }

  async *exportBatches(
    check: LineCheck,
    from?: PartPosition,
  ): AsyncGenerator<(JournalRecord | RawLine)[]> {
    if (this.restTaken) throw new Error('rest() has already been called on this log.');
    this.restTaken = true;
    if (from && this.parts.every((p) => p.seekable)) {
      // What the first page met is before the range: not the export's to report.
      this.state.problems.length = 0;
      this.state.leftOut = 0;
      void this.main.return(undefined);
      this.main = iterate(this.parts, this.state, { ...from, n: 0 }, this.signal);
    } else {
      yield this.firstPage.records;
      const left = this.batch.slice(this.batchAt).map((located) => located.record);
      this.batchAt = this.batch.length;
      this.count += left.length;
      if (left.length > 0) yield left;
    }
    // Lines read from here on: the first page's are parsed already.
    this.state.check = check;
    for (;;) {
      const next = await this.main.next();
      if (next.done) break;
      this.count += next.value.batch.length;
      this.readTo(next.value.part, next.value.batch);
      yield next.value.batch.map((located) => located.record);
    }
    this.complete = true;
  }

  async readRange(start: number, count: number): Promise<JournalRecord[]> {
    if (count <= 0 || start < 0) return [];
    let from: IndexEntry | undefined;
    if (this.parts.every((p) => p.seekable)) {
      for (const entry of this.index) {
        if (entry.n > start) break;
        from = entry;
      }
    }
    const out: JournalRecord[] = this.prefix.slice(start, start + count);
    if (out.length >= count) return out;
    let n = from?.n ?? this.prefix.length;
    const batches = iterate(this.parts, newReadState(), from, this.signal);
    try {
      for await (const { batch } of batches) {
        if (n + batch.length <= start) {
          n += batch.length;
          continue;
        }
        for (const located of batch) {
          if (n >= start) out.push(recordOf(located.record));
          n += 1;
          if (out.length >= count) return out;
        }
      }
    } finally {
      await batches.return(undefined);
    }
    return out;
  }

  partOf(file: string): number {
    return this.parts.findIndex((p) => p.file === file);
  }

  close(): void {
    void this.main.return(undefined);
    this.closeParts();
  }

  private async next(): Promise<JournalRecord | undefined> {
    if (this.complete) return undefined;
    const prefixed = this.prefix[this.prefixAt];
    if (prefixed) {
      this.prefixAt += 1;
      this.count += 1;
      if (!this.runStart && prefixed.kind === 'run-start') this.runStart = prefixed;
      return prefixed;
    }
    while (this.batchAt >= this.batch.length) {
      const next = await this.main.next();
      if (next.done) {
        this.complete = true;
        return undefined;
      }
      this.batch = next.value.batch;
      this.batchPart = next.value.part;
      this.batchAt = 0;
      this.readTo(this.batchPart, this.batch);
    }
    const located = this.batch[this.batchAt++];
    if (!located) return undefined;
    const part = this.batchPart;
    if (this.count % INDEX_STRIDE === 0)
      this.index.push({ n: this.count, part, offset: located.offset, line: located.line - 1 });
    this.count += 1;
    const record = recordOf(located.record);
    if (!this.runStart && record.kind === 'run-start') this.runStart = record;
    return record;
  }
}

function recordOf(item: JournalRecord | RawLine): JournalRecord {
  return item instanceof RawLine ? item.record() : item;
}

/**
 * Every record of every part in order, starting at an indexed position when given. A part that
 * fails mid-way (a damaged compressed entry, a file deleted while read) ends with a problem
 * rather than an exception: what was readable stays readable.
 */
async function* iterate(
  parts: LogPart[],
  state: LineReadState,
  from: IndexEntry | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ batch: LocatedRecord[]; part: number }> {
  for (let i = from?.part ?? 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const start = from && i === from.part ? { offset: from.offset, line: from.line } : undefined;
    let lastLine = start?.line ?? 0;
    try {
      for await (const batch of partRecords(part, state, start, signal)) {
        lastLine = batch[batch.length - 1]?.line ?? lastLine;
        yield { batch, part: i };
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      state.problems.push({
        file: part.name,
        line: lastLine + 1,
        message: unreadRest(error, part),
      });
    }
  }
}

/**
 * Why the rest of a part is missing. A file gone before it was opened is said to be gone, not a
 * read error that sent a support engineer looking for a damaged disk; in a run still written, it
 * is one the journal rotated away while the export ran (its oldest files go as it rotates).
 */
function unreadRest(error: unknown, part: LogPart): string {
  if (!isGone(error))
    return `the rest could not be read: ${error instanceof Error ? error.message : String(error)}`;
  const rotated = part.file !== undefined && runEnd(dirname(part.file)) === 'live';
  return `the file was deleted before it could be read${rotated ? ' (a running journal deletes its oldest files as it rotates)' : ''}`;
}

/**
 * A part's records from `start`. Once an export's check is set, the rest of one of the app's own
 * journal files is read by its certified buckets, copied without checking their lines again
 * (certified-read.ts); a CSV export makes its rows from every line, so it reads them as before.
 */
function partRecords(
  part: LogPart,
  state: LineReadState,
  start: LinePosition | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<LocatedRecord[]> {
  const file = part.file;
  const resume =
    file === undefined
      ? undefined
      : (from: LinePosition) => {
          if (state.check?.ahead) return undefined;
          const buckets = certifiedBuckets(file);
          return buckets && certifiedRecords(file, buckets, from, part.name, state, signal);
        };
  const chunks = part.open(start?.offset ?? 0, readPool(state));
  return recordsFromChunks(chunks, part.name, state, start, signal, resume);
}

export async function openLog(path: string, options: OpenLogOptions = {}): Promise<SavedLog> {
  const location = await locateLog(path);
  const opened = await openParts(location);
  const state = newReadState();
  for (const note of opened.notes)
    state.problems.push({ file: location.path, line: 0, message: note });
  // A bundle's log lacks what its own source could not read, said only in its manifest: exported
  // again, its report said "Every line of the log was read" (a review). Named as the source's.
  if (options.sourceProblems === true) {
    for (const p of opened.manifest?.readProblems ?? [])
      state.problems.push({ ...p, message: `${p.message} (in the log the bundle was made from)` });
    state.leftOut += opened.manifest?.readProblemsLeftOut ?? 0;
  }
  let log: SavedLogReader;
  try {
    log = new SavedLogReader(
      location.path,
      location.kind,
      basename(location.path),
      opened.manifest,
      opened.parts,
      state,
      () => opened.close(),
      Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE),
      location.kind === 'run-directory' ? await rotatedRunStart(location.path, location.files) : [],
      options.signal,
    );
    await log.readFirstPage();
  } catch (error) {
    opened.close();
    throw error;
  }
  if (log.count === 0) {
    log.close();
    const first = state.problems.find((p) => p.line > 0);
    // No line read because none could be (its files refused this user): said so, not "empty".
    const unread = state.problems.find((p) => p.line === 1);
    if (state.lines === 0 && unread)
      throw new LogOpenError(
        `${log.name} could not be read: ${unread.message.replace(/^the rest could not be read: /, '')}.`,
        'unreadable',
      );
    if (state.lines === 0)
      throw new LogOpenError(`${log.name} is empty: it holds no records.`, 'empty');
    throw new LogOpenError(
      `${log.name} is not an mbn-diag log: ${first ? `line ${first.line} is ${describe(first.message)}` : 'no line in it is a journal record'}.`,
      'not-a-log',
    );
  }
  if (options.markSeen !== false) markLogSeen(location);
  return log;
}

/**
 * When a long run's first journal file has been rotated away, its run-start record (app, OS,
 * backend) survives only in run.json; put it back in front so exports keep their environment.
 */
async function rotatedRunStart(runDir: string, files: string[]): Promise<JournalRecord[]> {
  const runStart = readRunStart(runDir);
  const first = files[0];
  if (!runStart || !first) return [];
  const head = Buffer.alloc(64 * 1024);
  const handle = await open(first, 'r').catch((error: unknown) => {
    // Rotated away since the run's files were listed: its run-start went with it.
    if (isGone(error)) return undefined;
    throw error;
  });
  if (!handle) return [runStart];
  let length = 0;
  try {
    length = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  // The file's first record, as the index and the search take it: blank and damaged lines before
  // it (an editor's empty first line) are no sign its run-start was rotated away; read as the
  // first line, a blank one put run.json's run-start in front of the file's own, and every row
  // was one further on than the search and the index numbered it. None in the head (all of it
  // damaged): the reader reports those lines, and the run-start still helps.
  const record = firstRecordIn(head.subarray(0, length));
  if (record && (record.kind === 'run-start' || record.seq <= runStart.seq)) return [];
  return [runStart];
}

function describe(message: string): string {
  if (message.startsWith('not valid JSON')) return 'not valid JSON';
  return message.startsWith('not ') ? message : `not a journal record (${message})`;
}

/** Every record of a saved log as one stream (first page, then the rest); for exports. */
export async function* allRecords(
  log: Pick<SavedLog, 'firstPage' | 'rest'>,
): AsyncGenerator<JournalRecord> {
  yield* log.firstPage.records;
  for await (const page of log.rest()) yield* page.records;
}
