/**
 * A search's matches in the other runs of a run's journal folder (a run a night on a kiosk): what
 * the engine counts (electron/core/other-runs.ts) and the window says beside the search of the
 * run it shows, where else the same matches are.
 */
export interface OtherRun {
  /** Its folder's name (never a path): what its button sends back to open it. */
  name: string;
  /** Its place among the folder's runs, oldest first (1: the oldest). */
  place: number;
  /** When it started, as its folder's name says (ISO 8601); null for a name that does not. */
  startedAt: string | null;
  /** Set on the live session's own run, still being written: said as such, not by its start. */
  session?: true;
}

/** How far a count in the other runs has got: runs searched (or found unreadable) of those to search. */
export interface OtherRunsReached {
  searched: number;
  of: number;
}

export interface OtherRunsCount {
  /**
   * The other runs searched, oldest first, with their matches and the lines in them no reader
   * could take a record from (a file garbled by a power cut): what those held was not searched.
   */
  runs: (OtherRun & { matches: number; damagedLines: number })[];
  /** How many runs the folder holds, the one searched too; 0 when it is no run of several. */
  of: number;
  /** Other runs that could not be searched (damaged, gone meanwhile): not among `runs`. */
  unread: OtherRun[];
}
