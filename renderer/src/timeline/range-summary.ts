/** What a dense column's tip says: the requests of each outcome in a stretch of a lane. */
import { isProblem, type RequestOutcome } from '../../../shared/request/outcome';
import { outcomeAt, type SpanColumns } from './span-columns';

/** How many requests of each outcome a stretch of a lane holds: what a dense column's tip says. */
export interface RangeSummary {
  t0: number;
  t1: number;
  total: number;
  counts: Partial<Record<RequestOutcome, number>>;
  /** Index of the first span in the range, and of the first with a problem outcome (or -1). */
  firstIndex: number;
  firstProblem: number;
}

/** Counts the lane's spans that overlap t0..t1 (a waiting one reaches to the newest time). */
export function summarizeRange(columns: SpanColumns, t0: number, t1: number): RangeSummary {
  const counts: Partial<Record<RequestOutcome, number>> = {};
  let total = 0;
  let firstIndex = -1;
  let firstProblem = -1;
  const { starts, outcome, origin } = columns;
  const to = columns.firstStartingAfter(t1);
  for (let i = columns.firstVisible(t0); i < to; i++) {
    const d = columns.durationAt(i);
    if (!Number.isNaN(d) && origin + starts.at(i) + d < t0) continue;
    const o = outcomeAt(outcome[i] ?? 0);
    counts[o] = (counts[o] ?? 0) + 1;
    total++;
    if (firstIndex < 0) firstIndex = i;
    if (firstProblem < 0 && isProblem(o)) firstProblem = i;
  }
  return { t0, t1, total, counts, firstIndex, firstProblem };
}
