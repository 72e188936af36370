/**
 * Export and saved-log state: the export being written (with its progress), the last result or
 * failure, and the saved log open read-only. Changed only by ./file-actions.ts.
 */
import { create } from 'zustand';
import type {
  ExportDone,
  ExportFormat,
  ExportProgressEvent,
  SavedLogChoices,
  SavedLogOpened,
  SavedLogRunPart,
  SavedLogRuns,
  SavedLogProblem,
} from '../../../electron/ipc/contract';
import type { TimeZoneTally } from '../../../shared/journal/time-zone';
import { LogModel } from './log-model';
import type { LogSource } from './log-source';
import { createLogStore } from './log-store';
import type { RangeChoice } from '../files/range-choice';

export interface FilesState {
  format: ExportFormat;
  /** Leaving identifiers in is a deliberate choice: off until the technician ticks it. */
  includeIdentifiers: boolean;
  /**
   * What the export is of: the live session, the saved log open in the window, or (of a run folder
   * that is one of several) every run of its journal folder.
   */
  exportOf: 'session' | 'saved-log' | 'all-runs';
  /** The whole log, or only a time range of it, as typed (../files/range-choice.ts). */
  range: RangeChoice;
  exporting: { exportId: number; progress: ExportProgressEvent | null; cancelling: boolean } | null;
  lastExport: ExportDone | null;
  /**
   * Why the last export was not made: it failed, or it was refused for what was asked (a range
   * nothing was logged in), which is no failure and is not said as one.
   */
  exportError: { words: string; refused: boolean } | null;
  /** The words main gave for an export the technician cancelled. */
  exportCancelled: string | null;
  choices: SavedLogChoices | null;
  saved: {
    /** Main's id of the open log, for a search or a jump through its index. */
    logId: number;
    name: string;
    kind: SavedLogOpened['kind'];
    count: number;
    complete: boolean;
    /** `count` is every record of the log; pages still fill the window (SavedLogPage). */
    counted: boolean;
    problems: SavedLogProblem[];
    tornTail: boolean;
    /** The range it holds, when it is an export of one (SavedLogOpened.range). */
    range?: SavedLogOpened['range'];
    /** How many records it holds, as a bundle's manifest says (SavedLogOpened.expected). */
    expected?: number;
    /** The run it is one file of, when it is (main's `mbn:open-saved-log`): the banner says so. */
    run?: SavedLogRunPart;
    /**
     * Of a run folder, its place among its journal folder's runs (main's `mbn:open-saved-log`):
     * the banner says so, with the runs before and after it to open.
     */
    runs?: SavedLogRuns;
    /** Its writer stopped without closing it (main's `mbn:open-saved-log`): the banner says so. */
    endedAbnormally?: true;
    /**
     * The time zones its runs were recorded in, from the run-start records read so far (grows as
     * pages come; the object stays, the `saved` around it is new each time it grows).
     */
    timeZones: TimeZoneTally;
    /**
     * What recorded its runs (shared `recordedWith`: backend and OS), from the run-start records
     * read so far, in the order met; grows as timeZones does, to RECORDED_WITH_SHOWN and one more
     * (which says there are others).
     */
    recordedWith: Set<string>;
    /**
     * MBIM messages it holds, from its index (main's `mbn:saved-log-holds`): none, and the panel
     * offers no capture of it. Null while not known (its index still being built, a bundle).
     */
    mbimMessages: number | null;
  } | null;
  openError: string | null;
  opening: boolean;
}

/** The range choice at the start, and after a switch to another log: the whole log. */
export const WHOLE_LOG: RangeChoice = { on: false, from: '', to: '' };

/** Setups (backend and OS) a saved log's banner names at most; one is the rule. */
export const RECORDED_WITH_SHOWN = 4;

export const useFiles = create<FilesState>()(() => ({
  format: 'zip',
  includeIdentifiers: false,
  exportOf: 'session',
  range: WHOLE_LOG,
  exporting: null,
  lastExport: null,
  exportError: null,
  exportCancelled: null,
  choices: null,
  saved: null,
  openError: null,
  opening: false,
}));

/**
 * The run `source`'s log is one journal file of, when it is (main's holds answer, kept on open):
 * the overview strip, the search's button and its panel each say "this file" then. Never the
 * live journal's.
 */
export function useRunPart(source: LogSource): SavedLogRunPart | null {
  return useFiles((f) => (source.live ? null : (f.saved?.run ?? null)));
}

/** The saved log's rows and view state: the same shapes as the live log's, read-only. */
export const SAVED_SOURCE: LogSource = {
  // It names its own devices and services: it may come from another machine.
  model: new LogModel(undefined, true),
  store: createLogStore(),
  live: false,
  ended: () => useFiles.getState().saved?.complete ?? false,
};
