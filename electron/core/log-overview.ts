/**
 * The overview of a whole log, drawn from its index: per bucket of ~4096 records, its time range,
 * how many records it holds and how many of them are problems (shared `isProblemRecord`: a problem
 * outcome, a completion that matched nothing, an error, the backend unavailable).
 * A long log's overview reads no record: a week of journal is summarised from the sidecars'
 * counts, so the timeline's strip of the whole range costs the same at ten million events as at
 * ten thousand. A log shorter than that is binned from its records' own times instead.
 *
 * A range's export (its header says the range: export/source-header.ts) starts with the run's
 * start and devices' details kept from days before the range: on the strip's time axis they made
 * the range a sliver at its end, so the strip spans the range (they still count as records).
 */
import { problemsIn, type IndexBucket } from './journal-index.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { isProblemRecord } from '../../shared/request/story.js';
import { keptFromBefore, type ExportRange } from '../../shared/export-range.js';

/** One bar of the overview: a span of wall-clock time (epoch ms) and its counts. */
interface OverviewBin {
  t0: number;
  t1: number;
  records: number;
  /** Problems (shared `isProblemRecord`): failed, refused, overdue, late, …, errors, outages. */
  problems: number;
}

export interface LogOverview {
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

/** Most bins sent to a window: more than a 4K screen has pixels, a few tens of KB of JSON. */
const MAX_OVERVIEW_BINS = 4096;

/**
 * Logs this short are binned by their records' own times (overviewOfRecords): their index has one
 * or two buckets of ~4096 records, which drew a flat bar with the problem band over all of it.
 * Reading them costs a few milliseconds.
 */
export const FINE_OVERVIEW_RECORDS = 10_000;
/**
 * ...and this small: all of them are read at once, and a log's lines may each be up to 1 MiB, so
 * 10,000 of them (a 10 GB file, or a zip bundle of 10 MB) filled the heap and ended the process.
 * 10,000 ordinary records take 3 to 5 MB.
 */
export const FINE_OVERVIEW_BYTES = 32 * 1024 * 1024;
/** Time slices of a short log's overview: finer than a 13-inch strip is wide is of no use. */
const FINE_BINS = 1024;

/**
 * The overview of buckets in log order. A bucket with no timed record has no place on a time
 * axis and is left out of the bins (its records still count in `records`). More buckets than
 * `maxBins` are merged in runs of neighbours, so the answer stays small however long the log.
 */
export function overviewOf(
  buckets: readonly IndexBucket[],
  maxBins: number = MAX_OVERVIEW_BINS,
  range?: ExportRange,
): LogOverview {
  const timed = buckets.flatMap((b) => {
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
  let records = 0;
  let problems = 0;
  let lastSeq: number | null = null;
  for (const bucket of buckets) {
    records += bucket.records;
    problems += problemsIn(bucket);
    if (bucket.records > 0) lastSeq = Math.max(lastSeq ?? bucket.lastSeq, bucket.lastSeq);
  }
  const t0 = bins.length > 0 ? Math.min(...bins.map((b) => b.t0)) : null;
  const t1 = bins.length > 0 ? Math.max(...bins.map((b) => b.t1)) : null;
  return { bins, records, problems, t0, t1, lastSeq };
}

/**
 * The overview of a short log from its records: the log's time range cut into equal slices, each
 * holding the records that fall in it (a bin spans their own first and last times, as a bucket's
 * does), so where the requests and the problems are shows on the strip. Same counts as the
 * index's: a problem is a record isProblemRecord calls one.
 */
export function overviewOfRecords(
  records: readonly JournalRecord[],
  slices: number = FINE_BINS,
  range?: ExportRange,
): LogOverview {
  let t0 = Infinity;
  let t1 = -Infinity;
  const times = records.map((record) => {
    if (keptFromBefore(record, range)) return Number.NaN;
    // Within a range's export's range, as a bucket's times are (`within`): a live run's export
    // ends with a note of entries its file lacks, stamped when it was made, days after the range.
    const t = range ? clamp(Date.parse(record.time), range) : Date.parse(record.time);
    if (Number.isFinite(t)) {
      t0 = Math.min(t0, t);
      t1 = Math.max(t1, t);
    }
    return t;
  });
  let problems = 0;
  let lastSeq: number | null = null;
  const bins: (OverviewBin | undefined)[] = [];
  const width = Math.max(1, t1 - t0) / slices;
  records.forEach((record, i) => {
    const problem = isProblemRecord(record) ? 1 : 0;
    problems += problem;
    lastSeq = Math.max(lastSeq ?? record.seq, record.seq);
    const t = times[i] ?? Number.NaN;
    if (!Number.isFinite(t)) return;
    const slot = Math.min(slices - 1, Math.floor((t - t0) / width));
    const bin = bins[slot];
    if (!bin) bins[slot] = { t0: t, t1: t, records: 1, problems: problem };
    else {
      bin.t0 = Math.min(bin.t0, t);
      bin.t1 = Math.max(bin.t1, t);
      bin.records += 1;
      bin.problems += problem;
    }
  });
  const timed = bins.filter((b) => b !== undefined);
  return {
    bins: timed,
    records: records.length,
    problems,
    t0: timed.length > 0 ? t0 : null,
    t1: timed.length > 0 ? t1 : null,
    lastSeq,
  };
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

function clamp(t: number, range: ExportRange): number {
  return Math.min(Math.max(t, range.from), range.to - 1);
}
