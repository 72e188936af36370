/**
 * A note on a run that ended abnormally: its writer stopped without closing its journal (a crash,
 * a power cut, a kiosk pulled from the wall: journal-files.ts runEnd). A review searched and
 * exported a week whose Thursday run had crashed: nothing said so, and the best hint was an
 * "incomplete last line" among the reading problems. What a support engineer reads the week for.
 */
import { basename } from 'node:path';
import { endedAbnormallyWords } from '../../shared/run-end-words.js';
import { safe } from './terminal-text.js';

/** The note naming `runs` (by name), or undefined for none. */
export function abnormalRunsNote(runs: readonly string[]): string | undefined {
  return runs.length === 0 ? undefined : `note: ${endedAbnormallyWords(runs.map(safe))}`;
}

/**
 * The note for the log at `input`, or undefined when no run read ended abnormally (or it is no
 * run). `allRuns`: of a journal folder, each of its runs; else the run read.
 */
export async function endedAbnormallyNote(
  input: string,
  allRuns = false,
): Promise<string | undefined> {
  const [{ locateLog }, { endedAbnormally }] = await Promise.all([
    import('../core/export/log-location.js'),
    import('../core/journal-files.js'),
  ]);
  try {
    const location = await locateLog(input);
    if (location.kind !== 'run-directory') return undefined;
    const runs = allRuns && location.runs !== undefined ? location.runs : [location.path];
    const crashed = runs.filter(endedAbnormally);
    if (crashed.length === 0) return undefined;
    return abnormalRunsNote(crashed.map((run) => basename(run)));
  } catch {
    return undefined;
  }
}
