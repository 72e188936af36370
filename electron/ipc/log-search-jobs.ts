/**
 * Searches and jumps through a whole log for the window, live or saved. A search streams its hits
 * back as `mbn:search-progress` events (with the running count and bytes done) and can be
 * cancelled by id, the way exports are (./export-jobs.ts); only one search runs per window at a
 * time, so starting another stops the last. A jump reads the rows around a place through the
 * index: the end, a time, a row.
 *
 * Rows are numbered as the log shows them: seq in the live log, position + 1 in a saved log
 * (which may hold several runs whose seqs start again at 1).
 */
import { copyBundleLog, type BundleLogCopy } from '../core/bundle-log-copy.js';
import { openIndexedLog, type IndexedLog } from '../core/indexed-log.js';
import { LogOpenError } from '../core/export/log-location.js';
import { SearchQueryError, searchLog, type SearchHit } from '../core/log-search.js';
import { searchNewestFirst } from '../core/newest-first.js';
import { matchesInOtherRuns } from '../core/other-runs.js';
import { runAtTime } from '../core/run-at-time.js';
import type { SavedLogPlace } from './saved-logs.js';
import { OverviewReads, overviewOfLog, type LogOverview } from '../core/log-overview.js';
import { scanStretch } from '../core/journal-index-scan.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { spanWithin, type ExportRange } from '../../shared/export-range.js';
import {
  SEARCH_MAX_ROWS,
  type LogRow,
  type LogSourcePayload,
  type OtherRunsCount,
  type RequestPayload,
  type SearchDone,
  type SearchProgressEvent,
  type SeekAnswer,
} from './contract.js';
import { IpcFailure } from './ipc-failure.js';
import { toLogRow } from './log-row.js';
import { PAGE_CHARS, SEARCH_CHARS, rowChars } from './row-size.js';
import { formatCount } from '../../shared/format-count.js';

/** What a search needs of the live journal. */
interface LiveJournal {
  runDir: string;
  lastSeq: number;
  /** The oldest record the run still holds (Journal.firstSeq). */
  firstSeq: number;
  flush(): void;
  readPage(fromSeq: number, limit: number): JournalRecord[];
}

export interface LogSearchDeps {
  live: LiveJournal;
  /**
   * The open saved log's path, whether it is a .zip bundle and the range it holds (known since
   * it was opened); throws an IpcFailure when that log is not open.
   */
  savedLog: (logId: number) => SavedLogPlace;
  onProgress: (event: SearchProgressEvent) => void;
}

/** A saved log's index, built once for its window, jumps and searches. */
interface SavedIndex {
  path: string;
  log: Promise<IndexedLog>;
  stop: AbortController;
  /** Bytes indexed so far, of all (while it is built). */
  indexed: { done: number; total: number };
}

/** The most places a time asked for is gone to among (a clock set back more often is rare). */
const MOST_TIMES = 3;

/** How often a search waiting for a saved log's index says how far it has got. */
const WAIT_PROGRESS_MS = 250;

/**
 * Rows one progress event carries at most, a frame apart (HIT_EVENT_GAP_MS; the batcher sends one
 * message a frame): a search of every line sent 4,096 rows (2.7 MB) in its first message, and the
 * window stopped for seconds taking it in. A few hundred are more than the list shows at once.
 */
const HITS_PER_EVENT = 400;
/** Longer than the batcher's frame (event-batcher.ts), so each share goes in a message of its own. */
const HIT_EVENT_GAP_MS = 20;

/** Where a log is, and whether it is a .zip bundle (searched through a copy of its log). */
type LogPlace = ReturnType<LogSearchDeps['savedLog']> & { live?: true };

export class LogSearchJobs {
  private running: { searchId: number; controller: AbortController } | undefined;
  /** The saved log's index, opened once per log (building it can take a while the first time). */
  private savedIndex: SavedIndex | undefined;
  /** The open saved log's copy, when it is a .zip bundle (bundle-log-copy.ts). */
  private bundle: { zip: string; copy: Promise<BundleLogCopy> } | undefined;
  /**
   * What the last overview of each log read again, for the next: the live log's is asked for
   * every few seconds (log-overview.ts). Each holds one overview's reads, not the log's.
   */
  private readonly overviewReads = { live: new OverviewReads(), saved: new OverviewReads() };

