/**
 * The saved log open in the window, read-only: its first page at once, then the rest a page at a
 * time as the renderer asks, so a large file shows its first rows without waiting for the end.
 * One at a time: opening another closes the previous. Rows are numbered by their position in
 * the file, because a saved log can hold several runs whose own numbers start again at 1.
 *
 * A page is also bounded in size, not only in rows: a log's lines may each be up to 1 MiB, and a
 * few hundred of them (a 300 MB file, or a zip bundle of a few hundred kB) made one answer too
 * large to send (the preview's JSON.stringify threw; Electron's IPC copies it all at once). Rows
 * over the budget wait for the next page, and the page says the log is not complete until then.
 *
 * The window keeps a saved log's newest WINDOW_ROWS rows, as it keeps the live log's. Of a larger
 * log (a week-long kiosk journal), the rows after the first page are read from its index: only
 * the newest WINDOW_ROWS are sent, and the damaged lines and a cut-off last line the banner
 * lists are found from the index too. Reading, sending and dropping every row took the window
 * 105 s for a million records. A bundle's entry cannot be entered in the middle: it is read in
 * full, but of a bundle whose manifest counts more records than the window keeps, only the newest
 * WINDOW_ROWS are sent (`skip`), as of an indexed log: sent every one, the window dropped its first
 * page for them, with the row a technician had selected on it.
 */
import { sourceHeader } from '../core/export/source-header.js';
import { basename, dirname, sep } from 'node:path';
import { runNear } from './run-folders.js';
import { LogOpenError, openLog, type SavedLog } from '../core/export/index.js';
import { indexedEnd, indexedProblems } from '../core/export/index-problems.js';
import type { IndexedLog } from '../core/indexed-log.js';
import type { ReadProblem } from '../core/journal-reader.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { ExportRange } from '../../shared/export-range.js';
import type { SavedLogAnswer, SavedLogHolds, SavedLogPage, SavedRow } from './contract.js';
import { MAX_PAGE } from './contract.js';
import { LISTED_PROBLEMS, WINDOW_ROWS } from '../../shared/log-window.js';
import type { HostFiles } from './host-files.js';
import { IpcFailure } from './ipc-failure.js';
import { toSavedRow } from './log-row.js';
import { placeOf } from './saved-log-run.js';
import { PAGE_CHARS, rowChars } from './row-size.js';

/**
 * Records a bundle's skipped stretch is read by in one answer at most: the window hears how far
 * reading has got ("Reading… 740,000 records so far") between them, not only at the newest rows.
 */
const SKIP_RECORDS = 10 * MAX_PAGE;

/** The records a capture (.pcapng) is made of. */
const MBIM_MESSAGE = 'mbim-message' satisfies JournalRecord['kind'];

interface Held {
  records: JournalRecord[];
  first: number;
}

/** A large saved log's newest rows, read through its index. */
interface Tail {
  index: IndexedLog;
  /** Position of the first record sent from the index, and of the next to send. */
  start: number;
  next: number;
  /** Every record: the index's, and a last line without its newline (`end`). */
  total: number;
  end: JournalRecord[];
  problems: ReadProblem[];
  tornTail: boolean;
  /** The index's records from `start`, read in one pass (IndexedLog.recordsAfter). */
  records: AsyncGenerator<JournalRecord>;
}

/** Where an open saved log is, and what its export and overview need to know of it. */
export interface SavedLogPlace {
  path: string;
  bundle: boolean;
  /** The range it holds, when its header or manifest says it is an export of one. */
  range?: ExportRange;
}

export interface SavedLogsOptions {
  /** Characters in one page (tests lower it). */
  pageChars?: number;
  /** Rows the window keeps (tests lower it). */
  window?: number;
  /** The saved log's index, shared with its searches and jumps; without it, every row is read. */
  indexOf?: (path: string) => Promise<IndexedLog>;
  /**
   * The run folder called `name` among the app's own runs (beside the live session's, in its
   * journal folder), or null: what the live search's count in the other runs offers to open.
   */
  ownRunNamed?: (name: string) => string | null;
}

/** The saved log open in the window. */
interface OpenLog {
  id: number;
  log: SavedLog;
  pages: AsyncGenerator<Held>;
  /** Records read but not sent yet: the last page was full. */
  held: Held | undefined;
  /** The newest rows through the index; null once it is known every row is read. */
  tail?: Tail | null;
  /**
   * The page being read (next() calls wait for the one before). One line per log: a log
   * opened while the last one's index is still being built does not wait for that build.
   */
  reading: Promise<unknown>;
  /** The range it holds, when it is an export of one (read once, when it is opened). */
  range: ExportRange | undefined;
  /**
   * Where a large bundle's newest rows start, by its manifest's count: the records between
   * its first page and there are read and not sent. Undefined once they start (or never).
   */
  skip: number | undefined;
}

