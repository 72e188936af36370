/**
 * How an export numbers the runs of its log. A journal folder numbers its runs oldest first (`run
 * 4 of 7`, as `search --all-runs` and the window say it); an export of its runs numbered them in
 * the order it held them, so a range's export of Wednesday and Thursday called Thursday "run 2",
 * and a colleague's "see run 4" matched nothing in it (a review). Of a folder's runs, a run is
 * numbered by its place among them; else (an export's file exported again) in the order the log
 * holds them.
 */
import { formatCount } from '../../../shared/format-count.js';
import { runNameOf } from '../run-name.js';

export interface RunNumber {
  n: number;
  /** The runs of its folder, when it is numbered by its place there. */
  of?: number;
}

/** The number of the run `start` begins, the `order`th run-start of the log. */
export function runNumber(
  start: { time: string; runId: string } | undefined,
  order: number,
  folderRuns: readonly string[] | undefined,
): RunNumber {
  const at = start && folderRuns ? folderRuns.indexOf(runNameOf(start)) : -1;
  return at >= 0 && folderRuns ? { n: at + 1, of: folderRuns.length } : { n: order };
}

/** `run 4 of 7`, or `run 4`. */
export function runNumberWords({ n, of }: RunNumber): string {
  return of === undefined ? `run ${formatCount(n)}` : `run ${formatCount(n)} of ${formatCount(of)}`;
}