  constructor(private readonly deps: LogSearchDeps) {}

  async search(payload: RequestPayload<'mbn:search-log'>): Promise<SearchDone> {
    const { searchId, source, query, fromRow, newestFirst, beforeRow } = payload;
    // Found first: a saved log closed meanwhile throws here, before anything is marked running.
    const where = this.pathOf(source);
    this.running?.controller.abort();
    const controller = new AbortController();
    this.running = { searchId, controller };
    const numbering = source.log === 'live' ? 'seq' : 'position';
    const counts = { searchId, matches: 0, doneBytes: 0, totalBytes: 0 };
    // Rows sent, and their size: a search of a log of huge lines stops sending at SEARCH_CHARS
    // (and goes on counting), as any search does at SEARCH_MAX_ROWS.
    let delivered = 0;
    let sentChars = 0;
    const rows = (hits: SearchHit[]): LogRow[] => {
      const out: LogRow[] = [];
      for (const hit of hits) {
        if (sentChars >= SEARCH_CHARS) break;
        const row = { ...toLogRow(hit.record, { commandId: hit.commandId }), seq: hit.row };
        sentChars += rowChars(row);
        out.push(row);
      }
      delivered += out.length;
      return out;
    };
    try {
      const path = await this.readable(where, () =>
        this.deps.onProgress({ ...counts, hits: [], unpacking: true }),
      );
      if (source.log === 'saved')
        await this.indexFirst(path, controller.signal, (indexed) => {
          Object.assign(counts, { doneBytes: indexed.done, totalBytes: indexed.total });
          this.deps.onProgress({ ...counts, hits: [], indexing: true });
        });
      // Newest first: the last hits of all, sent at the end (their count streams in before).
      const search = newestFirst ? searchNewestFirst : searchLog;
      const summary = await search(path, query, {
        numbering,
        signal: controller.signal,
        maxHits: SEARCH_MAX_ROWS,
        // A hit of a command's request names the command, as the log's rows do.
        commands: true,
        // The live run's writer keeps its index; a search only reads it.
        save: source.log === 'saved',
        ...(fromRow === undefined ? {} : { fromRow }),
        ...(beforeRow === undefined ? {} : { beforeRow }),
        // Waited for: the search reads on once the last share is on its way.
        onHits: async (hits, progress) => {
          Object.assign(counts, pick(progress));
          const found = rows(hits);
          this.deps.onProgress({ ...counts, hits: found.slice(0, HITS_PER_EVENT) });
          for (let i = HITS_PER_EVENT; i < found.length; i += HITS_PER_EVENT) {
            await new Promise((resolve) => setTimeout(resolve, HIT_EVENT_GAP_MS));
            controller.signal.throwIfAborted();
            this.deps.onProgress({ ...counts, hits: found.slice(i, i + HITS_PER_EVENT) });
          }
        },
        onProgress: (progress) => {
          Object.assign(counts, pick(progress));
          this.deps.onProgress({
            ...counts,
            hits: [],
            ...(progress.newest === undefined ? {} : { newest: progress.newest }),
          });
        },
      });
      return {
        ...counts,
        ...pick(summary),
        delivered: Math.min(summary.delivered, delivered),
        damagedLines: summary.damagedLines,
        ...(summary.serviceNotInLog
          ? {
              serviceNotInLog: {
                asked: query.service ?? '',
                services: summary.serviceNotInLog,
              },
            }
          : {}),
        bucketsRead: summary.bucketsRead,
        bucketsSkipped: summary.bucketsSkipped,
        ...logTimes(summary.times, where.range),
      };
    } catch (error) {
      if (controller.signal.aborted)
        throw new IpcFailure({
          code: 'search-cancelled',
          message: stoppedMessage(counts),
        });
      throw searchFailure(error);
    } finally {
      this.finished(controller);
    }
  }

