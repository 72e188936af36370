/**
 * The contract's saved-log channels: list the logs the technician may open, open one read-only,
 * and read its pages. Apart because a saved log is paged by main under an id of its own, in rows
 * leaner than the live log's (`SavedRow`), with what could not be read reported beside them.
 */
import { z } from 'zod';
import type { LogRow } from './contract-log.js';
import type { ExportRange } from '../../shared/export-range.js';

/** The id main gives a saved log it opened; a search or a seek names the log by it. */
export const logId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);

/**
 * `name` is, in the preview, one of the names `mbn:list-saved-logs` offered; with a dialog, absent
 * (a file) or FOLDER_DIALOG (shared/folder-dialog.ts). With `runOf`, it is the name of a run
 * folder, found by main and never by a dialog (the window names no path): `opened`, beside a log
 * opened before (the run of a journal file, the run before or after, a run the count in the other
 * runs named) or else among the app's own runs; `session`, among the app's own runs alone, beside
 * the live session's (the live search's count named it). A run not there is an open failure.
 */
export const openSavedLogRequest = z
  .object({
    name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\:]+$/, 'a file name, not a path')
      .refine((n) => n !== '.' && n !== '..', 'a file name, not a path')
      .optional(),
    runOf: z.enum(['opened', 'session']).optional(),
  })
  .strict();
export const readSavedLogRequest = z.object({ logId }).strict();
export const savedLogHoldsRequest = z.object({ logId }).strict();

/** How this window picks files: Electron shows dialogs; the preview has a fixed folder. */
export interface SavedLogChoices {
  picker: 'dialog' | 'list';
  /** The folder exports go to and saved logs are listed from (preview), for the UI to say. */
  folder: string | null;
  files: {
    name: string;
    /** For a folder, its journal files' (a journal folder's: its latest run's). */
    bytes: number;
    modified: string;
    /** A run folder, or a journal folder (its latest run opens); absent for a file. */
    folder?: 'run' | 'journal';
  }[];
}

/**
 * A journal file opened alone that is one of its run's several files: which, of how many, and the
 * run folder's name (its note's button opens it: `mbn:open-saved-log` with that name).
 */
export interface SavedLogRunPart {
  file: number;
  of: number;
  folder: string;
}

/**
 * A run folder's place among its journal folder's runs (part-of-run.ts runAmongRuns): the runs
 * before and after it by folder name only (their buttons send the name back; a path never goes to
 * the window).
 */
export interface SavedLogRuns {
  place: number;
  of: number;
  before: string | null;
  after: string | null;
}

export interface SavedLogProblem {
  line: number;
  message: string;
}

/**
 * A row as a saved log's pages carry it: the number the log gives it, its HRESULT decoded, and its
 * record. The window reads every other field of the row from the record, with the shared readers
 * main's `toLogRow` uses (renderer/src/store/kept-row.ts): sent whole, the rows of a week-long log
 * were more than twice their records' size on the wire, to be made, sent and read again.
 */
export type SavedRow = Pick<LogRow, 'seq' | 'hresult' | 'record'>;

export interface SavedLogPage {
  logId: number;
  rows: SavedRow[];
  /** Records read so far, and whether that is all of them. */
  count: number;
  complete: boolean;
  /**
   * Whether `count` is already every record of the log (its index was built, or it was read
   * through), while pages still fill the window: it is read, not still being counted.
   */
  counted: boolean;
  problems: SavedLogProblem[];
  /** The last line was cut off (the app was stopped while writing). */
  tornTail: boolean;
  /**
   * The rows before this page's were not all sent: a large log's newest rows start here, and the
   * window holds them instead of the rows it has.
   */
  restart?: true;
}

/**
 * Where a saved log stands among the files and runs beside it, as main finds them when it opens
 * it (a folder listed, no index needed): said with its first rows, so the banner's run line is
 * there at once, not a second later once the index was built (the banner jumped down a line under
 * a technician stepping through runs with Run before).
 */
export interface SavedLogPlace {
  /**
   * A journal file that is one part of a run: the window says so where the log is shown, for it
   * holds that file's records only, not the whole log (nor does its export).
   */
  run?: SavedLogRunPart;
  /** A run folder that is one of several in its journal folder: which, and its neighbours. */
  runs?: SavedLogRuns;
  /**
   * A run folder whose writer stopped without closing it (a crash, a power cut, a kiosk pulled
   * from the wall: journal-files.ts runEnd), not one still being written.
   */
  endedAbnormally?: true;
}

export interface SavedLogOpened extends SavedLogPage, SavedLogPlace {
  name: string;
  kind: 'run-directory' | 'journal-file' | 'bundle';
  readOnly: true;
  /**
   * The time range it holds, when it is an export of one (its header or manifest says so): its
   * first rows, the run's start and devices' details, may be from long before it.
   */
  range?: ExportRange;
  /**
   * How many records it holds, as a bundle's manifest says before the log is read: the banner
   * says how far reading has got of them ("Reading… 740,000 of 1,000,000 records").
   */
  expected?: number;
}

export type SavedLogAnswer = SavedLogOpened | { cancelled: true };

/**
 * What the open saved log holds that an export needs to know before it starts, from the log's
 * index (its buckets count each kind of record), not from reading it.
 */
export interface SavedLogHolds {
  logId: number;
  /**
   * MBIM messages in it: a capture (.pcapng) of a log with none would be empty. Null when not
   * known: a .zip bundle (not indexed), or an index that could not be built.
   */
  mbimMessages: number | null;
}
