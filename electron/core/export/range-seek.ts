/**
 * Where an export of a time range starts and stops reading, from the log's index: the hour around
 * an incident in a 3 GB week is read as its own few MB, not as a scan of the week. An index bucket
 * (4,096 records) says the times it holds (min and max: the clock may step back), so every bucket
 * before the first that holds a time in the range, and after the last, has nothing in it; what
 * lies between is read and filtered record by record (time-range-filter.ts). The run's start and
 * devices' details in the buckets passed over are read from them (the index counts kinds), so
 * the export keeps them as a full read would.
 *
 * The index is the one search and Go to time use (built once and saved beside the log when
 * missing, on both cores). Without one to use (a .zip bundle's entries cannot be entered in the
 * middle), the export reads the whole log.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { ExportRange } from '../../../shared/export-range.js';
import { openIndexedLog, type IndexedLogOptions } from '../indexed-log.js';
import { runEnd } from '../journal-files.js';
import { locateLog } from './log-location.js';
import { CONTEXT_KINDS } from './time-range-filter.js';

export interface RangeSeek {
  /** The file to start in, the byte offset of its first line to read, and the lines before it. */
  file: string;
  offset: number;
  line: number;
  /** The run's start and devices' details from the buckets passed over, in order. */
  context: JournalRecord[];
  /**
   * How many records of the files, from `offset` on, may hold a time in the range (at most:
   * damaged lines counted as records); undefined
   * where the log may grow past its index while it is read (the live run), so is read to its end.
   */
  records: number | undefined;
}

/** Undefined when the log has no index to use, or nothing to pass over. */
export async function rangeSeek(
  path: string,
  range: ExportRange,
  options: Pick<IndexedLogOptions, 'signal' | 'onIndexing'> = {},
): Promise<RangeSeek | undefined> {
  const location = await locateLog(path);
  if (location.kind === 'bundle') return undefined;
  const log = await openIndexedLog(path, options);
  const holds = (time: [number, number] | null) =>
    time !== null && time[1] >= range.from && time[0] < range.to;
  const first = log.buckets.findIndex((b) => holds(b.bucket.time));
  const start = log.buckets[first];
  const startPart = start && log.parts[start.part];
  if (!start || !startPart) return undefined;
  let last = first;
  for (let i = log.buckets.length - 1; i > first; i--)
    if (holds(log.buckets[i]?.bucket.time ?? null)) {
      last = i;
      break;
    }
  const context: JournalRecord[] = [...log.prefix];
  for (const passed of log.buckets.slice(0, first)) {
    const kinds = passed.bucket.kinds;
    if (![...CONTEXT_KINDS].some((kind) => (kinds[kind] ?? 0) > 0)) continue;
    for (const record of await log.read(passed.first, passed.bucket.records))
      if (CONTEXT_KINDS.has(record.kind) && Date.parse(record.time) < range.from)
        context.push(record);
  }
  const live = location.kind === 'run-directory' && runEnd(location.path) === 'live';
  // A damaged line counted as one: a reader may take a record from a line the index could not.
  let records = 0;
  for (const b of log.buckets.slice(first, last + 1)) records += b.bucket.lines - b.bucket.headers;
  return {
    file: startPart.file,
    offset: start.bucket.offset,
    line: start.bucket.line,
    context,
    records: live ? undefined : records,
  };
}