  /**
   * The query of a saved run's search counted in the other runs of its journal folder
   * (other-runs.ts), under the search's id: a new search, or Stop, stops it as it stops a search.
   * The live session's are the app's own earlier runs (a kiosk's week, before the technician
   * started the app today). Nothing for a bundle or a file, which are no run among runs.
   */
  async otherRuns(payload: RequestPayload<'mbn:search-other-runs'>): Promise<OtherRunsCount> {
    const { searchId, source, query } = payload;
    const where = this.pathOf(source);
    if (where.bundle) return { runs: [], of: 0, unread: [] };
    this.running?.controller.abort();
    const controller = new AbortController();
    this.running = { searchId, controller };
    try {
      return await matchesInOtherRuns(
        where.path,
        query,
        controller.signal,
        (reached) => {
          this.deps.onProgress({
            searchId,
            matches: 0,
            doneBytes: 0,
            totalBytes: 0,
            hits: [],
            otherRuns: reached,
          });
        },
        this.deps.live.runDir,
      );
    } catch (error) {
      if (controller.signal.aborted)
        throw new IpcFailure({
          code: 'search-cancelled',
          message: 'The count in the other runs was stopped.',
        });
      throw searchFailure(error);
    } finally {
      this.finished(controller);
    }
  }

  private finished(controller: AbortController): void {
    if (this.running?.controller === controller) this.running = undefined;
  }

  /** Stops the search with this id; false when it is not running. */
  cancel(searchId: number): boolean {
    if (this.running?.searchId !== searchId) return false;
    this.running.controller.abort();
    return true;
  }

  cancelAll(): void {
    this.running?.controller.abort();
  }

  async seek(payload: RequestPayload<'mbn:seek-log'>): Promise<SeekAnswer> {
    const { source, to, limit } = payload;
    try {
      return source.log === 'live'
        ? await this.seekLive(to, limit)
        : await this.seekSaved(await this.readable(this.pathOf(source)), to, limit);
    } catch (error) {
      throw searchFailure(error);
    }
  }

  private async seekLive(
    to: RequestPayload<'mbn:seek-log'>['to'],
    limit: number,
  ): Promise<SeekAnswer> {
    const journal = this.deps.live;
    let target: number;
    let times: number[] | undefined;
    if ('end' in to) target = journal.lastSeq;
    else if ('row' in to) {
      // A hit found before its file was dropped: read from the oldest record kept, the jump
      // brought rows from hours later and selected one the window did not have.
      const first = journal.firstSeq;
      if (to.row < first)
        throw new IpcFailure({ code: 'search-failed', message: droppedWords(to.row, first) });
      target = Math.min(to.row, journal.lastSeq);
    } else {
      journal.flush();
      const log = await openIndexedLog(journal.runDir, { save: false });
      const ms = Date.parse(to.time);
      const places = await log.timesAt(ms, MOST_TIMES);
      if (places.length === 0) places.push(await log.positionAt(ms));
      const seqs: number[] = [];
      for (const place of places) {
        const [record] = await log.read(place, 1);
        if (record) seqs.push(record.seq);
      }
      target = seqs[0] ?? journal.lastSeq;
      if (seqs.length > 1) times = seqs;
    }
    const from = Math.max(1, target - Math.floor(limit / 2));
    const first = 'end' in to ? Math.max(1, target - limit + 1) : from;
    const rows = journal.readPage(first, limit).map((record) => toLogRow(record));
    return { rows, target: rows.length > 0 ? target : null, ...(times ? { times } : {}) };
  }

  /**
   * The whole log's overview from its index's bucket counts, with the buckets those would smear
   * over the strip read again (log-overview.ts). A saved log's index is the one its jumps use
   * (built once); the live run's is its writer's sidecars, plus a scan of the open bucket only
   * (at most ~4096 records not yet in a closed bucket), which is all it reads again of what the
   * last overview read. With `columns`, one bin per column of a strip that wide.
   */
  async overview(source: LogSourcePayload, columns?: number): Promise<LogOverview> {
    try {
      const place = this.pathOf(source);
      const saved = place.live ? undefined : await this.readable(place);
      const log =
        saved === undefined
          ? await openIndexedLog(place.path, { save: false })
          : await this.savedLog(saved);
      // A range's export: the strip spans its range, not what it kept from before it.
      const { range } = place;
      // A rotated run's run-start, kept in run.json, is the first row of the run opened as a
      // saved log; the live log counts from the oldest entry its journal still holds.
      const prefix = place.live ? [] : log.prefix;
      return await overviewOfLog(
        { parts: log.parts, buckets: log.buckets, prefix },
        {
          scan: scanStretch,
          reads: this.overviewReads[source.log],
          ...(range ? { range } : {}),
          ...(columns === undefined ? {} : { columns }),
        },
      );
    } catch (error) {
      throw searchFailure(error);
    }
  }

