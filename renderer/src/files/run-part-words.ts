import type { SavedLogRunPart } from '../../../electron/ipc/contract';

/**
 * What a saved log that is one journal file of a run's several says of it, in one place: the
 * banner's note and the timeline's overview strip say "5 of 21" alike. The strip said "Whole log"
 * right below the note saying it was not.
 */
function fileOf(run: SavedLogRunPart): string {
  return `${String(run.file)} of ${String(run.of)}`;
}

/** The banner's note, beside the button that opens the whole run. */
export function runPartWords(run: SavedLogRunPart): string {
  return `File ${fileOf(run)} of this run: open the run's folder to see the whole log.`;
}

/** What the overview strip covers: its caption ("Whole log") and, in a sentence, "the whole log". */
export interface OverviewScope {
  caption: string;
  about: string;
}

/**
 * The strip's scope: the whole log (a log file, a run's folder, a bundle, the live journal), or
 * only the one file of a run that is open (`run`, from main's holds answer in the files store).
 */
export function overviewScope(run: SavedLogRunPart | null): OverviewScope {
  return run === null
    ? { caption: 'Whole log', about: 'the whole log' }
    : { caption: `This file (${fileOf(run)})`, about: `this file, ${fileOf(run)} of its run` };
}

/**
 * The log's search button and the panel it opens: the whole log's, or only this file's of its run
 * (a search of one file opened alone reads that file: "Search whole log…" promised the other 20
 * too), with why.
 */
export function searchScopeWords(run: SavedLogRunPart | null): {
  label: string;
  /** The search panel's name, which screen readers say. */
  heading: string;
  title?: string;
} {
  return run === null
    ? { label: 'Search whole log…', heading: 'Search the whole log' }
    : {
        label: 'Search this file…',
        heading: 'Search this file',
        title: `Searches this file, ${fileOf(run)} of its run: open the run's folder to search the whole log.`,
      };
}
