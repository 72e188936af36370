/**
 * A journal file's index on disk: read from its sidecar and checked against the file, extended
 * over whatever was written after it (the live file, a log copied while it was written), or built
 * from the file when there is none or it cannot be believed; then saved back where that is
 * allowed. The scan that builds it hands every record to an optional visitor, so a search over a
 * log that has no index yet builds one in the same single pass.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { rename, writeFile, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JournalRecord } from '../../shared/journal/record.js';
import { checkRecord, upgraderFor } from './journal-check.js';
import {
  BUCKET_RECORDS,
  BucketBuilder,
  INDEX_SUFFIX,
  coveredBytes,
  emptyFileIndex,
  parseFileIndex,
  type FileIndex,
  type IndexBucket,
} from './journal-index.js';
import { IndexLineReader } from './journal-index-line.js';
import { isBlankLine, isExportHeader, journalLineText } from './journal-reader.js';
import { LineSplitter } from './line-splitter.js';

/**
 * Read 64 KiB at a time: each chunk becomes a one-byte string for the line reader (and the line
 * check), and strings this small are young objects, freed by the cheap collector; 1 MiB ones were
 * large objects, whose collection cost more than reading the lines. Read with plain reads into two
 * buffers: a read stream allocated a buffer per chunk, which at this size cost as much again.
 */
const CHUNK_BYTES = 64 * 1024;
/** Bytes indexed between two turns of the event loop (a few milliseconds' work). */
const YIELD_BYTES = 1024 * 1024;

export function sidecarPath(file: string): string {
  return `${file}${INDEX_SUFFIX}`;
}

/** One line of a journal: a record, or a line with none (damaged, an export's header). */
export type ParsedLine = { record: JournalRecord; upgraded: boolean } | { record: null };

/**
 * Parses a line as every reader of the app does (byte-order mark, CRLF, export header, format
 * check and v1 upgrade), so positions counted here agree with the saved log's rows. `undefined`
 * for a blank line, which counts for nothing.
 */
export function parseJournalLine(
  buf: Buffer,
  from: number,
  to: number,
  upgradeState: object,
): ParsedLine | undefined {
  if (isBlankLine(buf, from, to)) return undefined;
  const text = journalLineText(buf, from, to);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { record: null };
  }
  if (isExportHeader(value)) return { record: null };
  const checked = checkRecord(value, upgraderFor(upgradeState));
  if (!('record' in checked)) return { record: null };
  return { record: checked.record, upgraded: (value as { v?: unknown }).v !== checked.record.v };
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Sees every record scanned, with its line's byte offset. */
  visit?: (record: JournalRecord, offset: number) => void;
  /** Bytes scanned so far in this file. */
  onBytes?: (bytes: number) => void;
  /** Where to stop: the start of a line (the scan covers the lines before it); unset, the end. */
  until?: number;
  /** Hears at the end how many lines the scan numbered (blanks too): the next one's number. */
  onEnd?: (lines: number) => void;
  /**
   * Hears of buckets as they are finished (after each chunk read, then the last), with the file's
   * service names so far: a search reads those that may match while the rest is indexed.
   */
  onBuckets?: (
    buckets: readonly IndexBucket[],
    serviceNames: Readonly<Record<string, string>>,
  ) => Promise<void>;
}

/** The buckets an extension keeps: all but a short last one, which it scans again. */
export function fullBuckets(index: FileIndex): FileIndex['buckets'] {
  const last = index.buckets[index.buckets.length - 1];
  return last && last.records < BUCKET_RECORDS ? index.buckets.slice(0, -1) : index.buckets;
}

/**
 * Extends `index` over the file from the end of its last full bucket (a short last bucket is
 * scanned again so buckets stay full). Only whole lines are covered: a line still being written
 * is left for the next time.
 */
export async function extendIndex(
  file: string,
  index: FileIndex,
  options: ScanOptions = {},
): Promise<FileIndex> {
  const buckets = fullBuckets(index);
  const resumed = { ...index, buckets };
  const out: FileIndex = {
    ...resumed,
    buckets: [...buckets],
    serviceNames: { ...index.serviceNames },
  };
  await scanInto(out, file, coveredBytes(resumed), linesBefore(resumed), options);
  return out;
}

/**
 * The buckets of the lines from byte `from` (the start of a line) on, as a piece of an index
 * whose offsets are the file's own: one core's share of a large file (index-split.ts). Its line
 * numbers count from 0 at `from`.
 */