  /** The open saved log's index (built once, shared by its jumps, searches and pages). */
  indexOfSaved(path: string): Promise<IndexedLog> {
    return this.savedLog(path);
  }

  /**
   * A saved log's search waits for the log's shared index (started by its window when the log was
   * opened, or here), saying how far it has got, then searches through it: searched beside that
   * build, it built the same index again, and the two took both cores from each other (and from
   * the window's jumps). A failed build is left to the search, which says what failed.
   */
  private async indexFirst(
    path: string,
    signal: AbortSignal,
    progress: (indexed: SavedIndex['indexed']) => void,
  ): Promise<void> {
    const entry = this.savedEntry(path);
    const state = { settled: false };
    const built = entry.log.then(
      () => (state.settled = true),
      () => (state.settled = true),
    );
    // Told at once, so the window says what it waits for rather than sit at 0 %.
    await Promise.resolve();
    if (!state.settled) progress(entry.indexed);
    const tick = (): Promise<false> =>
      new Promise((resolve) => setTimeout(() => resolve(false), WAIT_PROGRESS_MS).unref());
    // A cancel is heard at once, not at the next tick.
    const cancelled = new Promise<true>((resolve) => {
      signal.addEventListener('abort', () => resolve(true), { once: true });
    });
    while (!(await Promise.race([built, cancelled, tick()]))) {
      signal.throwIfAborted();
      progress(entry.indexed);
    }
    signal.throwIfAborted();
  }

  private savedLog(path: string): Promise<IndexedLog> {
    return this.savedEntry(path).log;
  }

  /** The saved log's index entry, its build started the first time this log is asked for. */
  private savedEntry(path: string): SavedIndex {
    if (this.savedIndex?.path !== path) {
      // The last log's index, if still being built, is of no use now: left to finish, it took a
      // core from this one's for as long as a minute (ten million records).
      this.savedIndex?.stop.abort();
      const stop = new AbortController();
      const indexed = { done: 0, total: 0 };
      const log = openIndexedLog(path, {
        signal: stop.signal,
        onIndexing: (done, total) => Object.assign(indexed, { done, total }),
      });
      const entry = { path, log, stop, indexed };
      // A failed open is not kept: the next jump tries again.
      log.catch(() => {
        if (this.savedIndex === entry) this.savedIndex = undefined;
      });
      this.savedIndex = entry;
    }
    return this.savedIndex;
  }

  private async seekSaved(
    path: string,
    to: RequestPayload<'mbn:seek-log'>['to'],
    limit: number,
  ): Promise<SeekAnswer> {
    const log = await this.savedLog(path);
    if (log.total === 0) return { rows: [], target: null };
    let position: number;
    let times: number[] = [];
    let inRun: SeekAnswer['inRun'];
    if ('end' in to) position = log.total - 1;
    else if ('row' in to) position = Math.min(to.row - 1, log.total - 1);
    else {
      const ms = Date.parse(to.time);
      times = await log.timesAt(ms, MOST_TIMES);
      position = times[0] ?? (await log.positionAt(ms));
      // Outside this run, in another of its folder: said, for the window to offer it.
      inRun = runAtTime(path, log.timeSpan(), ms);
    }
    const count = rowsWithin(log, position, limit);
    const first =
      'end' in to ? Math.max(0, log.total - count) : Math.max(0, position - Math.floor(count / 2));
    const records = await log.read(first, count);
    const rows = records.map((record, i) => ({ ...toLogRow(record), seq: first + i + 1 }));
    return {
      rows,
      target: position + 1,
      ...(times.length > 1 ? { times: times.map((p) => p + 1) } : {}),
      ...(inRun ? { inRun } : {}),
    };
  }

