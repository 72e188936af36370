/**
 * Search across a whole log, not only the rows in memory: by outcome, kind, service, HRESULT,
 * request reference, MBN request ID, free text and time range, all of which must hold. Hits
 * stream out bucket by bucket with a running count; progress is in bytes; an AbortSignal stops it
 * between buckets.
 *
 * The index does the heavy lifting: a bucket whose counts say it holds no record of that outcome,
 * service or HRESULT (or whose request-ID or time range misses) is not read at all. A bucket that
 * is read is first searched for the query's rarest literal bytes, and only the lines that hold
 * them are parsed. A file without an index (or with new lines after it) is scanned once, which
 * builds and saves its index, and the same pass is searched.
 *
 * Free text matches the record's line as written (every field, names included: `E_ACCESSDENIED`,
 * a service's name, a message), case-insensitively. Kinds this build does not know are matched
 * by their text and their common fields; nothing here switches on every kind.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { SearchProgressCounts } from '../../shared/search-words.js';
import { BucketBuffer } from './bucket-buffer.js';
import { hasRunStart, helperMaySearch, searchBucket, searchCandidates } from './bucket-search.js';
import { coversFile, firstRecordIn, readSidecar, saveIndex } from './journal-index-file.js';
import { extendIndex, fullBuckets } from './journal-index-scan.js';
import {
  coveredBytes,
  damagedLines,
  emptyFileIndex,
  serviceName,
  type IndexBucket,
} from './journal-index.js';
import { cachedIndex, rememberIndex } from './file-index-cache.js';
import { HitCommands } from './hit-commands.js';
import { IndexBuilds } from './index-builds.js';
import { extendIndexSplit } from './index-split.js';
import { logFiles } from './indexed-log.js';
import { isBlankLine, readRunStart } from './journal-reader.js';
import { TextFinder } from './text-finder.js';
import { TextScans } from './text-scans.js';
import { bucketQueries } from './bucket-needles.js';
import { MAX_LINE_BYTES } from './line-splitter.js';
import { runEnd } from './journal-files.js';
import { isGone } from './journal-file-io.js';
import {
  afterRange,
  bucketMayMatch,
  bucketServicesMatched,
  bucketOutsideRange,
  compileQuery,
  forFileServices,
  indexedMatches,
  recordMatches,
  type SearchQuery,
} from './search-query.js';

export { SearchQueryError, type SearchQuery } from './search-query.js';

export interface SearchHit {
  /** The record's number as the log shows it: its seq (live log) or position + 1 (saved log). */
  row: number;
  record: JournalRecord;
  /**
   * With `commands`: the command the record's QUERY or SET request sent (a request's own), when
   * the search read that request (hit-commands.ts); else null.
   */
  commandId: number | null;
}

/**
 * `doneBytes`: bytes dealt with (read, or skipped thanks to the index) of the log's total.
 * `indexing`: the search waits on, or reads as it is built, a file's index (a log's first search).
 */
export interface SearchProgress extends SearchProgressCounts {
  bucketsRead: number;
  bucketsSkipped: number;
  /**
   * Lines no reader could take a record from (damaged, cut short, far too long), in the part
   * searched so far: what they held cannot match, so a count of matches must say they were there.
   */
  damagedLines: number;
}

