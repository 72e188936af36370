/**
 * An export of every run of the journal folder a saved run belongs to, from the window: a kiosk
 * restarted each night leaves a run a day, and a support engineer asking for the week got one
 * run per export from the window (seven exports), or had to use the command line's --all-runs
 * (a review). The file is offered under the folder's span: its oldest run's first time (from its
 * index, else its folder's name) to its newest run's last (from its index, which the window built
 * when it opened the folder on it), or, where that is not known, the export's time.
 */
import { basename, dirname } from 'node:path';
import { runAmongRuns } from '../core/export/part-of-run.js';
import { runsOf } from '../core/export/log-location.js';
import { indexedTimeSpan } from '../core/export/log-time-span.js';
import { runStartedAt } from '../core/journal-files.js';
import type { ExportRange } from '../../shared/export-range.js';
import { IpcFailure } from './ipc-failure.js';

export interface AllRunsSource {
  /** The journal folder. */
  folder: string;
  span: () => Promise<ExportRange | undefined>;
}

/** The journal folder of the run folder `run`; refused when it is not one run of several. */
export function allRunsOf(run: string): AllRunsSource {
  if (!runAmongRuns(run))
    throw new IpcFailure({
      code: 'export-refused',
      message: `${basename(run)} is not one run of several in a journal folder: export it as opened.`,
    });
  const folder = dirname(run);
  const runs = runsOf(folder);
  return {
    folder,
    span: async () => {
      const oldest = runs[0] ?? run;
      const [first, last] = await Promise.all([
        indexedTimeSpan(oldest),
        indexedTimeSpan(runs[runs.length - 1] ?? run),
      ]);
      // The oldest not indexed (the window opens the newest): its folder's name says its start.
      const started = runStartedAt(basename(oldest));
      const from = first?.[0] ?? (started === null ? undefined : Date.parse(started));
      return from !== undefined && last ? { from, to: last[1] } : undefined;
    },
  };
}
