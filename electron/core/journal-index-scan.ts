/**
 * Building a journal file's index by scanning the file: from its start, or on from an index that
 * covers part of it (the live file, a log copied while it was written), or one piece of it (one
 * core's share of a large file, index-split.ts). The scan hands every record to an optional
 * visitor, so a search over a log that has no index yet builds one in the same single pass.
 *
 * Kept apart from the sidecar's reading and checking (journal-index-file.ts, journal-index-format.ts)
 * so that the index helper thread, which only scans, loads none of that: the sidecar's schema
 * library alone doubled the helper's start-up, and a large file's second half waits for it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { JournalRecord } from '../../shared/journal/record.js';
import { checkRecord, upgraderFor } from './journal-check.js';
import {
  BUCKET_RECORDS,
  BucketBuilder,
  coveredBytes,
  emptyFileIndex,
  type FileIndex,
  type IndexBucket,
  type IndexFields,
  type TalliedRows,
  type TallyNames,
} from './journal-index.js';
import { IndexLineReader } from './journal-index-line.js';
import type { LineScan } from './line-scan.js';
import { isBlankLine, isExportHeader, journalLineText } from './journal-reader.js';
import { LineSplitter, MAX_LINE_BYTES, type LineBlock } from './line-splitter.js';

/**
 * Read 64 KiB at a time: each chunk becomes a one-byte string for the line reader (and the line
 * check), and strings this small are young objects, freed by the cheap collector; 1 MiB ones were
 * large objects, whose collection cost more than reading the lines. Read with plain reads into two
 * buffers: a read stream allocated a buffer per chunk, which at this size cost as much again.
 */
const CHUNK_BYTES = 64 * 1024;
/** Bytes indexed between two turns of the event loop (a few milliseconds' work). */
const YIELD_BYTES = 1024 * 1024;

/**
 * One line of a journal: a record, or a line with none: damaged, or an export's header (which
 * every reader skips without calling it damaged).
 */
export type ParsedLine =
  { record: JournalRecord; upgraded: boolean } | { record: null; header?: true };

/**
 * Parses a line as every reader of the app does (byte-order mark, CRLF, export header, format
 * check and v1 upgrade, a line over MAX_LINE_BYTES damaged), so positions counted here agree with
 * the saved log's rows. `undefined` for a blank line, which counts for nothing.
 */