export interface SearchOptions {
  /** How hits are numbered: by seq (the live log) or by position (a saved log's rows). */
  numbering: 'seq' | 'position';
  signal?: AbortSignal;
  /**
   * A batch of hits. A promise returned is waited for before the search reads on: a command
   * writing hits to a pipe its reader empties slowly (`| less`) waits for it, rather than hold
   * every hit found meanwhile in memory. Anything else returned is not waited for (a test's
   * `(batch) => hits.push(...batch)`).
   */
  onHits?: (hits: SearchHit[], progress: SearchProgress) => unknown;
  onProgress?: (progress: SearchProgress) => void;
  /** Hits handed out at most (the count goes on); default 10,000. */
  maxHits?: number;
  /**
   * The first row searched, numbered as `numbering` says: the rows before it are neither read nor
   * counted (the index's buckets wholly before it are passed over unread), so a search can go on
   * after the last hit an earlier one handed out. Default: the first row of the log.
   */
  fromRow?: number;
  /**
   * Only rows before this one (numbered as `numbering` says) are searched and counted: the index's
   * buckets wholly from it on are passed over unread (newest-first.ts goes on below the oldest
   * hit it handed out). Default: to the log's end.
   */
  beforeRow?: number;
  /** Save indexes built on the way (not for a run another process writes). */
  save?: boolean;
  /** Tell each hit's command (`SearchHit.commandId`), reading the lines that tell it too. */
  commands?: boolean;
  /** Buckets to scan of fewer bytes than this stay on one core (text-scans.ts; tests lower it). */
  shareScanFrom?: number;
  /**
   * Told as each of the index's buckets is come to, in order: its first row, and the matches
   * counted before it (newest-first.ts finds where the last matches begin by them).
   */
  onBucket?: (firstRow: number, matchesBefore: number) => void;
  /**
   * Hears each match past `maxHits` that was read (not one the index counted): newest first
   * keeps the last it meets, so where every match is read it needs no second pass.
   */
  onMatchPast?: (hit: SearchHit) => void;
}

/** The query, compiled once: normalized values and the byte strings a matching line must hold. */

export interface SearchSummary extends SearchProgress {
  /** Hits handed out (at most maxHits); `matches` is how many there are in all. */
  delivered: number;
  /**
   * Set when the query names a service no record of the log has: the names of the services it
   * has (a few), for the words that say so instead of a bare "0 matches".
   */
  serviceNotInLog?: string[];
  /** Indexes that had to be built or extended on the way (files). */
  indexed: number;
  /**
   * With a service asked for: the names of the services it matched (a few), so that one matching
   * several ("m": SMS and Sierra Diagnostics Stream) says so rather than count them together.
   */
  servicesMatched: string[];
  /**
   * The log's earliest and latest record times, epoch ms (min and max: the clock may step back),
   * from the buckets' time ranges in the index and the run-start put before them; null when no
   * record has a time. The search passes every bucket, read or not, so nothing is read for it:
   * what the window says beside a time range that matched nothing (the log's own times).
   */
  times: [number, number] | null;
}

const YIELD_EVERY_BUCKETS = 8;
/** Lines past a file's index that make extending it "indexing" (a few seconds' worth of log). */
const INDEXING_FROM_BYTES = 4 * 1024 * 1024;
/** The most the thread is held between two turns of the event loop, beyond one bucket's read. */
const TURN_EVERY_MS = 15;
/** Finders of a needle of their own kept at once (4 MiB of WebAssembly memory each). */
const KEPT_FINDERS = 3;
/** Service names a "not in the log" answer lists at most. */
const MAX_SERVICE_NAMES = 20;

