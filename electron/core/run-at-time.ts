/**
 * The run of a journal folder that holds a time, where the run open does not: Go to time in a
 * week's newest run, asked for Thursday afternoon, went to its first entry two and a half days
 * later, and from Thursday's run asked for Saturday said "the log ends before" (a review). The
 * runs of one folder follow one another (a kiosk restarted each night), each named by its start:
 * the time is in the last run started at or before it.
 */
import { basename, dirname } from 'node:path';
import type { OtherRun } from '../../shared/other-runs-count.js';
import { runsOf } from './export/log-location.js';
import { runStartedAt } from './journal-files.js';

/**
 * The run holding `ms` among the folder's runs of the run folder `run`, when that is another run
 * than `run` (`span`: the first and last times `run` holds; a time within it is its own).
 * Undefined where `run` is not one of several, or no run started by then.
 */
export function runAtTime(
  run: string,
  span: readonly [number, number] | undefined,
  ms: number,
): (OtherRun & { of: number }) | undefined {
  if (span && ms >= span[0] && ms <= span[1]) return undefined;
  // Listed once: of a run that is not one of several, there is no other run to name.
  const runs = runsOf(dirname(run));
  if (runs.length < 2 || !runs.some((r) => basename(r) === basename(run))) return undefined;
  let found: { name: string; place: number; startedAt: string } | undefined;
  for (const [i, path] of runs.entries()) {
    const name = basename(path);
    const startedAt = runStartedAt(name);
    if (startedAt === null || Date.parse(startedAt) > ms) continue;
    found = { name, place: i + 1, startedAt };
  }
  if (!found || found.name === basename(run)) return undefined;
  return { ...found, of: runs.length };
}
