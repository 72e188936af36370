/**
 * Where an export of a time range starts and stops reading, from the log's index: the hour around
 * an incident in a 3 GB week is read as its own few MB, not as a scan of the week. An index bucket
 * (4,096 records) says the times it holds (min and max: the clock may step back), so every bucket
 * before the first that holds a time in the range, and after the last, has nothing in it; what
 * lies between is read and filtered record by record (time-range-filter.ts). The run's start and
 * devices' details in the buckets passed over are read from them (the index counts kinds), so
 * the export keeps them as a full read would (only their lines parsed: bucket-kinds.ts).
 *
 * The index is the one search and Go to time use (built once and saved beside the log when
 * missing, on both cores). Without one to use (a .zip bundle's entries cannot be entered in the
 * middle), the export reads the whole log.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import { CONTEXT_KINDS, keptFromBefore, type ExportRange } from '../../../shared/export-range.js';
import { openIndexedLog, type IndexedLogOptions, type IndexedPart } from '../indexed-log.js';
import type { IndexBucket } from '../journal-index.js';
import { bucketRecordsOfKinds } from '../bucket-kinds.js';
import { runEnd } from '../journal-files.js';
import { locateLog } from './log-location.js';

export interface RangeSeek {
  /** The file to start in, the byte offset of its first line to read, and the lines before it. */
  file: string;
  offset: number;
  line: number;
  /** The run's start and devices' details from the buckets passed over, in order. */
  context: JournalRecord[];
  /**
   * The device IDs the log's device records name, when asked for: a redacting export looks for
   * them from its first line, though most of their records are outside the range.
   */
  deviceIds: string[] | undefined;
  /**
   * How many records of the files, from `offset` on, may hold a time in the range (at most:
   * damaged lines counted as records); undefined where it is read to its end: the live run,
   * which may grow past its index as it is read, and a range that reaches the last bucket.
   */
  records: number | undefined;
}

/**
 * Kinds whose records name a device's ID (`deviceId`), which a redacting export must know. Read
 * from every bucket that holds one, however many: only those records are parsed, the rest of a
 * bucket searched for their kinds' words. Past 64 such buckets the export searched the whole
 * log's bytes instead, every line naming a device: a one-minute export of a week-long log (ten
 * million events, a device-info every few minutes) took 14-20 s where it now takes 3-4 s.
 */
const DEVICE_KINDS = ['device-info', 'device-arrival', 'device-removal'];

/**
 * Undefined when the log has no index to use. `deviceIds` asks for the device IDs its records
 * name (a redacting export); else none are read.
 */
export async function rangeSeek(
  path: string,
  range: ExportRange,
  options: Pick<IndexedLogOptions, 'signal' | 'onIndexing'> & { deviceIds?: boolean } = {},
): Promise<RangeSeek | undefined> {
  const location = await locateLog(path);
  if (location.kind === 'bundle') return undefined;
  const log = await openIndexedLog(path, options);
  const buckets = log.buckets;
  if (buckets.length === 0) return undefined;
  const live = location.kind === 'run-directory' && runEnd(location.path) === 'live';
  const holds = (time: [number, number] | null) =>
    time !== null && time[1] >= range.from && time[0] < range.to;
  const first = buckets.findIndex((b) => holds(b.bucket.time));
  let last = first;
  for (let i = buckets.length - 1; i > first; i--)
    if (holds(buckets[i]?.bucket.time ?? null)) {
      last = i;
      break;
    }
  // One bucket early where it holds format 1 records: a format 1 call that failed takes its
  // service from its request, written just before it (IndexedLog.recordsAfter does the same).
  // With no bucket in the range, the last: only what the live run writes after its index may be.
  const upgraded = (buckets[first]?.bucket.upgraded ?? 0) > 0;
  const from = first === -1 ? buckets.length - 1 : Math.max(0, upgraded ? first - 1 : first);
  const start = buckets[from];
  const startPart = start && log.parts[start.part];
  if (!start || !startPart) return undefined;
  // Nothing in the range, and nothing more to come: refused at once, with nothing read for it.
  if (first === -1 && !live)
    return { ...startOf(start, startPart), context: [], deviceIds: [], records: 0 };
  const context: JournalRecord[] = [...log.prefix];
  const ids = options.deviceIds ? new Set<string>() : undefined;
  for (const [i, at] of buckets.entries()) {
    const forContext = i < from && has(at.bucket, CONTEXT_KINDS);
    const forIds = ids !== undefined && has(at.bucket, DEVICE_KINDS);
    if (!forContext && !forIds) continue;
    options.signal?.throwIfAborted();
    const kinds = new Set([...(forContext ? CONTEXT_KINDS : []), ...(forIds ? DEVICE_KINDS : [])]);
    const file = log.parts[at.part]?.file;
    const records =
      (file === undefined ? undefined : await bucketRecordsOfKinds(file, at.bucket, kinds)) ??
      (await log.read(at.first, at.bucket.records));
    for (const record of records) {
      if (forContext && keptFromBefore(record, range)) context.push(record);
      if (forIds && 'deviceId' in record && typeof record.deviceId === 'string')
        ids.add(record.deviceId);
    }
  }
  // A damaged line counted as one: a reader may take a record from a line the index could not.
  let records = 0;
  if (first !== -1)
    for (const b of buckets.slice(from, last + 1)) records += b.bucket.lines - b.bucket.headers;
  // A range that reaches the log's last bucket reads on to the log's end: past its index may be
  // lines no bucket counts (a crashed run's torn last line), said by the export as a whole log's
  // is. Stopped at the bucket, an export of the last minutes before a crash left the torn line
  // out and said nothing of it.
  const toEnd = live || last === buckets.length - 1;
  return {
    ...startOf(start, startPart),
    context,
    deviceIds: ids && [...ids],
    records: toEnd ? undefined : records,
  };
}

function startOf(
  at: { bucket: IndexBucket },
  part: IndexedPart,
): Pick<RangeSeek, 'file' | 'offset' | 'line'> {
  return { file: part.file, offset: at.bucket.offset, line: at.bucket.line };
}

function has(bucket: IndexBucket, kinds: Iterable<string>): boolean {
  for (const kind of kinds) if ((bucket.kinds[kind] ?? 0) > 0) return true;
  return false;
}