/** Searches the log at `path` (journal folder or JSON Lines file). */
export async function searchLog(
  path: string,
  query: SearchQuery,
  options: SearchOptions,
): Promise<SearchSummary> {
  const c = compileQuery(query);
  const { files, runDir } = await logFiles(path);
  const live = runDir !== undefined && runEnd(runDir) === 'live';
  const save = (options.save ?? true) && !live;
  // A file gone since the run's files were listed is one the running journal rotated away
  // (oldest first): passed over wherever it is found gone, with nothing of it left to search.
  const goneOrThrow = (error: unknown): undefined => {
    if (live && isGone(error)) return undefined;
    throw error;
  };
  const stats = await Promise.all(files.map((f) => stat(f).catch(goneOrThrow)));
  const sizes = stats.map((s) => s?.size ?? 0);
  const progress: SearchProgress = {
    doneBytes: 0,
    totalBytes: sizes.reduce((a, b) => a + b, 0),
    indexing: false,
    matches: 0,
    bucketsRead: 0,
    bucketsSkipped: 0,
    damagedLines: 0,
  };
  const maxHits = options.maxHits ?? 10_000;
  const fromRow = options.fromRow ?? 1;
  const beforeRow = options.beforeRow ?? Number.MAX_SAFE_INTEGER;
  let delivered = 0;
  let indexed = 0;
  let pending: SearchHit[] = [];
  /** Matches past maxHits read since the last batch: told after it, so in the log's order. */
  let past: SearchHit[] = [];
  const hit = (record: JournalRecord, position: number, commandId: number | null): void => {
    const row = options.numbering === 'seq' ? record.seq : position + 1;
    // In the bucket the start falls in: the rows before it are not this search's.
    if (row < fromRow || row >= beforeRow) return;
    progress.matches += 1;
    if (delivered >= maxHits) {
      if (options.onMatchPast) past.push({ row, record, commandId });
      return;
    }
    delivered += 1;
    pending.push({ row, record, commandId });
  };
  const commands = options.commands ? new HitCommands() : undefined;
  // Candidate lines, and the lines that tell a hit's command, are found in WebAssembly.
  const scratch = new BucketBuffer(TextFinder.create(c.scanNeedle ?? undefined));
  // A file's own needle (a service's ID, forFileServices), or a bucket's (an outcome's word,
  // bucketQueries), is found by a finder of its own: the last few made are kept, as buckets may
  // take turns between them (`failed"`, `overdue"`). Several needles are found by the search's.
  const own = new Map<string, BucketBuffer>();
  const scratchFor = (needle: Buffer | null): BucketBuffer => {
    if (needle === null || needle === c.scanNeedle) return scratch;
    const key = needle.toString('hex');
    let found = own.get(key);
    if (!found) {
      const oldest = own.keys().next();
      if (own.size >= KEPT_FINDERS && !oldest.done) own.delete(oldest.value);
      own.set(key, (found = new BucketBuffer(TextFinder.create(needle))));
    }
    return found;
  };
  const emit = async (): Promise<void> => {
    const hits = pending;
    const after = past;
    pending = [];
    past = [];
    if (hits.length > 0) await options.onHits?.(hits, { ...progress });
    else options.onProgress?.({ ...progress });
    for (const one of after) options.onMatchPast?.(one);
  };

  let position = 0;
  /** The seq of the last record of the buckets come to so far (0 before the first). */
  let lastSeq = 0;
  // Whether any bucket holds the service asked for, and the names of those it holds.
  let serviceMet = c.service === null;
  const servicesSeen = new Set<string>();
  /** The services the query's service matched, by ID, with the name each goes by. */
  const matchedServices = new Map<string, string>();
  // A rotated run begins with its run-start from run.json, as the saved log shows it.
  const runStart = runDir ? readRunStart(runDir) : undefined;
  let prefixChecked = runStart === undefined;
  let times: [number, number] | null = null;
  const widenTimes = (time: readonly [number, number] | null): void => {
    if (time === null) return;
    times = times ? [Math.min(times[0], time[0]), Math.max(times[1], time[1])] : [time[0], time[1]];
  };

  // What each file's index says already, and what it still needs built (on both cores, below).
  const known = await Promise.all(
    files.map(async (file, i) => {
      const stamp = stats[i];
      if (!stamp) return { saved: undefined, searchable: [], fileC: c, job: undefined };
      const cached = cachedIndex(file, stamp);
      const saved = cached ?? (await readSidecar(file).catch(goneOrThrow));
      const complete =
        cached !== undefined ||
        (saved !== undefined && ((await coversFile(file, saved).catch(goneOrThrow)) ?? true));
      if (complete && saved && !cached) rememberIndex(file, stamp, saved);
      const searchable = saved ? (complete ? saved.buckets : fullBuckets(saved)) : [];
      // The extension keeps the same buckets (it drops a short last one itself): handed
      // `searchable`, it dropped a short one before it too (where a two-core build's halves met),
      // and the buckets already searched were searched again.
      const base = saved ?? emptyFileIndex(basename(file));
      // The query for the buckets indexed already, as both threads search them (a needle of its
      // own for a service: forFileServices).
      const fileC = forFileServices(c, saved?.serviceNames ?? {}, searchable);
      return { saved, searchable, fileC, job: complete ? undefined : { file, base } };
    }),
  );
  const builds = new IndexBuilds(
    known.map((k) => k.job),
    options.signal,
  );
  // Files share the two cores among themselves; one file to build shares its own halves.
  const build = known.filter((k) => k.job).length === 1 ? extendIndexSplit : extendIndex;
  // The indexed buckets the counts cannot rule out are scanned for candidate lines on both cores
  // (all of them, for free text).
  const shared = new Map<IndexBucket, number>();
  // Buckets surely before the start, or from the end asked on, never read: not handed to the
  // helper either.
  const surelyBefore = bucketsBefore(options.numbering, fromRow, known);
  for (const bucket of bucketsFrom(options.numbering, beforeRow, known)) surelyBefore.add(bucket);
  const sharedBuckets = files
    .flatMap((file, i) => {
      const { saved, searchable, fileC } = known[i] ?? { searchable: [], fileC: c };
      const queryOf = bucketQueries(fileC);
      return searchable.flatMap((bucket) => {
        const bucketC = queryOf(bucket);
        return !surelyBefore.has(bucket) &&
          helperMaySearch(bucket, bucketC) &&
          bucketMayMatch(bucket, c, saved?.serviceNames ?? {})
          ? [
              {
                file,
                offset: bucket.offset,
                bytes: bucket.bytes,
                runStart: hasRunStart(bucket),
                // The needles this thread would find the bucket's candidates by (searchBucket).
                needles:
                  bucketC.anyNeedle ?? (bucketC.scanNeedle ? [bucketC.scanNeedle] : undefined),
                bucket,
              },
            ]
          : [];
      });
    })
    .map(({ bucket, ...at }, k) => (shared.set(bucket, k), at));
  const scans =
    sharedBuckets.length > 0
      ? new TextScans(
          sharedBuckets,
          // Free text is matched as written; any other needle stands for a value (byValue).
          {
            needle: c.scanNeedle ?? undefined,
            telling: options.commands === true,
            byValue: c.text === null,
          },
          options.signal,
          options.shareScanFrom,
        )
      : undefined;
  // Indexing until the last file to index is searched: said at once, not file by file, so that
  // progress shown every few hundred ms does not flicker between indexing and searching. Only
  // where an index is built: a file with none, or many lines past its index. The lines a running
  // app wrote since it last saved its index (never all of them) are read as the search goes.
  const lastToIndex = live
    ? -1
    : known.findLastIndex(
        (k, i) =>
          k.job !== undefined &&
          (k.saved === undefined || (sizes[i] ?? 0) - coveredBytes(k.saved) >= INDEXING_FROM_BYTES),
      );
  progress.indexing = lastToIndex >= 0;
  // Told at once, so a first search says what it waits for rather than sit at 0 %.
  if (progress.indexing) await emit();
  try {
    for (const [i, file] of files.entries()) {
      const size = sizes[i] ?? 0;
      const partStart = progress.doneBytes;
      const stamp = stats[i];
      const { saved, searchable, fileC: indexedC, job } = known[i] ?? { searchable: [] };
      // Held open, the file can still be read when the journal deletes it (on Windows too: Node
      // opens files with FILE_SHARE_DELETE).
      const handle = stamp && (await open(file, 'r').catch(goneOrThrow));
      if (!handle) {
        progress.doneBytes = partStart + size;
        continue;
      }
      if (!prefixChecked) {
        prefixChecked = true;
        const first = searchable[0] ?? saved?.buckets[0];
        if (runStart && needsPrefix(runStart, first, await firstRecord(handle))) {
          if (recordMatches(runStart, c, null)) hit(runStart, position, null);
          const t = Date.parse(runStart.time);
          if (Number.isFinite(t)) widenTimes([t, t]);
          position += 1;
        }
      }
      try {
        let sinceYield = 0;
        let readSinceYield = 0;
        let lastTurn = performance.now();
        let searched = 0;
        /** The bucket before the next one, in this file (see searchBucket's `before`). */
        let before: IndexBucket | undefined;
        /** The file's last bucket searched, for the time of a line cut off after it. */
        let last: IndexBucket | undefined;
        /** Searches buckets in order (those the counts cannot rule out are read). */
        const searchBuckets = async (
          buckets: readonly IndexBucket[],
          serviceNames: Readonly<Record<string, string>>,
          fileC = forFileServices(c, serviceNames, buckets),
        ) => {
          const queryOf = bucketQueries(fileC);
          for (const bucket of buckets) {
            options.signal?.throwIfAborted();
            options.onBucket?.(
              options.numbering === 'seq' ? bucket.firstSeq : position + 1,
              progress.matches,
            );
            if (c.service !== null) {
              // The name a service goes by in the words: the first of its names in the file.
              const named = (id: string) => serviceName(serviceNames, id)?.split('\n')[0] ?? id;
              const matched = bucketServicesMatched(bucket, c, serviceNames);
              for (const id of matched)
                if (matchedServices.size < MAX_SERVICE_NAMES && !matchedServices.has(id))
                  matchedServices.set(id, named(id));
              if (!serviceMet) {
                serviceMet = matched.length > 0;
                for (const id of Object.keys(bucket.services))
                  if (servicesSeen.size < MAX_SERVICE_NAMES) servicesSeen.add(named(id));
              }
            }
            // Before the start, or from the end asked on (the same rows unread, not counted). A
            // bucket of no record (a file garbled through) lies between the row before it and the
            // next (by seq, the one after the last seen): its seq 0 read as before every start,
            // and its damaged lines went uncounted.
            const next = options.numbering === 'seq' ? lastSeq + 1 : position + 1;
            const beforeStart =
              bucket.records === 0
                ? next < fromRow || next >= beforeRow
                : options.numbering === 'seq'
                  ? bucket.lastSeq < fromRow || bucket.firstSeq >= beforeRow
                  : position + bucket.records < fromRow || position + 1 >= beforeRow;
            if (bucket.records > 0) lastSeq = bucket.lastSeq;
            // Wholly within the rows searched: the index's count of it is the search's.
            const wholeAfterStart =
              options.numbering === 'seq'
                ? bucket.firstSeq >= fromRow && bucket.lastSeq < beforeRow
                : position + 1 >= fromRow && position + bucket.records < beforeRow;
            // Every hit it may hand out handed out: what is left is counting, which the index
            // does for the queries its counts answer exactly (a service by the file's query and
            // names, as its records are tested). Never a hit to take from the helper after that,
            // so it is stopped.
            const counted =
              delivered >= maxHits && wholeAfterStart
                ? indexedMatches(bucket, fileC, serviceNames)
                : undefined;
            if (counted !== undefined) {
              progress.matches += counted;
              progress.bucketsSkipped += 1;
              commands?.skipped();
              scans?.close();
            } else if (!beforeStart && bucketMayMatch(bucket, c, serviceNames)) {
              progress.bucketsRead += 1;
              const k = shared.get(bucket);
              const found = k === undefined ? undefined : await scans?.take(k);
              // The file's query, or its bucket's needles (bucketQueries): the same hits.
              const bucketC = queryOf(bucket);
              if (found) searchCandidates(found, bucketC, position, hit, commands);
              else
                await searchBucket(handle, bucket, bucketC, position, hit, before, {
                  commands,
                  scratch: scratchFor(bucketC.scanNeedle),
                  signal: options.signal,
                });
              // Buckets are read synchronously (bucket-search.ts): the event loop gets its turn
              // every few, and sooner when reading is slow (a log on a network share), for a
              // cancel and the window's other requests.
              if (
                ++readSinceYield >= YIELD_EVERY_BUCKETS ||
                performance.now() - lastTurn >= TURN_EVERY_MS
              ) {
                readSinceYield = 0;
                await new Promise((resolve) => setImmediate(resolve));
                lastTurn = performance.now();
              }
            } else {
              progress.bucketsSkipped += 1;
              commands?.skipped();
            }
            // Only where the search looked: lines before its start were not searched anyway, nor
            // those of a bucket wholly outside the time range asked for (no matter to it).
            if (!beforeStart && !bucketOutsideRange(bucket, c))
              progress.damagedLines += damagedLines(bucket);
            widenTimes(bucket.time);
            last = bucket;
            before = bucket;
            searched += 1;
            position += bucket.records;
            progress.doneBytes = partStart + bucket.offset + bucket.bytes;
            if (pending.length > 0 || ++sinceYield >= YIELD_EVERY_BUCKETS) {
              sinceYield = 0;
              await emit();
            }
          }
        };
        await searchBuckets(searchable, saved?.serviceNames ?? {}, indexedC);
        let covered = saved ? coveredBytes(saved) : 0;
        if (job) {
          // No index, or lines after it: built once (here, each bucket searched as soon as it is
          // indexed, its bytes still in the page cache; or by the helper thread, ahead).
          indexed += 1;
          const index = await builds
            .index(i, (here) =>
              build(file, here.base, { signal: options.signal, onBuckets: searchBuckets }),
            )
            .catch(goneOrThrow);
          // Rotated away before its index could be read from it: nothing more of it to search.
          if (!index) {
            progress.doneBytes = partStart + size;
            continue;
          }
          await searchBuckets(index.buckets.slice(searched), index.serviceNames);
          if (i >= lastToIndex) progress.indexing = false;
          if (save) await saveIndex(file, index);
          rememberIndex(file, stamp, index);
          covered = coveredBytes(index);
        }
        // A last line cut off mid-way is left out of the index: in a run still being written it
        // is the line being written, in any other log a line no reader can take.
        // Written after its last bucket, so not asked for when that lies after the range.
        if (
          covered < size &&
          !live &&
          !(last && afterRange(last, c)) &&
          !(await blankTail(handle, covered, size))
        )
          progress.damagedLines += 1;
      } finally {
        await handle.close();
      }
      progress.doneBytes = partStart + size;
      await emit();
    }
  } finally {
    builds.close();
    scans?.close();
  }
  await emit();
  return {
    ...progress,
    delivered,
    indexed,
    servicesMatched: [...new Set(matchedServices.values())].sort(),
    ...(serviceMet ? {} : { serviceNotInLog: [...servicesSeen].sort() }),
    times,
  };
}

