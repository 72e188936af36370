/**
 * Every run of a journal folder as one saved log, oldest first, for an export of them all: a kiosk
 * restarted each night leaves a run a day, and the drop a technician was called for may be three
 * runs before the newest, which is all a folder opened or exported once gave. Each run is opened
 * as it is reached and closed when it has been read, as openLog opens it (so a run whose first
 * file was rotated away still starts with its run-start), and memory stays that of one run.
 *
 * A run that cannot be read (damaged through, or gone since the folder was listed) is named among
 * the problems and the export goes on with the next: one bad night must not cost the week. Each
 * problem names its run as well as its file (every run has a `journal-000001.jsonl`), and they are
 * kept to as many as one log's, however many runs there are.
 *
 * Opened, a run that ended abnormally is not marked as looked at (which lets it be pruned): the
 * runs read are marked only once the export has been saved (`markSeen`). One export that saved
 * nothing (a range holding no record, a cancel) unprotected every crashed run of the folder.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { JournalRecord, RunStartRecord } from '../../../shared/journal/record.js';
import type { ReadProblem } from '../journal-reader.js';
import { listJournalFiles, markRunSeen } from '../journal-files.js';
import type { LineCheck } from './line-check.js';
import { LOST_RUN_WORDS, LogOpenError } from './log-location.js';
import { openLog, type OpenLogOptions, type SavedLog } from './open-log.js';
import type { RawLine } from './raw-line.js';

/** Problems listed, all runs together (line-records.ts keeps as many of one log's). */
const MAX_PROBLEMS = 200;

/** What an export reads of a saved log: openLog's, or all the runs of a folder. */
export type ExportableLog = Pick<
  SavedLog,
  | 'path'
  | 'kind'
  | 'name'
  | 'manifest'
  | 'runStart'
  | 'firstPage'
  | 'problems'
  | 'problemsLeftOut'
  | 'readBytes'
  | 'logBytes'
  | 'rest'
  | 'exportBatches'
  | 'partOf'
  | 'close'
> & {
  /** Marks the runs read as looked at (openLog does on opening one run): once its export is saved. */
  markSeen?(): void;
};

/**
 * `runs`: the folder's runs to read, oldest first (log-location.ts runsOf), of the `of` it holds
 * (a range's export reads those that may hold a time in it). Throws as openLog does when none of
 * them opens.
 */
export async function openAllRuns(
  folder: string,
  runs: readonly string[],
  options: OpenLogOptions = {},
  of = runs.length,
  /** Runs whose journal is gone (log-location.ts lostRuns): named, first, as not read. */
  lost: readonly string[] = [],
): Promise<ExportableLog> {
  const skipped: ReadProblem[] = lost.map((run) => ({
    file: basename(run),
    line: 0,
    message: `this run was not read: ${LOST_RUN_WORDS}.`,
    wholeRun: true,
  }));
  const unmarked = { ...options, markSeen: false };
  for (const [i, run] of runs.entries()) {
    try {
      const first = await openLog(run, unmarked);
      return new AllRunsLog(folder, of, runs.slice(i + 1), first, unmarked, skipped);
    } catch (error) {
      if (!(error instanceof LogOpenError) || i === runs.length - 1) throw error;
      skipped.push(notRead(run, error));
    }
  }
  throw new LogOpenError(`The folder ${folder} holds no mbn-diag journal.`, 'not-a-log');
}

function notRead(run: string, error: LogOpenError): ReadProblem {
  return {
    file: basename(run),
    line: 0,
    message: `this run was not read: ${error.message}`,
    wholeRun: true,
  };
}

/**
 * A problem as the export names it: its run, then its file. Only a file's name leaves the machine
 * (export-request.ts takes the last part of a path), so the two are joined by no path separator.
 */
function ofRun(run: string, problem: ReadProblem): ReadProblem {
  return { ...problem, file: `${basename(run)} › ${basename(problem.file)}` };
}

class AllRunsLog implements ExportableLog {
  readonly kind = 'run-directory';
  readonly manifest = undefined;
  readonly name: string;
  readonly runStart: RunStartRecord | undefined;
  readonly firstPage: SavedLog['firstPage'];
  readonly logBytes: number | undefined;
  /** Each later run's size as listed: what it counts for in `logBytes`. */
  private readonly sizes = new Map<string, number | undefined>();
  /**
   * The runs that could not be opened: each listed, first, whatever the damaged lines before them.
   * Kept under the cap with those, a run of a week was left out of the export with no word once
   * an earlier run's damaged lines had filled the list (a review: 792,184 of 991,530 records,
   * "365 damaged lines", exit 0).
   */
  private readonly runsNotRead: ReadProblem[] = [];
  /** Problems of the runs read to their end. */
  private readonly done: ReadProblem[] = [];
  private doneLeftOut = 0;
  private doneBytes = 0;
  private current: SavedLog | undefined;
  private currentRun: string;
  /** The runs read so far, to mark as looked at once the export is saved. */
  private readonly read: string[] = [];
  private taken = false;

