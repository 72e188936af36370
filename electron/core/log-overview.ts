/**
 * The overview of a whole log, drawn from its index: per bucket of ~4096 records, its time range,
 * how many records it holds and how many of them are problems (shared `isProblemRecord`: a problem
 * outcome, a completion that matched nothing, an error, the backend unavailable).
 *
 * A bucket's counts say nothing of when in its time range its records were written: spread evenly
 * over it, a burst of failures in a log of ninety thousand records (22 buckets) was drawn over a
 * twentieth of the strip at a fifth of its height, and one just before a kiosk's idle night, or a
 * clock set a day ahead for three minutes, was smeared over the night or the day. So the buckets
 * spread over more than a few columns of the strip are read again, up to READ_BYTES of them (a
 * few tenths of a second), cut into pieces that each lie within one column (`cutBefore`, by the
 * index's own line reader: the same counts, no JSON.parse for the journal's own lines): first
 * those whose time range is far wider than their records' pace says (a gap, a clock's jump), then
 * those with the most problems, then the widest. A log of up to READ_BYTES is thus drawn from
 * where each record was written; a week of journal is summarised from the sidecars' counts (its
 * buckets are narrower than a column), with only its gaps and bursts read, so the strip of the
 * whole range still costs about the same at ten million events as at ten thousand.
 *
 * A window asks with its strip's width in pixel columns, and gets no more bins than that: the bins
 * themselves when they are no more, else one per column holding that column's share, as the strip
 * would have shared all the bins out itself (shared/overview-columns.ts). A live log's strip is
 * asked for again every few seconds, and each answer sent thousands of bins (a log of a hundred
 * thousand records, every bucket read again) for a strip of a thousand pixels.
 * And what each overview read again is kept (`OverviewReads`) for the next one of the same log,
 * by where the bucket is in its file, not by the index's object: the live run's current file's
 * index is loaded afresh each time it grows, and its buckets with problems (a device failing now,
 * what a technician watches) were read again every few seconds. Only buckets written since, the
 * live run's open one, are read again; a bucket read the last time but not chosen now is let go.
 *
 * A range's export (its header says the range: export/source-header.ts) starts with the run's
 * start and devices' details kept from days before the range: on the strip's time axis they made
 * the range a sliver at its end, so the strip spans the range (they still count as records).
 */
import { problemsIn, type IndexBucket } from './journal-index.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { isProblemRecord } from '../../shared/request/story.js';
import { CONTEXT_KINDS, keptFromBefore, type ExportRange } from '../../shared/export-range.js';
import { binsInColumns, type OverviewBin } from '../../shared/overview-columns.js';

export interface LogOverview {
  /**
   * For a strip's `columns`, no more than that: when there were more, one per column holding
   * records, in the columns' order, with its share of them (fractional where a bucket spans
   * several columns).
   */
  bins: OverviewBin[];
  records: number;
  problems: number;
  /** The whole log's time range; null for a log with no timed record. */
  t0: number | null;
  t1: number | null;
  /**
   * The largest sequence number among the records counted; null for none. The live run numbers
   * its records in order, so a window counts those after it on top of `records` until it asks
   * again (the oldest files of a long run may have been let go: `records` is not that number).
   */
  lastSeq: number | null;
}

/**
 * Most bins of buckets sent to a window: more than a 4K screen has pixels, a few hundred KB of
 * JSON at most with those read again (one bin per column of the grid, below).
 */
const MAX_OVERVIEW_BINS = 4096;

/**
 * Columns of the time grid buckets are read again on: at most as many as a 4K screen has pixels,
 * and more than half as many (each column is a power of two of milliseconds, from the epoch, so a
 * live log's grid stays the same as it grows, and what was read on it still holds).
 */
const GRID_COLUMNS = 4096;
/** A bucket spread over more columns than this is read again: fewer are a pixel or two. */
const SPREAD_COLUMNS = 4;
/** A bucket whose time per record is this many times the log's usual holds a gap or a jump. */
const UNEVEN = 4;
/**
 * Bytes of buckets read again at most for one overview: ~25 buckets of the journal's, a few tenths
 * of a second through the index's line reader (which reads one line at a time, however long: a log
 * of 1 MiB lines takes no more memory for it).
 */