/**
 * The buckets a search from `fromRow` surely passes over, of those already indexed. By position,
 * the rows after a file still to index are not known yet (nor ruled out), and a run-start put
 * before the first file may move every row on by one: a bucket counts as before the start only
 * when it is even so.
 */
function bucketsBefore(
  numbering: SearchOptions['numbering'],
  fromRow: number,
  files: readonly { searchable: readonly IndexBucket[]; job: unknown }[],
): Set<IndexBucket> {
  const before = new Set<IndexBucket>();
  if (fromRow <= 1) return before;
  let position = 1;
  for (const { searchable, job } of files) {
    for (const bucket of searchable) {
      if (numbering === 'seq' ? bucket.lastSeq < fromRow : position + bucket.records < fromRow)
        before.add(bucket);
      position += bucket.records;
    }
    if (job !== undefined && numbering === 'position') break;
  }
  return before;
}

/**
 * The buckets a search of the rows before `beforeRow` surely passes over, of those already
 * indexed: each one's first row is at least the rows counted before it (one more with a run-start
 * put first, and more after a file still to index), so it is from `beforeRow` on when even that is.
 */
function bucketsFrom(
  numbering: SearchOptions['numbering'],
  beforeRow: number,
  files: readonly { searchable: readonly IndexBucket[] }[],
): IndexBucket[] {
  const from: IndexBucket[] = [];
  if (beforeRow === Number.MAX_SAFE_INTEGER) return from;
  let rows = 0;
  for (const { searchable } of files)
    for (const bucket of searchable) {
      if (numbering === 'seq' ? bucket.firstSeq >= beforeRow : rows + 1 >= beforeRow)
        from.push(bucket);
      rows += bucket.records;
    }
  return from;
}

function needsPrefix(
  runStart: JournalRecord,
  firstBucket: IndexBucket | undefined,
  first: JournalRecord | undefined,
): boolean {
  if (first) return first.kind !== 'run-start' && first.seq > runStart.seq;
  if (firstBucket)
    return firstBucket.kinds['run-start'] === undefined && firstBucket.firstSeq > runStart.seq;
  return false;
}

/** The file's first record, blank and damaged lines passed over, as the saved log's reader takes it. */
async function firstRecord(handle: FileHandle): Promise<JournalRecord | undefined> {
  const buf = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
  return firstRecordIn(buf.subarray(0, bytesRead));
}

/**
 * Whether the bytes of a file past its index are only spaces (an editor's trailing blank line):
 * no line at all, so nothing the search missed. A tail longer than a line can be is not.
 */
async function blankTail(handle: FileHandle, from: number, size: number): Promise<boolean> {
  if (size - from > MAX_LINE_BYTES) return false;
  const buf = Buffer.alloc(size - from);
  const { bytesRead } = await handle.read(buf, 0, buf.length, from);
  return isBlankLine(buf, 0, bytesRead);
}
