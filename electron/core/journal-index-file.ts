/**
 * A journal file's index on disk: read from its sidecar and checked against the file, extended
 * over whatever was written after it (journal-index-scan.ts), or built from the file when there is
 * none or it cannot be believed; then saved back where that is allowed.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readSmallFile } from './plain-file.js';
import { rename, writeFile, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { savedAtCrash } from './crash-exposure.js';
import { afterCacheSave, cachePruned } from './index-cache-prune.js';
import { makeDirs } from './make-dirs.js';
import { cachedIndexPath, indexCache } from './own-folders.js';
import { INDEX_SUFFIX, coveredBytes, emptyFileIndex, type FileIndex } from './journal-index.js';
import { parseFileIndex, type FileStamp, type IndexBucket } from './journal-index-format.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { extendIndex, parseJournalLine, type ScanOptions } from './journal-index-scan.js';

export function sidecarPath(file: string): string {
  return `${file}${INDEX_SUFFIX}`;
}

/**
 * The most a sidecar may hold: a 16 MB journal file's is about 7 KB, a single 3 GB saved log's
 * about 1.3 MB. A larger one (damaged, or crafted beside a log from elsewhere) is not read at
 * all, so it cannot fill the memory: the file is indexed afresh instead.
 */
export const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;

/**
 * Whether the index still describes the file: not longer than the file, ending on a newline, and
 * the first record of its first and last bucket where it says, with the seq, and a wall-clock and
 * monotonic time inside the ranges, it says. Catches a file replaced, truncated or rewritten under
 * an old sidecar; a spot check, cheap enough to run on every open. The times matter: two runs of
 * one command or scenario write the same seqs, and often files of the same size, so a ticket
 * folder's log replaced by another run's under the same name kept the first one's sidecar, and a
 * search skipped the buckets that held what it looked for.
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
    const { size, mtimeMs } = fstatSync(fd);
    if (covered > size || !stampFits(index.stamp, size, mtimeMs)) return false;
    if (covered === 0) return true;
    const end = Buffer.alloc(1);
    readSync(fd, end, 0, 1, covered - 1);
    // A whole last line may lack its newline; never a NUL, what a power cut leaves of data.
    if (end[0] !== 10 && (covered !== size || end[0] === 0)) return false;
    const checks = [index.buckets[0], index.buckets[index.buckets.length - 1]];
    for (const bucket of checks) {
      if (!bucket || bucket.records === 0) continue;
      // A page first: a bucket's first record is a line of a few hundred bytes. Reading 64 KiB
      // twice a file was most of opening a 206-file log whose files were not cached (0.35 s of
      // 0.63 s); the 64 KiB are read only when the page holds no whole record.
      let first = firstRecordIn(readAt(fd, bucket.offset, Math.min(bucket.bytes, FIRST_READ)));
      if (!first && bucket.bytes > FIRST_READ)
        first = firstRecordIn(readAt(fd, bucket.offset, Math.min(bucket.bytes, 64 * 1024)));
      if (!startsBucket(first, bucket)) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the file can be the one the index was saved for: the same size and time; or longer
 * (appended to since), whose lines past the index are read as its tail, the part indexed
 * spot-checked as above. The same size at another time is a file rewritten in place, and a
 * shorter one cut: neither is believed. The journal's writer stamps only the sidecar it saves
 * once the file is closed; one it saved as it wrote has none (a run that crashed leaves it so),
 * and is believed by the checks above alone.
 */
function stampFits(stamp: FileStamp | undefined, size: number, mtimeMs: number): boolean {
  if (!stamp) return true;
  return size > stamp.bytes || (size === stamp.bytes && mtimeMs === stamp.mtimeMs);
}

/** The file's stamp now, for an index saved of it; undefined when it cannot be read. */
export function stampOf(file: string): FileStamp | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return { bytes: size, mtimeMs };
  } catch {
    return undefined;
  }
}

/** What a spot check reads of a bucket first (see indexFitsFile). */
const FIRST_READ = 4096;

/** `length` bytes of the file from `offset`, or fewer at its end. */
function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  return buf.subarray(0, readSync(fd, buf, 0, length, offset));
}

/** The first record among the whole lines of `buf` (blank and damaged lines passed over). */
export function firstRecordIn(buf: Buffer): JournalRecord | undefined {
  const state = {};
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    if (nl === -1) return undefined;
    const parsed = parseJournalLine(buf, at, nl, state);
    if (parsed?.record) return parsed.record;
    at = nl + 1;
  }
  return undefined;
}

const within = (value: number, range: [number, number] | null): boolean =>
  range !== null && value >= range[0] && value <= range[1];

/** Whether `record` can be the first of `bucket`: its seq, and its times in the bucket's. */
function startsBucket(record: JournalRecord | undefined, bucket: IndexBucket): boolean {
  return (
    record !== undefined &&
    record.seq === bucket.firstSeq &&
    within(Date.parse(record.time), bucket.time) &&
    within(record.mono, bucket.mono)
  );
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

/**
 * The saved index when it is valid and fits the file (it may cover only part of it): for a log
 * not the app's own, the one in the index cache (own-folders.ts), else one beside it (copied
 * along with it, say); for the app's own, its sidecar.
 */
export function readSidecar(file: string): Promise<FileIndex | undefined> {
  return settled(() => {
    const cached = cachedIndexPath(file);
    for (const path of cached ? [cached, sidecarPath(file)] : [sidecarPath(file)]) {
      const text = readSmallFile(path, MAX_SIDECAR_BYTES);
      const saved = text === undefined ? undefined : parseFileIndex(text, basename(file));
      if (saved && indexFitsFile(file, saved) && !savedAtCrash(file, path)) return saved;
    }
    return undefined;
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
  // Beside the app's own logs; in the index cache for any other (own-folders.ts).
  const cached = cachedIndexPath(file);
  const cache = cached ? indexCache() : undefined;
  if (cached)
    try {
      makeDirs(dirname(cached), 0o700);
    } catch {
      // The save below fails too: the index is kept in memory only.
    }
  const target = cached ?? sidecarPath(file);
  const stamp = stampOf(file);
  if (!stamp) return false;
  const text = JSON.stringify({ ...index, stamp });
  let saved = await writeAtomically(target, text);
  // A disk the cache filled: its oldest indexes go at once, and the save is tried again.
  if (saved === 'disk-full' && cache) {
    afterCacheSave(cache.dir, target, cache.maxBytes, true);
    await cachePruned();
    saved = await writeAtomically(target, text);
  }
  if (saved !== true) return false;
  if (cache) afterCacheSave(cache.dir, target, cache.maxBytes);
  return true;
}

async function writeAtomically(target: string, text: string): Promise<true | 'disk-full' | false> {
  // A name nobody can guess, created new ('wx' fails on anything already there, a link too):
  // a saved log may lie in a folder others can write, and a planted link would be written through.
  const temp = `${target}.${String(process.pid)}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, target);
    return true;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'disk-full' : false;
  }
}