export const READ_BYTES = 32 * 1024 * 1024;

/**
 * Reads the lines of `file` from byte `from` to `until` (each the start of a line) as index
 * buckets, closing one before each record `cutBefore` says: journal-index-scan.ts's `scanStretch`,
 * handed in by main so that this file, whose types the window reads, reaches no Node module.
 */
export type ScanStretch = (
  file: string,
  from: number,
  until: number,
  cutBefore: (ms: number) => boolean,
) => Promise<readonly IndexBucket[]>;

/** What an overview reads of a log: IndexedLog's files, buckets and run-start kept apart. */
export interface OverviewLog {
  readonly parts: readonly { readonly file: string }[];
  readonly buckets: readonly { readonly part: number; readonly bucket: IndexBucket }[];
  /** Records before the files' own (a rotated run's run-start, from run.json). */
  readonly prefix: readonly JournalRecord[];
}

/**
 * Records read again, within one column of the grid they were read on: their first and last
 * times and counts, and whether they are all of the kinds a range's export keeps from before it.
 */
interface Piece extends OverviewBin {
  context: boolean;
}

/** A bucket's records as read again, by the grid's column (ms) they were read on. */
interface ReadBucket {
  column: number;
  pieces: Piece[];
}

/**
 * What the last overview of one log read again, for the next (a window's live log is asked for
 * every few seconds). Holds only what that overview read, so no more than READ_BYTES of buckets'
 * pieces (a few thousand, one per column of the grid at most) however long the log or the run.
 */
export class OverviewReads {
  private last = new Map<string, ReadBucket>();

  /** What was read of this bucket of `file` on the grid's `column`, when it still is that. */
  known(file: string, bucket: IndexBucket, column: number): Piece[] | undefined {
    const known = this.last.get(bucketKey(file, bucket));
    return known?.column === column ? known.pieces : undefined;
  }

  /** Keeps what this overview read, and lets go of what it did not use. */
  keep(read: ReadonlyMap<string, ReadBucket>): void {
    this.last = new Map(read);
  }
}

/**
 * A bucket by where it is in its file and what it counts: the same in an index loaded again, and
 * different once it holds more (the live run's open bucket, which grows with each write).
 */
function bucketKey(file: string, bucket: IndexBucket): string {
  return [file, bucket.offset, bucket.bytes, bucket.records, bucket.lastSeq].join('\n');
}

/**
 * The overview of a log through its index: the buckets' counts, with the buckets that counts
 * alone would smear over the strip read again (see the top of this file), and the run-start a
 * rotated run keeps apart counted with the rest. With `columns`, in no more bins than a strip
 * that wide has columns; with `reads`, reading again only what the last overview of this log did
 * not.
 */
export async function overviewOfLog(
  log: OverviewLog,
  options: {
    scan: ScanStretch;
    range?: ExportRange;
    readBytes?: number;
    columns?: number;
    reads?: OverviewReads;
  },
): Promise<LogOverview> {
  const { scan, range, readBytes = READ_BYTES, columns, reads } = options;
  const buckets = log.buckets.map((b) => b.bucket);
  const column = gridColumn(buckets, log.prefix, range);
  const read = new Map<IndexBucket, Piece[]>();
  const kept = new Map<string, ReadBucket>();
  if (column !== null)
    for (const at of toRead(log.buckets, column, range, readBytes)) {
      const { bucket } = at;
      const file = log.parts[at.part]?.file;
      if (file === undefined) continue;
      const pieces =
        reads?.known(file, bucket, column) ?? (await readPieces(scan, file, bucket, column));
      kept.set(bucketKey(file, bucket), { column, pieces });
      read.set(bucket, pieces);
    }
  reads?.keep(kept);
  const overview = overviewOf(buckets, undefined, range, {
    prefix: log.prefix,
    read,
    ...(column === null ? {} : { column }),
  });
  return columns === undefined ? overview : { ...overview, bins: binsInColumns(overview, columns) };
}

