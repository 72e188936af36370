/**
 * A log read through its index: any record by its position, the record at a time, the end, in
 * one bucket's read (~1 MB) however long the log. Positions count readable records from 0, the
 * way a saved log numbers its rows (a rotated run's run-start, kept in run.json, first).
 *
 * Journal folders and JSON Lines files only: an entry of a .zip bundle cannot be entered in the
 * middle, so it has nothing to gain from an index.
 */
import { createReadStream, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { JournalRecord } from '../../shared/journal/record.js';
import { bucketRecordsOfKinds } from './bucket-kinds.js';
import { LogOpenError, locateLog } from './export/log-location.js';
import { cachedIndex, rememberIndex } from './file-index-cache.js';
import { basename } from 'node:path';
import { IndexBuilds } from './index-builds.js';
import { extendIndexSplit } from './index-split.js';
import { coversFile, readSidecar, saveIndex } from './journal-index-file.js';
import { extendIndex, parseJournalLine } from './journal-index-scan.js';
import { emptyFileIndex, type FileIndex, type IndexBucket } from './journal-index.js';
import { isBlankLine, readRunStart } from './journal-reader.js';
import { isGone } from './journal-file-io.js';
import { runEnd } from './journal-files.js';
import { LineSplitter } from './line-splitter.js';

export interface IndexedPart {
  file: string;
  index: FileIndex;
}

export interface IndexedLogOptions {
  signal?: AbortSignal;
  /** Bytes indexed so far of `total` (only when an index has to be built). */
  onIndexing?: (done: number, total: number) => void;
  /**
   * Whether a built or extended index may be saved beside the log. Never for the live run: its
   * writer keeps the sidecars, and two writers would race.
   */
  save?: boolean;
}

/** Where a located bucket starts: its part, and the position of its first record. */
interface BucketAt {
  part: number;
  bucket: IndexBucket;
  first: number;
}

export class IndexedLog {
  /** Every bucket in order, with the position of its first record (sorted by `first`). */
  readonly buckets: BucketAt[] = [];
  readonly total: number;

  constructor(
    readonly parts: readonly IndexedPart[],
    /** Records before the files' own (a rotated run's run-start). */
    readonly prefix: readonly JournalRecord[],
  ) {
    let at = prefix.length;
    parts.forEach((part, i) => {
      for (const bucket of part.index.buckets) {
        this.buckets.push({ part: i, bucket, first: at });
        at += bucket.records;
      }
    });
    this.total = at;
  }

  /**
   * The first and last times the log's buckets hold: their least and greatest, not the first
   * bucket's and the last's (the clock may have stepped back). Undefined for a log of no times.
   */
  timeSpan(): [number, number] | undefined {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const { bucket } of this.buckets) {
      if (bucket.time === null) continue;
      first = Math.min(first, bucket.time[0]);
      last = Math.max(last, bucket.time[1]);
    }
    return Number.isFinite(first) && Number.isFinite(last) ? [first, last] : undefined;
  }

  /**
   * Records of `kind` in the log, from what its index counts (each bucket counts its kinds) and
   * the prefix: none of the log is read.
   */
  kindCount(kind: string): number {
    let n = this.prefix.filter((record) => record.kind === kind).length;
    for (const { bucket } of this.buckets)
      n += Object.hasOwn(bucket.kinds, kind) ? (bucket.kinds[kind] ?? 0) : 0;
    return n;
  }

  /** Records [first, first + count), clipped to the log. */
  /**
   * The records of `kinds` in the bucket at `at`, those lines parsed alone where its bytes tell
   * them (bucket-kinds.ts); else the bucket read whole, every kind.
   */
  async recordsOfKinds(at: BucketAt, kinds: ReadonlySet<string>): Promise<JournalRecord[]> {
    const file = this.parts[at.part]?.file;
    return (
      (file === undefined ? undefined : await bucketRecordsOfKinds(file, at.bucket, kinds)) ??
      (await this.read(at.first, at.bucket.records))
    );
  }

  async read(first: number, count: number): Promise<JournalRecord[]> {
    const start = Math.max(0, Math.min(first, this.total));
    const out: JournalRecord[] = this.prefix.slice(start, start + count);
    if (out.length >= count || start + out.length >= this.total) return out;
    const from = this.bucketOf(start + out.length);
    if (!from) return out;
    // In a bucket where every line is a record, the lines before the first wanted are counted,
    // not parsed: a jump to the end parses the rows it shows, not the whole bucket.
    const clean = from.bucket.records === from.bucket.lines;
    const skip = clean ? start + out.length - from.first : 0;
    let position = from.first + skip;
    for (let p = from.part; p < this.parts.length && out.length < count; p++) {
      const part = this.parts[p];
      if (!part) continue;
      const offset = p === from.part ? from.bucket.offset : 0;
      for await (const record of recordsFrom(part, offset, p === from.part ? skip : 0)) {
        if (position >= start + out.length) out.push(record);
        position += 1;
        if (out.length >= count) break;
      }
    }
    return out;
  }

  /**
   * Records from `first` to the index's end, in order, in one pass with one v1 upgrader, as a
   * read from the log's start gives them: a v1 call that threw takes its service from its
   * request, met before it (read() starts afresh each time, so a page of rows read that way lost
   * it when its request was on the page before). Parsing starts one bucket early for the same
   * reason: a request is written just before its call fails.
   */
  async *recordsAfter(first: number): AsyncGenerator<JournalRecord> {
    let position = Math.max(0, first);
    for (; position < this.prefix.length && position < this.total; position++) {
      const record = this.prefix[position];
      if (record) yield record;
    }
    const at = this.bucketIndexOf(position);
    const from = at === undefined ? undefined : this.buckets[Math.max(0, at - 1)];
    if (!from) return;
    const upgradeState = {};
    let n = from.first;
    for (let p = from.part; p < this.parts.length; p++) {
      const part = this.parts[p];
      if (!part) continue;
      const offset = p === from.part ? from.bucket.offset : 0;
      for await (const record of recordsFrom(part, offset, 0, upgradeState)) {
        // Lines written since the index was made are not the index's.
        if (n >= this.total) return;
        if (n >= position) yield record;
        n += 1;
      }
    }
  }

  /** The position of the first record at or after `ms` (epoch); the last record if none is. */
  async positionAt(ms: number): Promise<number> {
    const at = this.buckets.find((b) => b.bucket.time !== null && b.bucket.time[1] >= ms);
    if (!at) return Math.max(0, this.total - 1);
    const part = this.parts[at.part];
    if (!part) return at.first;
    let position = at.first;
    let seen = 0;
    for await (const record of recordsFrom(part, at.bucket.offset)) {
      if (Date.parse(record.time) >= ms) return position;
      position += 1;
      if (++seen >= at.bucket.records) break;
    }
    return at.first;
  }

  /**
   * Every stretch of the log where the clock reached `ms` (epoch): the first record at or after
   * it, and after each time the clock stepped back past it (a time sync), the first record at or
   * after it again: the same minute can be in the log twice, an hour apart, and a technician asked
   * about 10:45 has to know which 10:45 is shown. Positions in order, at most `most`. A stretch
   * begun less than AGAIN_MIN_MS of monotonic time after the last one found is the same moment
   * (a clock slewed back by a second, records written out of order by a few ms): not counted.
   *
   * Only buckets where the clock can cross `ms` are read: those reaching it whose records, or
   * their bucket before's, start below it. One or two buckets when the clock never stepped back.
   */
  async timesAt(ms: number, most = 2): Promise<number[]> {
    const found: number[] = [];
    let lastMono: number | undefined;
    /** The time of the record before the next one considered; undefined: none before it. */
    let previous: number | undefined;
    const consider = (record: JournalRecord, position: number): boolean => {
      const t = Date.parse(record.time);
      if (Number.isNaN(t)) return false;
      const reached =
        t >= ms &&
        (previous === undefined ||
          previous < ms ||
          // Stepped back to the time asked, or into the second after it (a time typed to the
          // second means that second).
          (t < previous && t - ms < LANDED_WITHIN_MS));
      previous = t;
      if (!reached) return false;
      const again = lastMono !== undefined && sameMoment(lastMono, record.mono);
      lastMono = record.mono;
      if (!again) found.push(position);
      return found.length >= most;
    };
    for (const [position, record] of this.prefix.entries())
      if (consider(record, position)) return found;
    /** Whether the bucket before may end below `ms`. */
    let belowBefore = previous === undefined || previous < ms;
    let readUpTo = -1;
    for (let k = 0; k < this.buckets.length; k++) {
      const at = this.buckets[k];
      if (!at) break;
      const time = at.bucket.time;
      const crosses =
        time !== null && time[1] >= ms && (time[0] < ms + LANDED_WITHIN_MS || belowBefore);
      if (time !== null) belowBefore = time[0] < ms;
      const part = this.parts[at.part];
      if (!crosses || !part) continue;
      // The record before this bucket's first decides whether that first record is a crossing.
      if (k > 0 && readUpTo !== k - 1) previous = await this.lastTimeOf(k - 1);
      let position = at.first;
      for await (const record of recordsFrom(part, at.bucket.offset)) {
        if (position >= at.first + at.bucket.records) break;
        if (consider(record, position)) return found;
        position += 1;
      }
      readUpTo = k;
    }
    return found;
  }

  /** The time of the last record of bucket `k`; undefined before the first. */
  private async lastTimeOf(k: number): Promise<number | undefined> {
    const at = this.buckets[k];
    const part = at && this.parts[at.part];
    if (!at || !part || at.bucket.records === 0) return undefined;
    let last: number | undefined;
    let seen = 0;
    for await (const record of recordsFrom(part, at.bucket.offset)) {
      const t = Date.parse(record.time);
      if (!Number.isNaN(t)) last = t;
      if (++seen >= at.bucket.records) break;
    }
    return last;
  }

  /** The bucket holding the record at `position`. */
  private bucketOf(position: number): BucketAt | undefined {
    const at = this.bucketIndexOf(position);
    return at === undefined ? undefined : this.buckets[at];
  }

  /** Where in `buckets` the bucket holding the record at `position` is. */
  private bucketIndexOf(position: number): number | undefined {
    let lo = 0;
    let hi = this.buckets.length - 1;
    let found: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const candidate = this.buckets[mid];
      if (!candidate) break;
      if (candidate.first <= position) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/**
 * Times the clock showed twice closer than this in monotonic time are one moment: a clock slewed
 * back by seconds, not a time sync that moved it by minutes or hours.
 */
const AGAIN_MIN_MS = 60_000;

/** A clock stepped back to within this after a time has come back to it. */
const LANDED_WITHIN_MS = 1000;

function sameMoment(earlierMono: number, laterMono: number): boolean {
  // A monotonic clock that went back is another run's (a file of several): not the same moment.
  return laterMono >= earlierMono && laterMono - earlierMono < AGAIN_MIN_MS;
}

/** The records of one file from a line's byte offset to its end, read 256 KiB at a time. */
async function* recordsFrom(
  part: IndexedPart,
  offset: number,
  /** Non-blank lines to pass over unparsed (only where each is known to be a record). */
  skip = 0,
  /** The v1 upgrader's key: one per read of the log. */
  state: object = {},
): AsyncGenerator<JournalRecord> {
  const splitter = new LineSplitter({ offset, line: 0 });
  let batch: JournalRecord[] = [];
  let skipped = 0;
  const handler = {
    line(buf: Buffer, from: number, to: number) {
      if (skipped < skip && !isBlankLine(buf, from, to)) {
        skipped += 1;
        return;
      }
      const parsed = parseJournalLine(buf, from, to, state);
      if (parsed?.record) batch.push(parsed.record);
    },
    tooLong() {
      // A damaged line: no record, as everywhere else.
    },
  };
  const stream = createReadStream(part.file, { start: offset, highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      splitter.push(chunk, handler);
      yield* batch;
      batch = [];
    }
    splitter.end(handler);
    yield* batch;
  } finally {
    stream.destroy();
  }
}

/** The files of a log, for the index: a run's journal files in order, or one JSON Lines file. */
export async function logFiles(path: string): Promise<{ files: string[]; runDir?: string }> {
  const location = await locateLog(path);
  if (location.kind === 'bundle')
    throw new LogOpenError(
      'Search and jumping through the whole log work on journal folders and JSON Lines files; a .zip bundle can be opened and read, but not searched. Unzip it and open its log.',
      'unreadable',
    );
  return location.kind === 'run-directory'
    ? { files: location.files, runDir: location.path }
    : { files: location.files };
}

/** Times a live run's files are listed again when one went between listing and reading. */
const LIVE_RETRIES = 3;

/**
 * Opens a log through its index, building (and saving) what is missing once. A live run at its
 * cap of files drops its oldest at each rotation: one dropped between the listing and its reading
 * failed the live overview and Go to time with a raw ENOENT. The run's files are listed again.
 */
export async function openIndexedLog(
  path: string,
  options: IndexedLogOptions = {},
): Promise<IndexedLog> {
  for (let attempt = 1; ; attempt++) {
    const listed = await logFiles(path);
    try {
      return await openListed(listed, options);
    } catch (error) {
      const live = listed.runDir !== undefined && runEnd(listed.runDir) === 'live';
      if (!live || !isGone(error) || attempt >= LIVE_RETRIES) throw error;
    }
  }
}

async function openListed(
  { files, runDir }: { files: string[]; runDir?: string },
  options: IndexedLogOptions,
): Promise<IndexedLog> {
  // A run another process is still writing has a writer keeping its index: only read it.
  const save = (options.save ?? true) && (runDir === undefined || runEnd(runDir) !== 'live');
  const stats = await Promise.all(files.map((f) => fileStats(f)));
  const total = stats.reduce((a, b) => a + b.size, 0);
  // What each file's index says already, and what still needs building (on both cores).
  const known = await Promise.all(
    files.map(async (file, i) => {
      const { index, saved } = await knownIndex(file, stats[i]);
      if (index) return { index, job: undefined };
      return { index: undefined, job: { file, base: saved ?? emptyFileIndex(basename(file)) } };
    }),
  );
  // Bytes of the files whose index is done, whichever thread built them and in whatever order:
  // counted in the files' order, a week's log said "0%" for seconds while the helper and this
  // thread built the files after the one waited for.
  const size = (i: number) => stats[i]?.size ?? 0;
  let finished = known.reduce((sum, k, i) => sum + (k.index ? size(i) : 0), 0);
  const builds = new IndexBuilds(
    known.map((k) => k.job),
    options.signal,
    (i) => {
      finished += size(i);
      options.onIndexing?.(finished, total);
    },
  );
  // Files share the two cores among themselves; one file to build shares its own halves.
  const build = known.filter((k) => k.job).length === 1 ? extendIndexSplit : extendIndex;
  const parts: IndexedPart[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const stat = stats[i];
      let index = known[i]?.index;
      if (!index) {
        index = await builds.index(i, (job) =>
          build(file, job.base, {
            signal: options.signal,
            onBytes: (bytes) => options.onIndexing?.(finished + bytes, total),
          }),
        );
        if (save) await saveIndex(file, index);
      }
      if (stat) rememberIndex(file, stat, index);
      parts.push({ file, index });
    }
  } finally {
    builds.close();
  }
  return new IndexedLog(parts, runDir ? rotatedRunStart(runDir, parts) : []);
}

/**
 * How many records the log at `path` holds, when every file's index is complete already (in
 * memory, beside the log or in the index cache): nothing is built for it. Undefined when one is
 * not, or the log cannot be read (whoever reads it next says why). An export from the command line
 * says "of N records" with it, as the window does.
 */
export async function indexedRecordCount(path: string): Promise<number | undefined> {
  try {
    const { files, runDir } = await logFiles(path);
    const parts: IndexedPart[] = [];
    for (const file of files) {
      const { index } = await knownIndex(file, await fileStats(file));
      if (!index) return undefined;
      parts.push({ file, index });
    }
    return new IndexedLog(parts, runDir ? rotatedRunStart(runDir, parts) : []).total;
  } catch {
    return undefined;
  }
}

/**
 * A file's complete index where one is known (remembered, or a sidecar that still describes the
 * file), else the sidecar's partial one (`saved`) to extend, if any.
 */
async function knownIndex(
  file: string,
  stat: Stats | undefined,
): Promise<{ index?: FileIndex; saved?: FileIndex }> {
  const cached = stat ? cachedIndex(file, stat) : undefined;
  if (cached) return { index: cached };
  const saved = await readSidecar(file);
  if (saved && (await coversFile(file, saved))) return { index: saved };
  return saved ? { saved } : {};
}

async function fileStats(file: string): Promise<Stats> {
  const handle = await open(file, 'r');
  try {
    return await handle.stat();
  } finally {
    await handle.close();
  }
}

/**
 * A long run whose first file was rotated away still begins with its run-start, from run.json,
 * as the saved log shows it (electron/core/export/open-log.ts does the same).
 */
function rotatedRunStart(runDir: string, parts: IndexedPart[]): JournalRecord[] {
  const runStart = readRunStart(runDir);
  const first = parts[0]?.index.buckets[0];
  if (!runStart || !first) return [];
  if (first.kinds['run-start'] !== undefined || first.firstSeq <= runStart.seq) return [];
  return [runStart];
}
