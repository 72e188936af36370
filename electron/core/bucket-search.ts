/**
 * One index bucket of a log read whole and searched (log-search.ts): for the query's literal bytes
 * first, and only the lines that hold them parsed, and those that tell a hit's command when asked
 * (hit-commands.ts).
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { BucketCommands, HitCommands } from './hit-commands.js';
import { parseJournalLine } from './journal-index-scan.js';
import type { IndexBucket } from './journal-index.js';
import { lowerBytes } from './lower-bytes.js';
import { hasFreeText, recordMatches, type Compiled } from './search-query.js';
import type { BucketBuffer } from './bucket-buffer.js';
import {
  anyNeedleLines,
  forEachCandidate,
  forEachLine,
  needsEveryLine,
  recordLines,
  type Candidates,
} from './candidate-lines.js';
import { MAX_LINE_BYTES } from './line-splitter.js';
import type { TextFinder } from './text-finder.js';

/**
 * Searches one bucket. A clean bucket (every line a record) skips straight to the lines holding
 * the query's literal and counts the rest without parsing them; a bucket with a damaged line is
 * parsed line by line, so positions stay exact. With `commands`, each hit comes with the command
 * its request sent, when known (hit-commands.ts); else null.
 *
 * A bucket of ordinary size is read whole; a larger one a piece at a time (bucketPieces), with
 * the same hits, rows and order: only records end a bucket, so a log's damaged stretch (a region
 * of NULs a power loss left, a gigabyte of it) made one bucket of all of it, read into one buffer
 * and lower-cased into another.
 */
export interface BucketSearchOptions {
  commands?: HitCommands;
  /** Read into, when given (one per search: the calls never overlap). */
  scratch?: BucketBuffer;
  /** The most of a bucket read at once (tests lower it); never less than a line can be. */
  pieceBytes?: number;
  /**
   * The search's cancel, heard between pieces: a gigabyte of damage is one bucket, and a cancel
   * heard only between buckets waited for all of it to be read.
   */
  signal?: AbortSignal;
}

