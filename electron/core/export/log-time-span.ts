/**
 * The first and last times a log holds, for an export or a search whose range held nothing:
 * "Nothing was logged from 2027-01-01 …: choose a range within the log's times" left the
 * technician to guess those times. A range's export's within its range (its header, on its first
 * line, says it), not from the run's start it kept from before it. A search passed them on its way;
 * an export reads them from the index alone, only where every file's index is complete already (a
 * range's export builds it, a search does): no index is built for it, so where there is none (a
 * bundle, a log never indexed) nothing is said.
 */
import type { ExportRange } from '../../../shared/export-range.js';
import { timeSpanWords } from '../../../shared/time-span-words.js';

/** "The log's times run from … to …." in UTC (unambiguous wherever it is read: the CLI prints times so), or undefined. */
export async function logTimeSpanWords(path: string): Promise<string | undefined> {
  const span = await indexedTimeSpan(path);
  if (!span) return undefined;
  try {
    return timeSpanWords(span, await heldRangeOf(path));
  } catch {
    return undefined;
  }
}

/**
 * The first and last times the log at `path` holds, from its index alone (none is built for it),
 * or undefined where its index is not complete already.
 */
export async function indexedTimeSpan(path: string): Promise<[number, number] | undefined> {
  const { indexedRecordCount, openIndexedLog } = await import('../indexed-log.js');
  try {
    if ((await indexedRecordCount(path)) === undefined) return undefined;
    // Known complete a moment ago; should one have changed since, it is not built for this.
    const building = new AbortController();
    const log = await openIndexedLog(path, {
      save: false,
      signal: building.signal,
      onIndexing: () => building.abort(),
    });
    return log.timeSpan();
  } catch {
    return undefined;
  }
}

/** The range a log holds when it is a range's export (its header says so), else undefined. */
async function heldRangeOf(path: string): Promise<ExportRange | undefined> {
  const [{ openLog }, { sourceHeader }] = await Promise.all([
    import('./open-log.js'),
    import('./source-header.js'),
  ]);
  const log = await openLog(path, { pageSize: 1 });
  log.close();
  return sourceHeader(log).range;
}
