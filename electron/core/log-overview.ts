/**
 * The overview of a whole log, drawn from its index: per bucket of ~4096 records, its time range,
 * how many records it holds and how many of them carry a problem outcome (shared `isProblem`).
 * Nothing here reads a record: a week of journal is summarised from the sidecars' counts, so the
 * timeline's strip of the whole range costs the same at ten million events as at ten.
 */
import { isProblem, REQUEST_OUTCOMES, type RequestOutcome } from '../../shared/request/outcome.js';
import type { IndexBucket } from './journal-index.js';

/** One bar of the overview: a span of wall-clock time (epoch ms) and its counts. */
interface OverviewBin {
  t0: number;
  t1: number;
  records: number;
  /** Records whose outcome is a problem (failed, refused, overdue, late, …). */
  problems: number;
}

export interface LogOverview {
  bins: OverviewBin[];
  records: number;
  problems: number;
  /** The whole log's time range; null for a log with no timed record. */
  t0: number | null;
  t1: number | null;
}

/** Most bins sent to a window: more than a 4K screen has pixels, a few tens of KB of JSON. */
const MAX_OVERVIEW_BINS = 4096;

const PROBLEM_OUTCOMES: readonly RequestOutcome[] = REQUEST_OUTCOMES.filter((o) => isProblem(o));

function problemsIn(bucket: IndexBucket): number {
  let n = 0;
  for (const outcome of PROBLEM_OUTCOMES) n += bucket.outcomes[outcome] ?? 0;
  return n;
}

/**
 * The overview of buckets in log order. A bucket with no timed record has no place on a time
 * axis and is left out of the bins (its records still count in `records`). More buckets than
 * `maxBins` are merged in runs of neighbours, so the answer stays small however long the log.
 */
export function overviewOf(
  buckets: readonly IndexBucket[],
  maxBins: number = MAX_OVERVIEW_BINS,
): LogOverview {
  const timed = buckets.filter((b) => b.time !== null);
  const per = Math.max(1, Math.ceil(timed.length / Math.max(1, maxBins)));
  const bins: OverviewBin[] = [];
  for (let i = 0; i < timed.length; i += per) {
    let bin: OverviewBin | undefined;
    for (const bucket of timed.slice(i, i + per)) {
      const [from, to] = bucket.time ?? [0, 0];
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
  for (const bucket of buckets) {
    records += bucket.records;
    problems += problemsIn(bucket);
  }
  const t0 = bins.length > 0 ? Math.min(...bins.map((b) => b.t0)) : null;
  const t1 = bins.length > 0 ? Math.max(...bins.map((b) => b.t1)) : null;
  return { bins, records, problems, t0, t1 };
}