export class SavedLogs {
  private current: OpenLog | undefined;
  private nextId = 1;
  private readonly pageChars: number;
  private readonly window: number;

  constructor(
    private readonly files: HostFiles,
    private readonly options: SavedLogsOptions = {},
  ) {
    this.pageChars = options.pageChars ?? PAGE_CHARS;
    this.window = options.window ?? WINDOW_ROWS;
  }

  async open(name: string | undefined, runOf?: 'opened' | 'session'): Promise<SavedLogAnswer> {
    const path =
      name !== undefined && runOf !== undefined
        ? await this.runNamed(name, runOf)
        : await this.files.chooseLogToOpen(name);
    if (path === null) return { cancelled: true };
    let log: SavedLog;
    try {
      log = await openLog(path, { pageSize: MAX_PAGE });
    } catch (error) {
      if (error instanceof LogOpenError)
        throw new IpcFailure({
          code: 'open-failed',
          // A run found by name is named as the window named it: the folder that holds it is the
          // app's own or beside one the technician opened, never a path the window was given.
          message: runOf ? error.message.replaceAll(`${dirname(path)}${sep}`, '') : error.message,
        });
      throw error;
    }
    this.close();
    const id = this.nextId++;
    const [rows, held] = this.split(log.firstPage.records, 0);
    const { range } = sourceHeader(log);
    const place = await placeOf(log);
    const skip = bundleNewest(log, this.window);
    this.current = { id, log, pages: log.rest(), held, reading: Promise.resolve(), range, skip };
    letGoIfRead(log, undefined, held);
    return {
      ...page(id, log, rows, held),
      name: basename(log.name),
      kind: log.kind,
      readOnly: true,
      ...place,
      ...(range ? { range } : {}),
      ...(log.kind === 'bundle' && log.manifest ? { expected: log.manifest.records } : {}),
    };
  }

  /**
   * The run folder called `name`: beside the log open now (its run before or after, its own run
   * of a journal file of it), then beside a log opened through the files (a copy of a kiosk's
   * journal folder opened on the kiosk itself is the copy, not the app's own), else among the
   * app's own runs; or, for `session`, among these alone. Never a dialog: one not there (deleted or
   * moved since its button was drawn) is said as such.
   */
  private async runNamed(name: string, runOf: 'opened' | 'session'): Promise<string> {
    const open = this.current?.log.path;
    const beside = runOf === 'opened' && open !== undefined ? await runNear(open, name) : null;
    const found =
      beside ??
      (runOf === 'opened' ? await this.files.runNamed?.(name) : null) ??
      this.options.ownRunNamed?.(name) ??
      null;
    if (found === null)
      throw new IpcFailure({
        code: 'open-failed',
        message: `${name} is no longer in its journal folder (deleted or moved since).`,
      });
    return found;
  }

  /**
   * The next page of the open log. Calls are answered one after another, in order: the window
   * asks for the next page while it takes in the last, so main reads while the window works.
   */
  next(logId: number): Promise<SavedLogPage> {
    const current = this.current;
    if (!current || current.id !== logId) return Promise.reject(notOpen());
    const answer = current.reading.then(() => this.nextPage(logId));
    current.reading = answer.catch(() => undefined);
    return answer;
  }