/**
 * The overview of buckets in log order. A bucket with no timed record has no place on a time
 * axis and is left out of the bins (its records still count in `records`). More buckets than
 * `maxBins` are merged in runs of neighbours, so the answer stays small however long the log.
 * A bucket in `more.read` is drawn by its pieces read again, which fall within one column of
 * `more.column` each, summed by column; `more.prefix` are records before the buckets'.
 */
export function overviewOf(
  buckets: readonly IndexBucket[],
  maxBins: number = MAX_OVERVIEW_BINS,
  range?: ExportRange,
  more: {
    prefix?: readonly JournalRecord[];
    read?: ReadonlyMap<IndexBucket, readonly Piece[]>;
    column?: number;
  } = {},
): LogOverview {
  const { prefix = [], read } = more;
  const timed = buckets.flatMap((b) => {
    if (read?.has(b)) return [];
    const time = within(b.time, range);
    return time === null ? [] : [{ ...b, time }];
  });
  const per = Math.max(1, Math.ceil(timed.length / Math.max(1, maxBins)));
  const bins: OverviewBin[] = [];
  for (let i = 0; i < timed.length; i += per) {
    let bin: OverviewBin | undefined;
    for (const bucket of timed.slice(i, i + per)) {
      const [from, to] = bucket.time;
      const problems = problemsIn(bucket);
      if (!bin) bin = { t0: from, t1: to, records: bucket.records, problems };
      else {
        bin.t0 = Math.min(bin.t0, from);
        bin.t1 = Math.max(bin.t1, to);
        bin.records += bucket.records;
        bin.problems += problems;
      }
    }
    if (bin) bins.push(bin);
  }
  // What was read, and the run's start kept apart, by the column each lies in.
  const column = more.column ?? 1;
  const byColumn = new Map<number, OverviewBin>();
  const add = (piece: Piece) => {
    const time = placed(piece, range);
    if (time === null) return;
    const key = Math.floor(time[0] / column);
    const bin = byColumn.get(key);
    if (!bin)
      byColumn.set(key, {
        t0: time[0],
        t1: time[1],
        records: piece.records,
        problems: piece.problems,
      });
    else {
      bin.t0 = Math.min(bin.t0, time[0]);
      bin.t1 = Math.max(bin.t1, time[1]);
      bin.records += piece.records;
      bin.problems += piece.problems;
    }
  };
  for (const pieces of read?.values() ?? []) for (const piece of pieces) add(piece);
  let records = 0;
  let problems = 0;
  let lastSeq: number | null = null;
  for (const record of prefix) {
    const problem = isProblemRecord(record) ? 1 : 0;
    records += 1;
    problems += problem;
    lastSeq = Math.max(lastSeq ?? record.seq, record.seq);
    const t = keptFromBefore(record, range) ? Number.NaN : Date.parse(record.time);
    if (Number.isFinite(t)) add({ t0: t, t1: t, records: 1, problems: problem, context: false });
  }
  bins.push(...[...byColumn.values()].sort((a, b) => a.t0 - b.t0));
  for (const bucket of buckets) {
    records += bucket.records;
    problems += problemsIn(bucket);
    if (bucket.records > 0) lastSeq = Math.max(lastSeq ?? bucket.lastSeq, bucket.lastSeq);
  }
  let t0: number | null = null;
  let t1: number | null = null;
  for (const bin of bins) {
    t0 = Math.min(t0 ?? bin.t0, bin.t0);
    t1 = Math.max(t1 ?? bin.t1, bin.t1);
  }
  return { bins, records, problems, t0, t1, lastSeq };
}

/**
 * The grid's column (ms, a power of two) for the log's time range, as its index has it: at most
 * GRID_COLUMNS of them over it. Null for a log with no timed record.
 */
function gridColumn(
  buckets: readonly IndexBucket[],
  prefix: readonly JournalRecord[],
  range: ExportRange | undefined,
): number | null {
  let t0 = Infinity;
  let t1 = -Infinity;
  const times = buckets.map((b) => within(b.time, range));
  for (const record of prefix)
    if (!keptFromBefore(record, range)) times.push(within(timeOf(record), range));
  for (const time of times) {
    if (time === null) continue;
    t0 = Math.min(t0, time[0]);
    t1 = Math.max(t1, time[1]);
  }
  if (t0 > t1) return null;
  return 2 ** Math.max(0, Math.ceil(Math.log2((t1 - t0) / GRID_COLUMNS)));
}

