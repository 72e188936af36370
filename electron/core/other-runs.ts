/**
 * A query counted in each of a journal folder's runs but one (the run the window shows): a kiosk
 * restarted each night leaves a run a night, and the window searches the run it shows, so a drop
 * two nights before was "0 matches" with no word that other runs held it. Each run is counted
 * through its own index (built once, as its own search would build it), none of its rows sent.
 */
import { basename, dirname, relative } from 'node:path';
import { runsOf } from './export/log-location.js';
import { runStartedAt } from './journal-files.js';
import { searchLog, type SearchQuery } from './log-search.js';
import type { OtherRunsCount, OtherRunsReached } from '../../shared/other-runs-count.js';

/**
 * The matches of `query` in every run beside `runDir` in its journal folder, oldest first. A
 * cancel through `signal` is thrown; a run that cannot be searched is named as unread. `onRun`
 * hears how far it has got as each run is come to: a month of nightly runs, each indexed on the
 * way, takes long enough to want saying so.
 */
export async function matchesInOtherRuns(
  runDir: string,
  query: SearchQuery,
  signal: AbortSignal,
  onRun?: (reached: OtherRunsReached) => void,
  /** The live session's run, marked as such among the others (a saved run of its folder's). */
  sessionRun?: string,
): Promise<OtherRunsCount> {
  const runs = runsOf(dirname(runDir));
  const own = runs.findIndex((run) => basename(run) === basename(runDir));
  if (own < 0 || runs.length < 2) return { runs: [], of: 0, unread: [] };
  const counted: OtherRunsCount['runs'] = [];
  const unread: OtherRunsCount['unread'] = [];
  const of = runs.length - 1;
  for (const [i, run] of runs.entries()) {
    if (i === own) continue;
    onRun?.({ searched: counted.length + unread.length, of });
    const name = basename(run);
    const which = {
      name,
      place: i + 1,
      startedAt: runStartedAt(name),
      // The same folder however spelt (on Windows, `relative` ignores the letters' case).
      ...(sessionRun !== undefined && relative(run, sessionRun) === ''
        ? { session: true as const }
        : {}),
    };
    try {
      const summary = await searchLog(run, query, { numbering: 'position', signal, maxHits: 0 });
      counted.push({ ...which, matches: summary.matches, damagedLines: summary.damagedLines });
    } catch (error) {
      if (signal.aborted) throw error;
      unread.push(which);
    }
  }
  return { runs: counted, of: runs.length, unread };
}