export async function searchBucket(
  handle: FileHandle,
  bucket: IndexBucket,
  c: Compiled,
  firstPosition: number,
  hit: (record: JournalRecord, position: number, commandId: number | null) => void,
  /** The bucket before this one in its file, if any. */
  before: IndexBucket | undefined,
  { commands, scratch, pieceBytes = PIECE_BYTES, signal }: BucketSearchOptions = {},
): Promise<void> {
  const clean = bucket.records === bucket.lines;
  const finder = scratch?.finder;
  // What candidate lines hold (Compiled.scanNeedle). An HRESULT, or an outcome's word, is not
  // looked for in lines upgraded from v1, which may write it otherwise (only free text or a ref
  // spares parsing them).
  const needle = bucket.upgraded === 0 ? c.scanNeedle : (c.text ?? c.literals[0] ?? null);
  // Or several, any of which each candidate holds (Compiled.anyNeedle: this bucket's own).
  const needles = bucket.upgraded === 0 && needle === null ? c.anyNeedle : undefined;
  const line: LineTest = { bytes: EMPTY, lower: null, state: {}, c, told: undefined, hit };
  const take = (at: number, nl: number, position: number): boolean =>
    testLine(line, at, nl, position);
  // A v1 call that threw takes its service from its request, written just before it: when that
  // request is the last of the bucket before, its lines are read first (as IndexedLog.recordsAfter
  // starts a bucket early), or the call's hit came back without its service. Only once a line of
  // this bucket is to be parsed.
  let prepared = false;
  const prepare = async (): Promise<void> => {
    if (prepared) return;
    prepared = true;
    if (bucket.upgraded > 0 && before)
      for await (const { bytes } of bucketPieces(handle, before, pieceBytes, undefined, signal))
        forEachLine(bytes, (at, nl) => parseJournalLine(bytes, at, nl, line.state));
  };
  const whole =
    bucket.bytes <= Math.max(pieceBytes, MIN_PIECE_BYTES)
      ? await bucketBytes(handle, bucket, scratch)
      : undefined;
  const pieces = (): Iterable<Piece> | AsyncIterable<Piece> =>
    whole
      ? [{ bytes: whole, last: true }]
      : bucketPieces(handle, bucket, pieceBytes, scratch, signal);

  if (!clean) {
    // Every line parsed, once any piece holds the driver: a damaged one is no record, and the
    // rows after it move up by one. Decided for the whole bucket, as when it is read whole (a
    // bucket in pieces is read again for it), so its records tell the same commands.
    let found: Found | undefined;
    for await (const { bytes } of pieces()) {
      const piece = findDriver(bytes, c, needle, needles, false, undefined, scratch);
      if (piece.first !== -1) {
        found = piece;
        break;
      }
    }
    if (!found) return;
    await prepare();
    let position = firstPosition;
    for await (const { bytes } of pieces()) {
      line.told = commands?.reading(bytes, true);
      line.bytes = bytes;
      // A bucket read whole was lower-cased whole already.
      line.lower = whole ? found.lower : null;
      forEachLine(bytes, (at, nl) => {
        if (take(at, nl, position)) position += 1;
      });
      line.told?.end();
    }
    return;
  }

  let position = firstPosition;
  for await (const { bytes, last } of pieces()) {
    const told = commands?.reading(bytes, false, finder, hasRunStart(bucket));
    const { driver, driverIn, rows, lower, first } = findDriver(
      bytes,
      c,
      needle,
      needles,
      true,
      finder,
      scratch,
    );
    // The piece's records (a bucket's are counted by its index): the rows of the next piece.
    let records: number | undefined;
    if (first !== -1) {
      await prepare();
      line.bytes = bytes;
      line.lower = lower;
      line.told = told;
      if (rows)
        for (let k = 0; k + 2 < rows.length; k += 3)
          take(rows[k + 1] ?? 0, rows[k + 2] ?? 0, position + (rows[k] ?? 0));
      else if (driver && driverIn)
        // Only the lines holding the literal are parsed; the rest are counted.
        forEachCandidate(bytes, driverIn, driver, first, (index, at, nl) => {
          take(at, nl, position + index);
        });
      else {
        let parsed = 0;
        forEachLine(bytes, (at, nl) => {
          if (take(at, nl, position + parsed)) parsed += 1;
        });
        records = parsed;
      }
    }
    told?.end();
    if (!last) position += records ?? recordLines(bytes);
  }
}

/** What a piece of a bucket holds of the query's literal (see findDriver). */
interface Found {
  /** The literal looked for, if any: without one, every line is a candidate. */
  driver: Buffer | null;
  /** The bytes it is looked for in: the piece's own, or lower-cased. */
  driverIn: Buffer | null;
  /** The candidate lines as the WebAssembly scan found them, or several needles, when they did. */
  rows: ArrayLike<number> | undefined;
  /** The piece lower-cased, when it was. */
  lower: Buffer | null;
  /** Where the literal first is; -1: nowhere, and no line of the piece can match. */
  first: number;
}

/**
 * Where the query's literal (`needle`, or none) first is in the piece `bytes`; or, by several
 * needles (`needles`), the lines of a clean piece holding any (anyNeedleLines), as the helper
 * finds them, or whether an unclean one holds any at all.
 */