/**
 * The buckets to read again, in log order: those spread over more than SPREAD_COLUMNS columns, as
 * many as READ_BYTES allows, uneven ones first (their time per record UNEVEN times the log's
 * middle one: a gap, a clock's jump), then those with the most problems, then the widest.
 */
function toRead<B extends { readonly bucket: IndexBucket }>(
  buckets: readonly B[],
  column: number,
  range: ExportRange | undefined,
  readBytes: number,
): B[] {
  const wide = buckets.flatMap((at, order) => {
    const time = within(at.bucket.time, range);
    const width = time === null ? 0 : time[1] - time[0];
    if (width <= SPREAD_COLUMNS * column) return [];
    return [{ at, order, width, pace: width / Math.max(1, at.bucket.records) }];
  });
  const paces = buckets
    .flatMap(({ bucket }) => {
      const time = within(bucket.time, range);
      return time === null ? [] : [(time[1] - time[0]) / Math.max(1, bucket.records)];
    })
    .sort((a, b) => a - b);
  const usual = paces[Math.floor(paces.length / 2)] ?? 0;
  const rank = (b: (typeof wide)[number]) =>
    b.pace > UNEVEN * usual ? 0 : problemsIn(b.at.bucket) > 0 ? 1 : 2;
  wide.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      problemsIn(b.at.bucket) - problemsIn(a.at.bucket) ||
      b.width - a.width ||
      a.order - b.order,
  );
  const chosen: typeof wide = [];
  let bytes = 0;
  for (const b of wide) {
    if (bytes + b.at.bucket.bytes > readBytes) continue;
    bytes += b.at.bucket.bytes;
    chosen.push(b);
  }
  return chosen.sort((a, b) => a.order - b.order).map((b) => b.at);
}

/** A bucket's records read again, in pieces each within one column of the grid (by their times). */
async function readPieces(
  scan: ScanStretch,
  file: string,
  bucket: IndexBucket,
  column: number,
): Promise<Piece[]> {
  let current = Number.NaN;
  const pieces = await scan(file, bucket.offset, bucket.offset + bucket.bytes, (ms) => {
    if (Number.isNaN(ms)) return false;
    const at = Math.floor(ms / column);
    const cut = at !== current;
    current = at;
    return cut;
  });
  return pieces.flatMap((b) =>
    b.time === null
      ? []
      : [
          {
            t0: b.time[0],
            t1: b.time[1],
            records: b.records,
            problems: problemsIn(b),
            context: Object.keys(b.kinds).every((kind) => CONTEXT_KINDS.has(kind)),
          },
        ],
  );
}

/**
 * Where read records go on a range's export's strip: those of the kinds it keeps from before the
 * range are left off it, as keptFromBefore has it; anything else outside the range goes to its
 * nearer end (a live run's export ends with a note stamped when it was made, days after).
 */
function placed(piece: Piece, range: ExportRange | undefined): [number, number] | null {
  if (range === undefined) return [piece.t0, piece.t1];
  if (piece.context && piece.t1 < range.from) return null;
  const clamp = (t: number) => Math.min(Math.max(t, range.from), range.to - 1);
  return [clamp(piece.t0), clamp(piece.t1)];
}

/** A record's time as a bucket's: [t, t], or null for none. */
function timeOf(record: JournalRecord): [number, number] | null {
  const t = Date.parse(record.time);
  return Number.isFinite(t) ? [t, t] : null;
}

/**
 * A bucket's time range within a range's export's range (its first bucket holds what was kept
 * from before it); null for no time.
 */
function within(
  time: [number, number] | null,
  range: ExportRange | undefined,
): [number, number] | null {
  if (time === null || range === undefined) return time;
  const from = Math.max(time[0], range.from);
  const to = Math.min(time[1], range.to - 1);
  return from <= to ? [from, to] : null;
}