  /**
   * Where a log's bytes can be sought: the path itself, or for a .zip bundle its copy, made on
   * the first search or jump and kept while that bundle is the one searched.
   */
  private async readable(where: LogPlace, unpacking?: () => void): Promise<string> {
    const { path } = where;
    // The live run is a journal folder; a saved bundle's copy stays for when it is searched again.
    if (where.live) return path;
    if (this.bundle?.zip === path) return (await this.bundle.copy).path;
    // Another log is searched now: the last bundle's copy is not needed any more.
    await this.dropBundle();
    if (!where.bundle) return path;
    unpacking?.();
    const copy = copyBundleLog(path);
    // A failed copy is not kept: the next search tries again.
    copy.catch(() => {
      if (this.bundle?.copy === copy) this.bundle = undefined;
    });
    this.bundle = { zip: path, copy };
    return (await copy).path;
  }

  private async dropBundle(): Promise<void> {
    const old = this.bundle;
    this.bundle = undefined;
    if (old) await (await old.copy.catch(() => undefined))?.remove();
  }

  /** Stops any search and removes a bundle's copy (the window closed, or the app stops). */
  async dispose(): Promise<void> {
    this.cancelAll();
    this.savedIndex?.stop.abort();
    this.savedIndex = undefined;
    await this.dropBundle();
  }

  private pathOf(source: LogSourcePayload): LogPlace {
    if (source.log === 'saved') return this.deps.savedLog(source.logId);
    // What the session logged up to now is on disk to search.
    this.deps.live.flush();
    return { path: this.deps.live.runDir, bundle: false, live: true };
  }
}

/**
 * The log's first and last times as the search passed them, for the note beside a range that
 * matched nothing; a range's export's within its range, as its overview strip spans it (what it
 * kept from days before, the run's start, a device's details, is not when it ran).
 */
function logTimes(
  times: [number, number] | null,
  range: ExportRange | undefined,
): Pick<SearchDone, 'firstMs' | 'lastMs'> {
  const span = spanWithin(times, range);
  return span ? { firstMs: span[0], lastMs: span[1] } : { firstMs: null, lastMs: null };
}

function pick(p: { matches: number; doneBytes: number; totalBytes: number }) {
  return { matches: p.matches, doneBytes: p.doneBytes, totalBytes: p.totalBytes };
}

function searchFailure(error: unknown): unknown {
  if (error instanceof IpcFailure) return error;
  if (error instanceof SearchQueryError || error instanceof LogOpenError)
    return new IpcFailure({ code: 'search-failed', message: error.message });
  return error;
}

/** Bytes of lines one jump reads, about: its rows (records and their words) are twice that. */
const SEEK_BYTES = PAGE_CHARS / 2;

/**
 * How many rows a jump to `position` reads: `limit`, or fewer when the lines around it are so long
 * (by the index's bytes per record there) that `limit` of them would come to more than SEEK_BYTES.
 * A log's lines may each be up to 1 MiB: 2000 of them read at once filled the heap.
 */
function rowsWithin(log: IndexedLog, position: number, limit: number): number {
  const from = Math.max(0, position - limit);
  let bytes = 0;
  let records = 0;
  for (const { bucket, first } of log.buckets) {
    if (first + bucket.records <= from) continue;
    if (first > position + limit) break;
    bytes += bucket.bytes;
    records += bucket.records;
  }
  if (records === 0 || bytes <= SEEK_BYTES) return limit;
  return Math.max(1, Math.min(limit, Math.floor((SEEK_BYTES * records) / bytes)));
}

/**
 * Why a jump to row `row` of the live journal brought nothing: its file is gone. Entries are
 * numbered as the log's # column writes them.
 */
function droppedWords(row: number, firstSeq: number): string {
  return (
    `Entry #${String(row)} is no longer in the journal: its oldest files were deleted to make ` +
    `room for newer entries, and it now starts at #${String(firstSeq)}.`
  );
}

/** A stopped search's count, and how much of the log it had been through, so the count means something. */
function stoppedMessage(counts: {
  matches: number;
  doneBytes: number;
  totalBytes: number;
}): string {
  const matches = `${formatCount(counts.matches)} ${counts.matches === 1 ? 'match' : 'matches'}`;
  const share =
    counts.totalBytes > 0 ? Math.floor((counts.doneBytes / counts.totalBytes) * 100) : 0;
  return `The search was stopped after ${matches}, with ${String(share)}% of the log searched.`;
}