  private async nextPage(logId: number): Promise<SavedLogPage> {
    const current = this.current;
    if (!current || current.id !== logId) throw notOpen();
    let from = current.held;
    let restart = false;
    if (!from) {
      if (current.tail === undefined) {
        const tail = await this.tailOf(current.log);
        // Closed (another log opened, the window gone) while the index was read: its reader of
        // the newest rows is let go of here, for nothing else would ever end it.
        if (this.current !== current) {
          await tail?.records.return(undefined);
          throw notOpen();
        }
        current.tail = tail;
        // The rows after the first page come from the index from now on: the reader of the first
        // page lets go of its file and read-ahead memory, which it held while the log was open
        // (and, never closed, Node closed the file on garbage collection, a warning today).
        if (current.tail) current.log.close();
      }
      const tail = current.tail;
      if (tail) {
        restart = tail.next === tail.start;
        try {
          from = await readTail(tail);
        } catch (error) {
          // A file gone or unreadable mid-way (a run folder pruned, a stick pulled): as reading
          // every row does, the log ends there and the banner says so. Before the newest rows
          // began, the window keeps its first page (this page does not restart it).
          tail.next = tail.total;
          tail.problems.push({
            file: current.log.path,
            line: 0,
            message: `the rest could not be read: ${error instanceof Error ? error.message : String(error)}`,
          });
          from = undefined;
        }
        if (!from) return tailPage(logId, tail, [], undefined);
      } else if (current.skip !== undefined) {
        const skipped = await this.skipTo(current, current.skip);
        if (!skipped) return page(logId, current.log, [], undefined);
        from = skipped;
        restart = true;
      } else {
        const next = await current.pages.next();
        if (next.done) {
          letGoIfRead(current.log, current.tail, undefined);
          return page(logId, current.log, [], undefined);
        }
        from = next.value;
      }
    }
    const [rows, held] = this.split(from.records, from.first);
    current.held = held;
    letGoIfRead(current.log, current.tail, held);
    const answer = current.tail
      ? tailPage(logId, current.tail, rows, held)
      : page(logId, current.log, rows, held);
    return restart ? { ...answer, restart: true } : answer;
  }

  /**
   * For a log with more rows after those sent than the window keeps: where its newest rows
   * start, from its index. Null to read on row by row: a bundle, a log read to its end already,
   * one the window holds whole, or one whose index cannot be had.
   */
  private async tailOf(log: SavedLog): Promise<Tail | null> {
    const indexOf = this.options.indexOf;
    if (!indexOf || log.kind === 'bundle' || log.complete) return null;
    let index: IndexedLog;
    let end: Awaited<ReturnType<typeof indexedEnd>>;
    try {
      index = await indexOf(log.path);
      // Another log was opened while this one's index was built: nothing more to read here.
      if (this.current?.log !== log) return null;
      end = await indexedEnd(index);
    } catch {
      return null;
    }
    const total = index.total + end.records.length;
    if (total - log.count <= this.window) return null;
    let problems: ReadProblem[];
    try {
      problems = [...(await indexedProblems(index, LISTED_PROBLEMS)), ...end.problems];
    } catch {
      // A file gone since its index was made: read row by row, which says what it can.
      return null;
    }
    const start = total - this.window;
    return {
      index,
      start,
      next: start,
      total,
      end: end.records,
      problems,
      tornTail: end.tornTail,
      records: index.recordsAfter(start),
    };
  }

  /**
   * Reads a large bundle on towards its newest rows (`to`, a position), sending none before them:
   * at most SKIP_RECORDS at a time, so the window is told how far it has got. Its first records
   * from `to`, once reached; undefined when it has read as many this time, or the bundle ended
   * first (fewer records than its manifest said: the window keeps its first page, as when the
   * rest of an indexed log cannot be read).
   */
  private async skipTo(current: OpenLog, to: number): Promise<Held | undefined> {
    const until = current.log.count + SKIP_RECORDS;
    while (current.log.count < until) {
      const next = await current.pages.next();
      // Another log opened, or the window gone, while this one was read: read no further.
      if (this.current !== current) throw notOpen();
      if (next.done) {
        current.skip = undefined;
        letGoIfRead(current.log, current.tail, undefined);
        return undefined;
      }
      const { records, first } = next.value;
      if (first + records.length > to) {
        current.skip = undefined;
        const from = Math.max(0, to - first);
        return { records: records.slice(from), first: first + from };
      }
    }
    return undefined;
  }

  /** The rows that fit in one page (at least one), and the records left for the next. */
  private split(records: readonly JournalRecord[], first: number): [SavedRow[], Held | undefined] {
    const rows: SavedRow[] = [];
    let chars = 0;
    for (const record of records) {
      const row = toSavedRow(record, first + rows.length + 1);
      chars += rowChars(row);
      if (rows.length > 0 && chars > this.pageChars)
        return [rows, { records: records.slice(rows.length), first: first + rows.length }];
      rows.push(row);
    }
    return [rows, undefined];
  }

  /**
   * Where the open saved log is, whether it is a bundle, and the range it holds when it is an
   * export of one, for a search, a jump or its overview through its index, and for the name and
   * words of its export; refused if not open.
   */
  locationOf(logId: number): SavedLogPlace {
    const current = this.current;
    if (!current || current.id !== logId) throw notOpen();
    const { log, range } = current;
    return { path: log.path, bundle: log.kind === 'bundle', ...(range ? { range } : {}) };
  }

