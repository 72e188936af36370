/**
 * Where an export of a time range starts and stops reading, from the log's index: the hour around
 * an incident in a 3 GB week is read as its own few MB, not as a scan of the week. An index bucket
 * (4,096 records) says the times it holds (min and max: the clock may step back), so every bucket
 * before the first that holds a time in the range, and after the last, has nothing in it; what
 * lies between is read and filtered record by record (time-range-filter.ts). The run's start and
 * devices' details in the buckets passed over are read from them (the index counts kinds), so
 * the export keeps them as a full read would (only their lines parsed: bucket-kinds.ts): the
 * latest of each (LatestContext), read from the range backwards, and no further back than the
 * latest run's start, which ends what came before it.
 *
 * The index is the one search and Go to time use (built once and saved beside the log when
 * missing, on both cores). Without one to use (a .zip bundle's entries cannot be entered in the
 * middle), the export reads the whole log.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import {
  CONTEXT_KINDS,
  RUN_KEY,
  contextKey,
  keptFromBefore,
  type ExportRange,
} from '../../../shared/export-range.js';
import { openIndexedLog, type IndexedLogOptions, type IndexedPart } from '../indexed-log.js';
import type { IndexBucket } from '../journal-index.js';
import { DEVICE_KINDS, holdsKinds } from '../bucket-kinds.js';
import { runEnd } from '../journal-files.js';
import { locateLog } from './log-location.js';

export interface RangeSeek {
  /** The file to start in, the byte offset of its first line to read, and the lines before it. */
  file: string;
  offset: number;
  line: number;
  /**
   * The latest run's start and devices' details from the buckets passed over, in order: those a
   * read of them from the start keeps (LatestContext), which time-range-filter.ts then takes as
   * the context it met first.
   */
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
  /**
   * Where the read for the range starts and ends in the log's bytes (its files one after another,
   * as an export counts what it has read: SavedLog.readBytes), from the index: to the end of the
   * last bucket that may hold a time in it, or of the index where it is read to the log's end.
   * An export's share of the range done is its read from `start` over these: the share of the
   * log read said where in the week a day's range sits ("72% … 86% of the log read").
   */
  bytes: { start: number; end: number };
}

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
  const at = logBytes(log.parts);
  // Nothing in the range, and nothing more to come: refused at once, with nothing read for it.
  if (first === -1 && !live) {
    const none = { start: at.start(start), end: at.start(start) };
    return { ...startOf(start, startPart), context: [], deviceIds: [], records: 0, bytes: none };
  }
  // Read from the range backwards: a record is kept unless a later one of its key was, and the
  // first run's start met (the latest) ends the search for context. Device IDs, when asked for,
  // are read from every bucket naming a device, however many (only those records parsed), and
  // listed in the log's order: past 64 such buckets the export once searched the whole log's bytes
  // instead, and a one-minute export of a week (ten million events) took 14-20 s, now 3-4 s.
  const context = new BackwardContext(range);
  const named: string[][] = [];
  for (let i = buckets.length - 1; i >= 0; i--) {
    const at = buckets[i];
    if (!at) continue;
    const forContext = i < from && !context.done && holdsKinds(at.bucket, CONTEXT_KINDS);
    const forIds = options.deviceIds === true && holdsKinds(at.bucket, DEVICE_KINDS);
    if (!forContext && !forIds) {
      if (context.done && options.deviceIds !== true) break;
      continue;
    }
    options.signal?.throwIfAborted();
    const kinds = new Set([...(forContext ? CONTEXT_KINDS : []), ...(forIds ? DEVICE_KINDS : [])]);
    const records = await log.recordsOfKinds(at, kinds);
    if (forContext) context.meet(records);
    if (forIds)
      named[i] = records.flatMap((record) =>
        'deviceId' in record && typeof record.deviceId === 'string' ? [record.deviceId] : [],
      );
  }
  // The records before the files' own (a rotated run's start) come before every bucket.
  context.meet(log.prefix);
  const ids = options.deviceIds ? new Set(named.flat()) : undefined;
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
    // One of the prefix not from before the range (a rotated run's start in it) is the filter's
    // to take, as a read from the start would.
    context: [...log.prefix.filter((r) => !keptFromBefore(r, range)), ...context.records()],
    deviceIds: ids && [...ids],
    records: toEnd ? undefined : records,
    bytes: { start: at.start(start), end: toEnd ? at.total : at.end(buckets[last] ?? start) },
  };
}

/**
 * A bucket's place in the log's bytes: its part's start (the parts before it, each as long as its
 * index's buckets reach: whole lines, which is the file but for a torn last line) and its offset.
 */
function logBytes(parts: readonly IndexedPart[]): {
  start: (at: { part: number; bucket: IndexBucket }) => number;
  end: (at: { part: number; bucket: IndexBucket }) => number;
  total: number;
} {
  const partStarts: number[] = [];
  let total = 0;
  for (const part of parts) {
    partStarts.push(total);
    const lastBucket = part.index.buckets.at(-1);
    total += lastBucket ? lastBucket.offset + lastBucket.bytes : 0;
  }
  const start = (at: { part: number; bucket: IndexBucket }) =>
    (partStarts[at.part] ?? 0) + at.bucket.offset;
  return { start, end: (at) => start(at) + at.bucket.bytes, total };
}

function startOf(
  at: { bucket: IndexBucket },
  part: IndexedPart,
): Pick<RangeSeek, 'file' | 'offset' | 'line'> {
  return { file: part.file, offset: at.bucket.offset, line: at.bucket.line };
}

/**
 * The context kept from before a range, met backwards (the log's latest records first): the first
 * of each key met is the latest, and is kept; the first run's start met ends it.
 */
class BackwardContext {
  private readonly kept: JournalRecord[] = [];
  private readonly keys = new Set<string>();
  done = false;

  constructor(private readonly range: ExportRange) {}

  /** A bucket's records (or the prefix), in the log's order: the buckets after it already met. */
  meet(records: readonly JournalRecord[]): void {
    for (let i = records.length - 1; i >= 0 && !this.done; i--) {
      const record = records[i];
      if (!record || !keptFromBefore(record, this.range)) continue;
      const key = contextKey(record);
      if (key !== undefined && this.keys.has(key)) continue;
      if (key !== undefined) this.keys.add(key);
      this.kept.push(record);
      if (key === RUN_KEY) this.done = true;
    }
  }

  /** In the log's order. */
  records(): JournalRecord[] {
    return [...this.kept].reverse();
  }
}
