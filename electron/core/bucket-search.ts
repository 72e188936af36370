/**
 * One index bucket of a log read whole and searched (log-search.ts): for the query's literal bytes
 * first, and only the lines that hold them parsed, and those that tell a hit's command when asked
 * (hit-commands.ts).
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { HitCommands } from './hit-commands.js';
import { parseJournalLine } from './journal-index-scan.js';
import type { IndexBucket } from './journal-index.js';
import { lowerBytes, recordMatches, type Compiled } from './search-query.js';

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
  const told = commands?.reading(bytes, !clean);
  // An HRESULT is looked for by its digits in the bytes as read, or, when it has too few digits
  // in a row, as a whole in the lower-cased bytes (a log may write it in either case); like the
  // outcome's word, not in lines upgraded from v1.
  const hresultFirst = c.text === null && c.literals.length === 0 && bucket.upgraded === 0;
  const hresultDigits = hresultFirst ? c.hresultDigits : null;
  const hresultLower = hresultFirst && !hresultDigits ? c.hresultLiteral : null;
  const lower =
    c.text || hresultLower ? lowerBytes(bytes, scratchFor(scratch, 'lower', bytes.length)) : null;
  const driver =
    c.text ??
    c.literals[0] ??
    hresultDigits ??
    hresultLower ??
    (bucket.upgraded === 0 ? c.outcomeLiteral : null) ??
    null;
  const driverIn = c.text || hresultLower ? lower : bytes;
  // Searched once: where it first is, or that it is not there at all.
  const first = driver && driverIn ? driverIn.indexOf(driver) : 0;
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
  let position = firstPosition;
  let nextLiteral = clean ? first : 0;
  let at = 0;
  while (at < bytes.length) {
    let nl = bytes.indexOf(10, at);
    if (nl === -1) nl = bytes.length;
    if (nextLiteral === -1 && clean) break;
    if (clean && nextLiteral >= nl) {
      // No candidate on this line: count it (a blank line is not a record) and go on.
      if (!isBlank(bytes, at, nl)) position += 1;
      at = nl + 1;
      continue;
    }
    const parsed = parseJournalLine(bytes, at, nl, state);
    if (parsed?.record) {
      // Every line parsed is told in order, hit or not: it may be the request of a later hit.
      const commandId = told ? told.at(at, parsed.record) : null;
      if (recordMatches(parsed.record, c, lower ? lower.subarray(at, nl) : null))
        hit(parsed.record, position, commandId);
      position += 1;
    }
    at = nl + 1;
    if (clean && driver && driverIn && nextLiteral < at) nextLiteral = driverIn.indexOf(driver, at);
  }
  told?.end();
}

/**
 * A bucket of ordinary size is read synchronously, as the index's build reads: from the page cache
 * a read takes a fraction of a millisecond, where a round trip through the I/O threads for each
 * bucket left the search idle for half its time (log-search.ts gives the event loop its turns).
 * A bucket of huge lines is read asynchronously, so the thread is never held for long.
 */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

/**
 * One search's buffer for the buckets it reads, one after another: each read into a fresh buffer
 * touched new memory page by page, and that cost more than the read itself. What a bucket search
 * keeps (records, hits) is parsed out of it, never a view of it.
 */
export class BucketBuffer {
  private readonly bufs = { read: Buffer.alloc(0), lower: Buffer.alloc(0) };

  /** A buffer of `bytes` for the bucket read or its lower-cased copy, valid until the next. */
  take(use: 'read' | 'lower', bytes: number): Buffer {
    if (this.bufs[use].length < bytes)
      this.bufs[use] = Buffer.allocUnsafe(Math.max(bytes, this.bufs[use].length * 2));
    return this.bufs[use].subarray(0, bytes);
  }
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

function forEachLine(bytes: Buffer, line: (from: number, to: number) => void): void {
  for (let at = 0; at < bytes.length;) {
    let nl = bytes.indexOf(10, at);
    if (nl === -1) nl = bytes.length;
    line(at, nl);
    at = nl + 1;
  }
}

function isBlank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b !== 32 && b !== 9 && b !== 13) return false;
  }
  return true;
}