export async function indexPiece(
  file: string,
  fileName: string,
  from: number,
  options: ScanOptions = {},
): Promise<FileIndex> {
  const out = emptyFileIndex(fileName);
  await scanInto(out, file, from, 0, options);
  return out;
}

/**
 * The lines before the end of the index's last bucket. Line numbers are for messages only; blank
 * lines are not kept, so this may run a little short.
 */
export function linesBefore(index: FileIndex): number {
  const last = index.buckets[index.buckets.length - 1];
  return last ? last.line + last.lines : 0;
}

/** Scans the file from `from` (line `startLine`) into `out`'s buckets and service names. */
async function scanInto(
  out: FileIndex,
  file: string,
  from: number,
  startLine: number,
  options: ScanOptions,
): Promise<void> {
  let builder = new BucketBuilder(out.serviceNames);
  let bucketOffset = from;
  let bucketLine = startLine;
  let lineEnd = from;
  let linesDone = startLine;
  const upgradeState = {};
  const splitter = new LineSplitter({ offset: from, line: startLine });
  // The journal's own lines are read without JSON.parse; a visitor needs whole records.
  const reader = options.visit ? undefined : new IndexLineReader();
  const startBucket = (offset: number) => {
    out.buckets.push(builder.finish(bucketOffset, bucketLine, offset - bucketOffset));
    builder = new BucketBuilder(out.serviceNames);
    bucketOffset = offset;
    bucketLine = linesDone;
  };
  const handler = {
    line(buf: Buffer, lo: number, hi: number, offset: number, _line: number, lastLine: boolean) {
      const fields = reader?.read(buf, lo, hi);
      if (fields) {
        if (builder.records >= BUCKET_RECORDS) startBucket(offset);
        linesDone += 1;
        lineEnd = offset + (hi - lo) + (lastLine ? 0 : 1);
        builder.addFields(fields);
        return;
      }
      const parsed = parseJournalLine(buf, lo, hi, upgradeState);
      // A last line with no newline is covered only when it is a whole record (a file saved
      // without a final newline); otherwise it is still being written, and is left for later.
      if (lastLine && !parsed?.record) return;
      if (parsed?.record && builder.records >= BUCKET_RECORDS) startBucket(offset);
      linesDone += 1;
      lineEnd = offset + (hi - lo) + (lastLine ? 0 : 1);
      if (!parsed) return; // blank: bytes of the bucket, no line of it
      if (parsed.record) {
        builder.add(parsed.record, parsed.upgraded);
        options.visit?.(parsed.record, offset);
      } else builder.addDamaged();
    },
    tooLong(_offset: number, _line: number, lastLine: boolean) {
      // Its end is known only when the next line starts: it is covered once one does.
      if (lastLine) return;
      linesDone += 1;
      builder.addDamaged();
    },
  };
  let told = out.buckets.length;
  const tell = async () => {
    if (!options.onBuckets || told === out.buckets.length) return;
    const finished = out.buckets.slice(told);
    told = out.buckets.length;
    await options.onBuckets(finished, out.serviceNames);
  };
  // Two buffers, read into in turn: the splitter keeps the unfinished last line of one chunk (a
  // view of it) until the next arrives. Each chunk is handed over as a fresh view, since the
  // readers keep the text of the last buffer they saw by its identity.
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  // Synchronous reads, as the spot checks below: from the page cache a read takes microseconds,
  // where a round trip through the I/O thread pool for each chunk left the thread idle for a
  // third of the build on a busy machine. The event loop gets its turn every YIELD_BYTES.
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    let sinceYield = 0;
    for (let turn = 0; ; turn ^= 1) {
      options.signal?.throwIfAborted();
      const target = buffers[turn] ?? Buffer.allocUnsafe(CHUNK_BYTES);
      const wanted =
        options.until === undefined
          ? CHUNK_BYTES
          : Math.min(CHUNK_BYTES, options.until - from - read);
      if (wanted <= 0) break;
      const bytesRead = readSync(fd, target, 0, wanted, from + read);
      if (bytesRead === 0) break;
      splitter.push(target.subarray(0, bytesRead), handler);
      read += bytesRead;
      await tell();
      sinceYield += bytesRead;
      if (sinceYield >= YIELD_BYTES) {
        sinceYield = 0;
        options.onBytes?.(read);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    options.onBytes?.(read);
  } finally {
    closeSync(fd);
  }
  splitter.end(handler);
  if (builder.lines > 0 && lineEnd > bucketOffset)
    out.buckets.push(builder.finish(bucketOffset, bucketLine, lineEnd - bucketOffset));
  await tell();
  options.onEnd?.(linesDone);
}

/**
 * Whether the index still describes the file: not longer than the file, ending on a newline, and
 * the first record of its first and last bucket where it says. Catches a file replaced, truncated
 * or rewritten under an old sidecar; a spot check, cheap enough to run on every open.
 */
/**
 * These spot checks read a few bytes of every file of a log on every open and search, and are
 * done with synchronous calls: a handful of microseconds each from the page cache, where a round
 * trip through the I/O thread pool per call made them most of a search's time on a busy machine.
 */
function indexFitsFile(file: string, index: FileIndex): boolean {
  const covered = coveredBytes(index);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (covered > size) return false;
    if (covered === 0) return true;
    const end = Buffer.alloc(1);
    readSync(fd, end, 0, 1, covered - 1);
    if (end[0] !== 10 && covered !== size) return false;
    const checks = [index.buckets[0], index.buckets[index.buckets.length - 1]];
    for (const bucket of checks) {
      if (!bucket || bucket.records === 0) continue;
      const length = Math.min(bucket.bytes, 64 * 1024);
      const buf = Buffer.alloc(length);
      const bytesRead = readSync(fd, buf, 0, length, bucket.offset);
      if (firstSeqIn(buf.subarray(0, bytesRead)) !== bucket.firstSeq) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

function firstSeqIn(buf: Buffer): number | undefined {
  const state = {};
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    if (nl === -1) return undefined;
    const parsed = parseJournalLine(buf, at, nl, state);
    if (parsed?.record) return parsed.record.seq;
    at = nl + 1;
  }
  return undefined;
}

export interface LoadIndexOptions extends ScanOptions {
  /** Write a new or extended index back beside the file (not for a file another process writes). */
  save: boolean;
}

export interface LoadedIndex {
  index: FileIndex;
  /** Where it came from: believed as saved, extended over new lines, or built from nothing. */
  source: 'sidecar' | 'extended' | 'built';
}

/**
 * The file's index: the sidecar when it fits the file, extended over anything newer; rebuilt when
 * it is missing, damaged or stale. `visit` sees exactly the records that were scanned (none when
 * the sidecar covered everything), so a caller can act on those and use the index for the rest.
 */
export async function loadIndex(file: string, options: LoadIndexOptions): Promise<LoadedIndex> {
  const saved = await readSidecar(file);
  const base = saved ?? emptyFileIndex(basename(file));
  if (saved && (await coversFile(file, saved))) return { index: base, source: 'sidecar' };
  const index = await extendIndex(file, base, options);
  if (options.save) await saveIndex(file, index);
  return { index, source: saved ? 'extended' : 'built' };
}

/** A synchronous answer as the promise callers await (a throw becomes a rejection, as before). */
function settled<T>(answer: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(answer());
  });
}