export function parseJournalLine(
  buf: Buffer,
  from: number,
  to: number,
  upgradeState: object,
): ParsedLine | undefined {
  // The reader skips such a line as damaged: a search that took it printed a 60 MB line to the
  // terminal, as a row the saved log does not have (numbered as the record after it).
  if (to - from > MAX_LINE_BYTES) return { record: null };
  if (isBlankLine(buf, from, to)) return undefined;
  const text = journalLineText(buf, from, to);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { record: null };
  }
  if (isExportHeader(value)) return { record: null, header: true };
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
   * Told each record's time (epoch ms, NaN where it has none), in order, before the record is
   * counted; true closes the bucket before it (a bucket still closes at BUCKET_RECORDS). The
   * overview reads a stretch of a log in pieces that each lie within one column of its strip
   * (log-overview.ts); a saved index never has such buckets.
   */
  cutBefore?: (ms: number) => boolean;
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
 * The buckets of the lines from byte `from` to `until` (each the start of a line), one closed
 * before each record `cutBefore` says: a stretch of a log read again for its overview, in pieces
 * that each lie within one column of its strip (log-overview.ts's ScanStretch).
 */
export async function scanStretch(
  file: string,
  from: number,
  until: number,
  cutBefore: (ms: number) => boolean,
): Promise<IndexBucket[]> {
  return (await indexPiece(file, '', from, { until, cutBefore })).buckets;
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
  const cut = options.cutBefore;
  /** Whether the record stamped `ms` (read only where there is a cut to tell) starts a bucket. */
  const startsBucket = (ms: number) =>
    (cut !== undefined && cut(ms) && builder.records > 0) || builder.records >= BUCKET_RECORDS;
  const startBucket = (offset: number) => {
    out.buckets.push(builder.finish(bucketOffset, bucketLine, offset - bucketOffset));
    builder = new BucketBuilder(out.serviceNames);
    reader?.startBucket();
    bucketOffset = offset;
    bucketLine = linesDone;
  };
  const handler = {
    line(
      buf: Buffer,
      lo: number,
      hi: number,
      offset: number,
      _line: number,
      lastLine: boolean,
      /** The WebAssembly reader has declined it already (a run stopped at it). */
      declined = false,
    ) {
      const fields = reader?.read(buf, lo, hi, declined);
      if (fields) {
        if (startsBucket(cut ? timeOf(fields) : 0)) startBucket(offset);
        linesDone += 1;
        lineEnd = offset + (hi - lo) + (lastLine ? 0 : 1);
        builder.addFields(fields);
        return;
      }
      const parsed = parseJournalLine(buf, lo, hi, upgradeState);
      // A last line with no newline is covered only when it is a whole record (a file saved
      // without a final newline); otherwise it is still being written, and is left for later.
      if (lastLine && !parsed?.record) return;
      if (parsed?.record && startsBucket(cut ? Date.parse(parsed.record.time) : 0))
        startBucket(offset);
      linesDone += 1;
      lineEnd = offset + (hi - lo) + (lastLine ? 0 : 1);
      if (!parsed) return; // blank: bytes of the bucket, no line of it
      if (parsed.record) {
        builder.add(parsed.record, parsed.upgraded);
        options.visit?.(parsed.record, offset);
      } else if (parsed.header) builder.addHeader();
      else builder.addDamaged();
    },
    tooLong(_offset: number, _line: number, lastLine: boolean) {
      // Its end is known only when the next line starts: it is covered once one does.
      if (lastLine) return;
      linesDone += 1;
      builder.addDamaged();
    },
  };
  /** A line the line reader took, at `offset` in the file, `length` bytes before its LF. */
  const taken = (scan: LineScan, kind: string, offset: number, length: number) => {
    if (startsBucket(cut ? scan.timeMs : 0)) startBucket(offset);
    linesDone += 1;
    lineEnd = offset + length + 1;
    builder.addScanned(scan, kind);
  };
  /** Records the next bucket has room for: a whole bucket's when this one is full. */
  const room = () =>
    builder.records >= BUCKET_RECORDS ? BUCKET_RECORDS : BUCKET_RECORDS - builder.records;
  /** Lines the line reader took, added up: [start, end) their bytes in the file, LF excluded. */
  const tallied = (
    tally: TalliedRows,
    rows: number,
    start: number,
    end: number,
    names: TallyNames,
  ) => {
    if (builder.records >= BUCKET_RECORDS) startBucket(start);
    linesDone += rows;
    lineEnd = end + 1;
    builder.addTally(tally, rows, names);
  };
  /**
   * The file offset of the block's buffer's first byte, for the two below, which are made once,
   * not per block: the CLI's bundle names each function it makes (keepNames), and naming two per
   * 64 KiB block showed in a first search's profile.
   */
  let blockBase = 0;
  const each = (scan: LineScan, kind: string, start: number, end: number) =>
    taken(scan, kind, blockBase + start, end - start);
  const take =
    reader &&
    ((tally: TalliedRows, rows: number, start: number, end: number) =>
      tallied(tally, rows, blockBase + start, blockBase + end, reader));
  // With the line reader, a chunk's whole lines go to it a run at a time (readTallied, or readRun
  // where each record's time decides its bucket); only a line it does not take goes through the
  // handler, one at a time.
  const onBlock = (block: LineBlock) => {
    if (block.kind === 'too-long') {
      handler.tooLong(block.offset, 0, block.last);
      return;
    }
    const { buf, to } = block;
    if (!reader || !take || block.last) {
      handler.line(buf, block.from, to, block.offset, 0, true);
      return;
    }
    const base = block.offset - block.from;
    blockBase = base;
    let at = block.from;
    while (at < to) {
      at = cut ? reader.readRun(buf, at, to, each) : reader.readTallied(buf, at, to, room, take);
      if (at >= to) break;
      const nl = buf.indexOf(10, at);
      const end = nl === -1 || nl >= to ? to : nl;
      handler.line(buf, at, end, base + at, 0, false, true);
      at = end + 1;
    }
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
      const chunk = target.subarray(0, bytesRead);
      if (reader) splitter.pushBlocks(chunk, onBlock);
      else splitter.push(chunk, handler);
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
    if (reader) splitter.endBlocks(onBlock);
    else splitter.end(handler);
  } finally {
    closeSync(fd);
    reader?.release();
  }
  if (builder.lines > 0 && lineEnd > bucketOffset)
    out.buckets.push(builder.finish(bucketOffset, bucketLine, lineEnd - bucketOffset));
  await tell();
  options.onEnd?.(linesDone);
}

/** A record's time as epoch ms, as the line reader has it or else as written. */
function timeOf(fields: Readonly<IndexFields>): number {
  return Number.isNaN(fields.timeMs) ? Date.parse(fields.time) : fields.timeMs;
}