  constructor(
    readonly path: string,
    runs: number,
    private readonly later: string[],
    first: SavedLog,
    private readonly options: OpenLogOptions,
    skipped: readonly ReadProblem[],
  ) {
    this.addProblems(skipped);
    // Named for what it holds: the export's header and report say "journal (all 4 runs)".
    this.name = `${basename(path)} (all ${String(runs)} runs)`;
    this.current = first;
    this.currentRun = first.path;
    this.runStart = first.runStart;
    this.firstPage = first.firstPage;
    for (const run of later) this.sizes.set(run, runBytes(run));
    const sizes = [first.logBytes, ...this.sizes.values()];
    this.logBytes = sizes.includes(undefined)
      ? undefined
      : sizes.reduce<number>((sum, n = 0) => sum + n, 0);
  }

  get problems(): readonly ReadProblem[] {
    const current = this.current?.problems ?? [];
    const room = Math.max(0, MAX_PROBLEMS - this.done.length);
    return [
      ...this.runsNotRead,
      ...this.done,
      ...current.slice(0, room).map((p) => ofRun(this.currentRun, p)),
    ];
  }

  get problemsLeftOut(): number {
    const current = this.current;
    if (!current) return this.doneLeftOut;
    const room = Math.max(0, MAX_PROBLEMS - this.done.length);
    return this.doneLeftOut + current.problemsLeftOut + Math.max(0, current.problems.length - room);
  }

  markSeen(): void {
    for (const run of this.read) markRunSeen(run);
  }

  get readBytes(): number {
    return this.doneBytes + (this.current?.readBytes ?? 0);
  }

  /** A run's parts are its own: no part of the whole is one file to start a range at. */
  partOf(): number {
    return -1;
  }

  async *rest(): AsyncGenerator<SavedLog['firstPage']> {
    let first = this.firstPage.records.length;
    let later = false;
    for await (const log of this.runs()) {
      // A later run's first page is a page of the whole; the first run's is this log's own.
      const pages = later ? [log.firstPage] : [];
      later = true;
      for (const page of pages) {
        if (page.records.length > 0) yield { records: page.records, first };
        first += page.records.length;
      }
      for await (const page of log.rest()) {
        yield { records: page.records, first };
        first += page.records.length;
      }
    }
  }

  async *exportBatches(check: LineCheck): AsyncGenerator<(JournalRecord | RawLine)[]> {
    for await (const log of this.runs()) yield* log.exportBatches(check);
  }

  close(): void {
    this.current?.close();
    this.current = undefined;
  }

  /** Each run in turn, the last closed before the next is opened. Call once. */
  private async *runs(): AsyncGenerator<SavedLog> {
    if (this.taken) throw new Error('An all-runs log is read once.');
    this.taken = true;
    while (this.current) {
      yield this.current;
      this.finish(this.current);
      this.current = await this.openNext();
    }
  }

  private finish(log: SavedLog): void {
    this.read.push(log.path);
    this.addProblems(log.problems.map((p) => ofRun(log.path, p)));
    this.doneLeftOut += log.problemsLeftOut;
    this.doneBytes += log.logBytes ?? log.readBytes;
    log.close();
  }

  private addProblems(problems: readonly ReadProblem[]): void {
    this.runsNotRead.push(...problems.filter((p) => p.wholeRun));
    const lines = problems.filter((p) => !p.wholeRun);
    const room = Math.max(0, MAX_PROBLEMS - this.done.length);
    this.done.push(...lines.slice(0, room));
    this.doneLeftOut += Math.max(0, lines.length - room);
  }

  /** The next run that opens, or undefined past the last; one that does not is a problem. */
  private async openNext(): Promise<SavedLog | undefined> {
    for (const run of this.later.splice(0, 1)) {
      try {
        const log = await openLog(run, this.options);
        this.currentRun = run;
        return log;
      } catch (error) {
        if (!(error instanceof LogOpenError)) throw error;
        this.addProblems([notRead(run, error)]);
        // Counted as read: gone since it was listed, its size stayed in the whole, and the share
        // read stopped short of 100% at the end.
        this.doneBytes += this.sizes.get(run) ?? 0;
        return this.openNext();
      }
    }
    return undefined;
  }
}

/** The bytes of a run's journal files, or undefined when they cannot be told. */
function runBytes(run: string): number | undefined {
  try {
    return listJournalFiles(run).reduce((sum, file) => sum + statSync(file).size, 0);
  } catch {
    return undefined;
  }
}