/** The sidecar when it is valid and fits the file (it may cover only part of it). */
export function readSidecar(file: string): Promise<FileIndex | undefined> {
  return settled(() => {
    let saved: FileIndex | undefined;
    try {
      saved = parseFileIndex(readFileSync(sidecarPath(file), 'utf8'), basename(file));
    } catch {
      return undefined;
    }
    return saved && indexFitsFile(file, saved) ? saved : undefined;
  });
}

/** Whether the index covers every whole line of the file (nothing new to scan). */
export function coversFile(file: string, index: FileIndex): Promise<boolean> {
  return settled(() => {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      return coveredBytes(index) >= size - trailingPartialBytes(fd, size);
    } finally {
      closeSync(fd);
    }
  });
}

/** Bytes after the file's last newline (a line still being written, or a torn one). */
function trailingPartialBytes(fd: number, size: number): number {
  if (size === 0) return 0;
  // A file nobody is writing ends with a newline: its last byte answers.
  const last = Buffer.allocUnsafe(1);
  if (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 10) return 0;
  const length = Math.min(size, 64 * 1024);
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, size - length);
  const nl = buf.lastIndexOf(10);
  return nl === -1 ? length : length - nl - 1;
}

/** Writes the sidecar atomically; a folder that cannot be written keeps the index in memory only. */
export async function saveIndex(file: string, index: FileIndex): Promise<boolean> {
  const target = sidecarPath(file);
  // A name nobody can guess, created new ('wx' fails on anything already there, a link too):
  // a saved log may lie in a folder others can write, and a planted link would be written through.
  const temp = `${target}.${String(process.pid)}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(index), { flag: 'wx' });
    await rename(temp, target);
    return true;
  } catch {
    await unlink(temp).catch(() => undefined);
    return false;
  }
}
