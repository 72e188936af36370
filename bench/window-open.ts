/**
 * Opening a saved log as the window does (electron/ipc/saved-logs.ts): its first page, then page
 * after page until the window has every row it holds. Of a log larger than the window that is the
 * first page and the newest rows, read through the log's index (built here: a log opened for the
 * first time). Each page is serialised as the preview sends it (Electron's structured clone costs
 * about as much). Run in a child process of its own by bench/export.ts, for its own peak memory.
 */
import { performance } from 'node:perf_hooks';
import { prepareIndexHelper } from '../electron/core/index-builds.js';
import { openIndexedLog } from '../electron/core/indexed-log.js';
import type { SavedLogPage } from '../electron/ipc/contract.js';
import { SavedLogs } from '../electron/ipc/saved-logs.js';

export interface WindowMeasure {
  firstSeconds: number;
  completeSeconds: number;
  /**
   * When its index was built: the count, the overview and a jump anywhere are there from then on
   * (the first page's time for a log the first page holds whole).
   */
  reachableSeconds: number;
  /** Rows sent, and the log's records. */
  rows: number;
  records: number;
  peakMb: number;
}

export async function measureWindowOpen(path: string): Promise<WindowMeasure> {
  // Run from source, the index helper's script is built on first use; the app ships it built
  // (scripts/build), so that is done before the clock starts, as the export and search benches do.
  await prepareIndexHelper();
  const started = performance.now();
  let reachedAt: number | undefined;
  const logs = new SavedLogs(
    {
      chooseLogToOpen: () => Promise.resolve(path),
      chooseExportPath: () => Promise.resolve(null),
      choices: () => Promise.resolve({ picker: 'list', folder: null, files: [] }),
    },
    {
      indexOf: async (log) => {
        const index = await openIndexedLog(log, { save: false });
        reachedAt ??= performance.now();
        return index;
      },
    },
  );
  const opened = await logs.open(undefined);
  if ('cancelled' in opened) throw new Error('the log was not opened');
  let sent = JSON.stringify(opened).length;
  const firstSeconds = (performance.now() - started) / 1000;
  let rows = opened.rows.length;
  let page: SavedLogPage = opened;
  while (!page.complete) {
    page = await logs.next(opened.logId);
    sent += JSON.stringify(page).length;
    rows += page.rows.length;
    if (page.rows.length === 0) break;
  }
  const completeSeconds = (performance.now() - started) / 1000;
  logs.close();
  if (sent === 0) throw new Error('nothing was sent');
  return {
    firstSeconds,
    completeSeconds,
    reachableSeconds: reachedAt === undefined ? firstSeconds : (reachedAt - started) / 1000,
    rows,
    records: page.count,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}
