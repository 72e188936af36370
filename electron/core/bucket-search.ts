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
  forEachCandidate,
  forEachLine,
  needsEveryLine,
  type Candidates,
} from './candidate-lines.js';

/**
 * Searches one bucket read whole. A clean bucket (every line a record) skips straight to the
 * lines holding the query's literal and counts the rest without parsing them; a bucket with a
 * damaged line is parsed line by line, so positions stay exact. With `commands`, each hit comes
 * with the command its request sent, when known (hit-commands.ts); else null.
 */
export async function searchBucket(
  handle: FileHandle,
  bucket: IndexBucket,
  c: Compiled,
  firstPosition: number,
  hit: (record: JournalRecord, position: number, commandId: number | null) => void,
  /** The bucket before this one in its file, if any. */
  before: IndexBucket | undefined,
  commands?: HitCommands,
  /** Read into, when given (one per search: the calls never overlap). */
  scratch?: BucketBuffer,
): Promise<void> {
  const bytes = await bucketBytes(handle, bucket, scratch);
  const clean = bucket.records === bucket.lines;
  const finder = scratch?.finder;
  const told = commands?.reading(bytes, !clean, finder, hasRunStart(bucket));
  // What candidate lines hold (Compiled.scanNeedle). An HRESULT, or an outcome's word, is not
  // looked for in lines upgraded from v1, which may write it otherwise (only free text or a ref
  // spares parsing them).
  const needle = bucket.upgraded === 0 ? c.scanNeedle : (c.text ?? c.literals[0] ?? null);
  // A value spelt with JSON escapes does not hold its needle's bytes: a bucket holding an escape
  // has every line parsed (candidate-lines.ts, needsEveryLine), as the helper's scan does.
  const driver = needsEveryLine(bytes, needle !== null && needle !== c.text) ? null : needle;
  // Free text, and an HRESULT with too few digits in a row, are looked for in the lower-cased
  // bytes (a log may write them in either case); the rest in the bytes as read.
  const inLower = c.text !== null || (driver !== null && driver === c.hresultLiteral);
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
  if (first === -1) {
    told?.end();
    return;
  }
  const state = {};
  // A v1 call that threw takes its service from its request, written just before it: when that
  // request is the last of the bucket before, its lines are read first (as IndexedLog.recordsAfter
  // starts a bucket early), or the call's hit came back without its service.
  if (bucket.upgraded > 0 && before) {
    const earlier = await bucketBytes(handle, before);
    forEachLine(earlier, (at, nl) => parseJournalLine(earlier, at, nl, state));
  }
  const line: LineTest = { bytes, lower, state, c, told, hit };
  const take = (at: number, nl: number, position: number): boolean =>
    testLine(line, at, nl, position);
  if (rows)
    for (let k = 0; k + 2 < rows.length; k += 3)
      take(rows[k + 1] ?? 0, rows[k + 2] ?? 0, firstPosition + (rows[k] ?? 0));
  else if (clean && driver && driverIn)
    // Only the lines holding the literal are parsed; the rest are counted.
    forEachCandidate(bytes, driverIn, driver, first, (index, at, nl) => {
      take(at, nl, firstPosition + index);
    });
  else {
    // Every line parsed: a damaged one is no record, and the rows after it move up by one.
    let position = firstPosition;
    forEachLine(bytes, (at, nl) => {
      if (take(at, nl, position)) position += 1;
    });
  }
  told?.end();
}

/** Whether the bucket's index counts a run-start in it (one of the lines that tell commands). */
export function hasRunStart(bucket: IndexBucket): boolean {
  return (bucket.kinds['run-start'] ?? 0) > 0;
}

/**
 * Whether a search may have this bucket's candidate lines found by its helper thread
 * (text-scans.ts): by the needle this thread would find them by (Compiled.scanNeedle); clean, so
 * a candidate's row is its index; not upgraded from v1, whose records may need the lines before
 * them (and are searched by another needle); and of ordinary size.
 */
export function helperMaySearch(bucket: IndexBucket, c: Compiled): boolean {
  return (
    c.scanNeedle !== null &&
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

/** What testing a bucket's lines needs: its bytes, and the search's test and hits. */
interface LineTest {
  bytes: Buffer;
  /** The bytes lower-cased, when the whole bucket was; else each line is, for free text. */
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
 * A bucket of huge lines is read asynchronously, so the thread is never held for long.
 */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

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
