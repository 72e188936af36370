/**
 * A search's matches in the other runs of a run's journal folder (a run a night on a kiosk): what
 * the engine counts (electron/core/other-runs.ts) and the window says beside the search of the
 * run it shows, where else the same matches are.
 */
export interface OtherRunsCount {
  /** The other runs, oldest first: each by folder name (never a path) and place (1: the oldest). */
  runs: { name: string; place: number; matches: number }[];
  /** How many runs the folder holds, the one searched too; 0 when it is no run of several. */
  of: number;
  /** Other runs that could not be searched (damaged, gone meanwhile): not among `runs`. */
  unread: number;
}
