/**
 * The runs of a journal folder that may hold a time in a range, for a range's export of every
 * run: a review asked for Saturday afternoon of a week's folder, and every run was read (seven
 * nights' files for two hours), and a damaged line at the end of Thursday's crashed run was
 * reported in Saturday's extract as missing from it. A run started after the range ends holds
 * none of it; nor does one whose index says it ended before the range began. A run not indexed
 * is read, as before: what it holds is not known without reading it.
 */
import { basename } from 'node:path';
import type { ExportRange } from '../../../shared/export-range.js';
import { runStartedAt } from '../journal-files.js';
import { indexedTimeSpan } from './log-time-span.js';

/** `runs` (oldest first) less those that hold no time in `range`; all of them if none may. */
export async function runsInRange(
  runs: readonly string[],
  range: ExportRange,
): Promise<readonly string[]> {
  const kept: string[] = [];
  for (const run of runs) {
    const started = runStartedAt(basename(run));
    if (started !== null && Date.parse(started) > range.to) continue;
    const span = await indexedTimeSpan(run);
    if (span && span[1] < range.from) continue;
    kept.push(run);
  }
  // None: the export says the range holds nothing, as of one run.
  return kept.length > 0 ? kept : runs;
}

/**
 * Of `lost` runs (their journal gone: log-location.ts lostRuns), those whose time may have
 * been in `range`: started before it ends, and the run after them (of `runs` and `lost`) started
 * after it begins, or none did. Named in a range's export as missing from it; no other.
 */
export function lostInRange(
  lost: readonly string[],
  runs: readonly string[],
  range: ExportRange,
): string[] {
  const starts = [...runs, ...lost]
    .map((run) => Date.parse(runStartedAt(basename(run)) ?? ''))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return lost.filter((run) => {
    const started = Date.parse(runStartedAt(basename(run)) ?? '');
    if (!Number.isFinite(started)) return true;
    const next = starts.find((t) => t > started);
    return started <= range.to && (next === undefined || next > range.from);
  });
}