function findDriver(
  bytes: Buffer,
  c: Compiled,
  needle: Buffer | null,
  needles: readonly Buffer[] | undefined,
  clean: boolean,
  finder: TextFinder | undefined,
  scratch: BucketBuffer | undefined,
): Found {
  // Words that stand for values, looked for as written: an escape has every line parsed.
  if (needles && !needsEveryLine(bytes, true)) {
    const rows = clean ? anyNeedleLines(bytes, needles, finder) : undefined;
    const held = rows ? rows.length > 0 : needles.some((n) => bytes.includes(n));
    return { driver: null, driverIn: null, rows, lower: null, first: held ? (rows?.[1] ?? 0) : -1 };
  }
  // A value spelt with JSON escapes does not hold its needle's bytes: a bucket holding an escape
  // has every line parsed (candidate-lines.ts, needsEveryLine), as the helper's scan does.
  const driver = needsEveryLine(bytes, needle !== null && needle !== c.text) ? null : needle;
  // Free text, an HRESULT with too few digits in a row, and a service's ID are looked for in the
  // lower-cased bytes (a log may write them in either case); the rest in the bytes as read.
  const inLower =
    c.text !== null ||
    (driver !== null && (driver === c.hresultLiteral || driver === c.serviceNeedle));
  // A clean bucket read into the finder's memory: the lines holding the driver, in any case, found
  // in one pass there (text-finder.ts), with no lower-cased copy of the bucket.
  const rows =
    clean && driver !== null && driver === c.scanNeedle && finder?.holds(bytes)
      ? finder.candidates(bytes.length)
      : undefined;
  const lower =
    !rows && inLower ? lowerBytes(bytes, scratchFor(scratch, 'lower', bytes.length)) : null;
  const driverIn = inLower ? lower : bytes;
  // Searched once: where it first is, or that it is not there at all.
  const first = rows ? (rows[1] ?? -1) : driver && driverIn ? driverIn.indexOf(driver) : 0;
  return { driver, driverIn, rows, lower, first };
}

/** Whether the bucket's index counts a run-start in it (one of the lines that tell commands). */
export function hasRunStart(bucket: IndexBucket): boolean {
  return (bucket.kinds['run-start'] ?? 0) > 0;
}

/**
 * Whether a search may have this bucket's candidate lines found by its helper thread
 * (text-scans.ts): by the needle, or needles, this thread would find them by (Compiled.scanNeedle,
 * Compiled.anyNeedle); clean, so a candidate's row is its index; not upgraded from v1, whose
 * records may need the lines before them (and are searched by another needle); and of ordinary
 * size.
 */
export function helperMaySearch(bucket: IndexBucket, c: Compiled): boolean {
  return (
    (c.scanNeedle !== null || c.anyNeedle !== undefined) &&
    bucket.records === bucket.lines &&
    bucket.upgraded === 0 &&
    bucket.bytes <= SYNC_READ_BYTES
  );
}

/**
 * Searches a clean bucket's candidate lines found by the helper thread (candidate-lines.ts,
 * text-scans.ts): each parsed and tested as searchBucket tests it, numbered by its index. With
 * `commands`, the lines among them that tell a command (index −1) are taken in order too.
 */
export function searchCandidates(
  found: Candidates,
  c: Compiled,
  firstPosition: number,
  hit: (record: JournalRecord, position: number, commandId: number | null) => void,
  commands?: HitCommands,
): void {
  const bytes = Buffer.from(found.bytes.buffer, found.bytes.byteOffset, found.bytes.length);
  const told = commands?.reading(bytes, false);
  const line = { bytes, lower: null, state: {}, c, told, hit };
  const { lines } = found;
  for (let k = 0; k + 2 < lines.length; k += 3) {
    const index = lines[k] ?? -1;
    if (index >= 0) testLine(line, lines[k + 1] ?? 0, lines[k + 2] ?? 0, firstPosition + index);
  }
  told?.end();
}

const EMPTY = Buffer.alloc(0);

/** What testing a bucket's lines needs: its bytes, and the search's test and hits. */
interface LineTest {
  bytes: Buffer;
  /** The bytes lower-cased, when the whole piece was; else each line is, for free text. */
  lower: Buffer | null;
  /** The v1 upgrade's state (journal-index-scan.ts). */
  state: object;
  c: Compiled;
  told: BucketCommands | undefined;
  hit: (record: JournalRecord, position: number, commandId: number | null) => void;
}

/**
 * Parses the line `[at, nl)` and tests it, a hit at `position` when it matches: whichever thread
 * found it, a line is tested this one way. Whether it held a record.
 */
function testLine(t: LineTest, at: number, nl: number, position: number): boolean {
  const parsed = parseJournalLine(t.bytes, at, nl, t.state);
  if (!parsed?.record) return false;
  // Every line parsed is told in order, hit or not: it may be the request of a later hit.
  const commandId = t.told ? t.told.at(at, parsed.record) : null;
  const line = t.lower
    ? t.lower.subarray(at, nl)
    : hasFreeText(t.c)
      ? lowerBytes(t.bytes.subarray(at, nl))
      : null;
  if (recordMatches(parsed.record, t.c, line)) t.hit(parsed.record, position, commandId);
  return true;
}

