/**
 * An export's read of one of the app's own journal files whose buckets were certified as they were
 * written (line-certificate.ts): each certified bucket is read whole, its CRC-32 compared, and
 * handed over as one run of lines to copy, with no line checked again; everything else (buckets
 * not certified, one whose bytes changed, the file's tail past its last bucket) takes the line
 * check as before (line-records.ts). Either way every byte of the file is read once, in order.
 *
 * Believed only for a file in the app's own journal folders, with the sidecar beside it made under
 * today's rules: a sidecar that came with a log from elsewhere could say anything.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseCertificates, type CertifiedBucket } from '../journal-index-format.js';
import { MAX_SIDECAR_BYTES, sidecarPath } from '../journal-index-file.js';
import { readSmallFile } from '../plain-file.js';
import { isInOwnJournal } from '../own-folders.js';
import { LINE_RULES, bucketCrc } from './line-certificate.js';
import {
  readPool,
  recordsFromChunks,
  type LinePosition,
  type LineReadState,
  type LocatedRecord,
} from './line-records.js';
import { holdKept, releaseKept } from './kept-buffers.js';
import { LineRun } from './raw-line.js';

const CHUNK = 1024 * 1024;

/** The file's buckets when at least one is certified and may be believed; else undefined. */
export function certifiedBuckets(file: string): readonly CertifiedBucket[] | undefined {
  if (!isInOwnJournal(file)) return undefined;
  const text = readSmallFile(sidecarPath(file), MAX_SIDECAR_BYTES);
  const index = text === undefined ? undefined : parseCertificates(text, basename(file));
  if (!index || index.lineRules !== LINE_RULES) return undefined;
  return index.buckets.some((bucket) => bucket.copyCrc !== undefined) ? index.buckets : undefined;
}

/** Bytes `[from, to)` of the file (to its end when `to` is not given), in chunks. */
function range(file: string, from: number, to?: number): AsyncIterable<Buffer> {
  if (to !== undefined && to <= from) return (async function* () {})();
  return createReadStream(file, {
    start: from,
    ...(to === undefined ? {} : { end: to - 1 }),
    highWaterMark: CHUNK,
  }) as AsyncIterable<Buffer>;
}

/**
 * `buf` as the one chunk of a stream, handed over with a hold of its own, as a chunk source does
 * (recordsFromChunks releases it): the bucket's hold is the bucket reader's, released by it.
 */
async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  holdKept(buf);
  yield await Promise.resolve(buf);
}

/** Part of a certified bucket, `[from, to)` in it: `lines` lines to copy, or one to check again. */
interface Piece {
  from: number;
  to: number;
  line: number;
  lines: number;
  check: boolean;
}

/**
 * The certified bucket in `buf` cut around its lines to check again, each found where the sidecar
 * says (just after a newline), from `start` (a line's start in it: a read may resume mid-bucket);
 * undefined when one is not.
 */
function piecesOf(buf: Buffer, bucket: CertifiedBucket, start: LinePosition): Piece[] | undefined {
  const pieces: Piece[] = [];
  let from = start.offset;
  let line = start.line;
  if (from > 0 && buf[from - 1] !== 10) return undefined;
  for (const [offset, index] of bucket.recheck ?? []) {
    if (offset < start.offset) continue;
    if (offset < from || index < line || (offset > 0 && buf[offset - 1] !== 10)) return undefined;
    const end = buf.indexOf(10, offset);
    if (end === -1) return undefined;
    if (offset > from) pieces.push({ from, to: offset, line, lines: index - line, check: false });
    pieces.push({ from: offset, to: end + 1, line: index, lines: 1, check: true });
    from = end + 1;
    line = index + 1;
  }
  if (from < buf.length)
    pieces.push({ from, to: buf.length, line, lines: bucket.lines - line, check: false });
  return pieces.every((piece) => piece.lines > 0) ? pieces : undefined;
}

/**
 * The file's records from `from` (a line's start) for an export whose `state.check` is set:
 * certified buckets as runs of lines to copy, the rest through the check.
 */
export async function* certifiedRecords(
  file: string,
  buckets: readonly CertifiedBucket[],
  from: LinePosition,
  name: string,
  state: LineReadState,
  signal: AbortSignal | undefined,
): AsyncGenerator<LocatedRecord[]> {
  const handle = await open(file, 'r');
  // From the bucket `from` is in: a read that resumes after a first page starts mid-bucket.
  const certified = buckets.filter(
    (b) => b.copyCrc !== undefined && b.offset + b.bytes > from.offset,
  );
  const pool = readPool(state);
  // The next bucket is read while this one is written: the two wait on the disk side by side.
  const read = (bucket: CertifiedBucket | undefined): Promise<Buffer | undefined> =>
    bucket ? pool.read(handle, bucket.bytes, bucket.offset) : Promise.resolve(undefined);
  let next = read(certified[0]);
  try {
    let at = from.offset;
    let line = from.line;
    for (let i = 0; i < certified.length; i++) {
      const bucket = certified[i];
      const buf = await next;
      next = read(certified[i + 1]);
      if (!bucket || !buf) break;
      try {
        signal?.throwIfAborted();
        // Changed since it was certified, or cut short: the file is not as its sidecar says from
        // here on, perhaps not even where its lines start, so the rest is all checked as it is now.
        if (buf.length !== bucket.bytes || bucketCrc(buf) !== bucket.copyCrc) break;
        const skip = Math.max(0, at - bucket.offset);
        const pieces = piecesOf(buf, bucket, {
          offset: skip,
          line: skip > 0 ? line - bucket.line : 0,
        });
        if (!pieces) break;
        if (bucket.offset > at)
          yield* recordsFromChunks(
            range(file, at, bucket.offset),
            name,
            state,
            { offset: at, line },
            signal,
          );
        for (const piece of pieces) {
          const start = { offset: bucket.offset + piece.from, line: bucket.line + piece.line };
          if (piece.check) {
            // A line to check again, alone.
            yield* recordsFromChunks(once(buf.subarray(piece.from, piece.to)), name, state, start);
            continue;
          }
          state.lines += piece.lines;
          const run = new LineRun(buf, piece.from, piece.to - 1, piece.lines);
          run.kept = true;
          yield [{ record: run, offset: start.offset, line: start.line + 1 }];
        }
        at = bucket.offset + bucket.bytes;
        line = bucket.line + bucket.lines;
      } finally {
        // Handed out: whoever kept a piece of it holds it now (kept-buffers.ts).
        releaseKept(buf);
      }
    }
    yield* recordsFromChunks(range(file, at), name, state, { offset: at, line }, signal);
  } finally {
    const ahead = await next.catch(() => undefined);
    if (ahead) releaseKept(ahead);
    await handle.close();
  }
}