  /**
   * Records the open log holds, when that is known (its index counted them, or it has been read
   * to its end); 0 while it is still being read, so an export of it shows no share that a count
   * so far would make wrong ("80,000 of 30,000").
   */
  countOf(logId: number): number {
    const current = this.current;
    if (!current || current.id !== logId) throw notOpen();
    if (current.tail) return current.tail.total;
    return current.log.complete ? current.log.count : 0;
  }

  /**
   * What the open log holds, from its index: the one its window's pages, overview and searches
   * share (built once, when the log is opened), so answering reads nothing. Nothing is known of a
   * .zip bundle, which has no index, nor of a log whose index could not be had: the export reads
   * the log and says then.
   */
  async holds(logId: number): Promise<SavedLogHolds> {
    const current = this.current;
    if (!current || current.id !== logId) throw notOpen();
    const unknown = { logId, mbimMessages: null };
    const indexOf = this.options.indexOf;
    if (!indexOf || current.log.kind === 'bundle') return unknown;
    try {
      const index = await indexOf(current.log.path);
      return { ...unknown, mbimMessages: index.kindCount(MBIM_MESSAGE) };
    } catch {
      return unknown;
    }
  }

  close(): void {
    this.current?.log.close();
    // Ends the tail's read of the file (queued behind a page being read, if one is).
    this.current?.tail?.records.return(undefined).catch(() => undefined);
    this.current = undefined;
  }
}

/**
 * A log read row by row to its end, every row sent: its reader lets go of what it holds. A .zip
 * bundle stayed open for as long as it was shown, so on Windows it could not be moved or deleted.
 */
function letGoIfRead(log: SavedLog, tail: Tail | null | undefined, held: Held | undefined): void {
  if (!tail && log.complete && held === undefined) log.close();
}

/**
 * Where a bundle's newest WINDOW_ROWS start, when its manifest counts more records than its first
 * page and those: undefined for any other log, a bundle read already, or one without a manifest
 * (read and sent row by row; the window keeps its first page: file-actions.ts).
 */
function bundleNewest(log: SavedLog, window: number): number | undefined {
  if (log.kind !== 'bundle' || log.complete || !log.manifest) return undefined;
  const start = log.manifest.records - window;
  return start > log.count ? start : undefined;
}

function notOpen(): IpcFailure {
  return new IpcFailure({
    code: 'open-failed',
    message: 'That saved log is no longer open. Open it again.',
  });
}

function page(id: number, log: SavedLog, rows: SavedRow[], held: Held | undefined): SavedLogPage {
  return {
    logId: id,
    rows,
    count: log.count,
    complete: log.complete && held === undefined,
    counted: log.complete,
    problems: listed(log.problems),
    tornTail: log.tornTail,
  };
}

/** The next page of a tail, from the index and then the records after it; undefined at its end. */
async function readTail(tail: Tail): Promise<Held | undefined> {
  const first = tail.next;
  if (first >= tail.total) return undefined;
  let records: JournalRecord[] = [];
  if (first < tail.index.total) {
    const count = Math.min(MAX_PAGE, tail.index.total - first);
    while (records.length < count) {
      const next = await tail.records.next();
      if (next.done) break;
      records.push(next.value);
    }
    // Every record the index counts is read: its reader lets go of the file now, not when the
    // log is closed.
    if (first + records.length >= tail.index.total) await tail.records.return(undefined);
  } else records = tail.end.slice(first - tail.index.total, first - tail.index.total + MAX_PAGE);
  // A file changed under the reader ends the log where it can no longer be read.
  if (records.length === 0) {
    tail.next = tail.total;
    return undefined;
  }
  tail.next += records.length;
  return { records, first };
}

function tailPage(id: number, tail: Tail, rows: SavedRow[], held: Held | undefined): SavedLogPage {
  return {
    logId: id,
    rows,
    count: tail.total,
    complete: tail.next >= tail.total && held === undefined,
    // The tail is read through the log's index, which counted every record.
    counted: true,
    problems: listed(tail.problems),
    tornTail: tail.tornTail,
  };
}

/** The problems a page lists: the first LISTED_PROBLEMS, by line and words. */
function listed(problems: readonly ReadProblem[]): SavedLogPage['problems'] {
  return problems.slice(0, LISTED_PROBLEMS).map((p) => ({ line: p.line, message: p.message }));
}