/**
 * A bucket of ordinary size is read synchronously, as the index's build reads: from the page cache
 * a read takes a fraction of a millisecond, where a round trip through the I/O threads for each
 * bucket left the search idle for half its time (log-search.ts gives the event loop its turns).
 * A larger bucket is read asynchronously, a piece at a time, so the thread is never held for long.
 */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

/**
 * A bucket larger than this is read a piece at a time, into the search's own buffers (and the
 * finder's memory: each piece is scanned as an ordinary bucket is), whatever its size.
 */
const PIECE_BYTES = SYNC_READ_BYTES;
/** A piece holds any line a record can be (MAX_LINE_BYTES) and its LF. */
const MIN_PIECE_BYTES = MAX_LINE_BYTES + 1;

/** Whole lines of a bucket, and whether they are its last. */
interface Piece {
  bytes: Buffer;
  last: boolean;
}

/**
 * The bucket's lines a piece at a time, each piece whole lines (the bucket's last may end without
 * its LF) of at most `pieceBytes`, read into `scratch` when given and valid until the next. A line
 * too long for a piece is longer than any record (MAX_LINE_BYTES): passed over to its end without
 * being held, as every reader passes it over, damaged. Read asynchronously: the thread gets its
 * turns while a gigabyte of damage is read past.
 */
async function* bucketPieces(
  handle: FileHandle,
  bucket: IndexBucket,
  pieceBytes: number,
  scratch?: BucketBuffer,
  signal?: AbortSignal,
): AsyncGenerator<Piece> {
  const size = Math.min(bucket.bytes, Math.max(pieceBytes, MIN_PIECE_BYTES));
  const buf = scratchFor(scratch, 'read', size) ?? Buffer.allocUnsafe(size);
  const end = bucket.offset + bucket.bytes;
  let at = bucket.offset;
  /** Bytes at the buffer's start, of a line not yet whole. */
  let kept = 0;
  /** Within a line too long for a piece, until its LF. */
  let skipping = false;
  while (at < end) {
    signal?.throwIfAborted();
    const { bytesRead } = await handle.read(buf, kept, Math.min(size - kept, end - at), at);
    // The file is shorter than its index says (cut since): what there is was searched.
    if (bytesRead === 0) break;
    at += bytesRead;
    let filled = kept + bytesRead;
    kept = 0;
    if (skipping) {
      const nl = buf.subarray(0, filled).indexOf(10);
      if (nl === -1) continue;
      skipping = false;
      // A piece starts where the buffer does (the finder's scans hold no other start).
      buf.copyWithin(0, nl + 1, filled);
      filled -= nl + 1;
    }
    const lastLf = buf.subarray(0, filled).lastIndexOf(10);
    if (lastLf === -1) {
      if (filled === size) skipping = true;
      else kept = filled;
      continue;
    }
    yield { bytes: buf.subarray(0, lastLf + 1), last: at >= end && lastLf + 1 === filled };
    buf.copyWithin(0, lastLf + 1, filled);
    kept = filled - lastLf - 1;
  }
  if (kept > 0 && !skipping) yield { bytes: buf.subarray(0, kept), last: true };
}

/** The search's own buffer for an ordinary bucket; a huge one's is let go once searched. */
function scratchFor(
  scratch: BucketBuffer | undefined,
  use: 'read' | 'lower',
  bytes: number,
): Buffer | undefined {
  return bytes <= SYNC_READ_BYTES ? scratch?.take(use, bytes) : undefined;
}

async function bucketBytes(
  handle: FileHandle,
  bucket: IndexBucket,
  scratch?: BucketBuffer,
): Promise<Buffer> {
  const buf = scratchFor(scratch, 'read', bucket.bytes) ?? Buffer.allocUnsafe(bucket.bytes);
  const bytesRead =
    bucket.bytes <= SYNC_READ_BYTES
      ? readSync(handle.fd, buf, 0, bucket.bytes, bucket.offset)
      : (await handle.read(buf, 0, bucket.bytes, bucket.offset)).bytesRead;
  return buf.subarray(0, bytesRead);
}
