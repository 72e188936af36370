/** What a dense column's tip says: the requests of each outcome in a stretch of a lane. */
import { isProblem, type RequestOutcome } from '../../../shared/request/outcome';
import { outcomeAt, type SpanColumns } from './span-columns';

/** How many requests of each outcome a stretch of a lane holds: what a dense column's tip says. */
export interface RangeSummary {
  t0: number;
  t1: number;
  total: number;
  counts: Partial<Record<RequestOutcome, number>>;
  /**
   * Index of the span in the range that starts first, and of the first with a problem outcome
   * (or -1): by start, which after the clock was set back is not by index.
   */
  firstIndex: number;
  firstProblem: number;
}

/**
 * Counts the lane's spans that overlap t0..t1 (a waiting one reaches to the newest time), segment
 * by segment (./segments.ts).
 */
export function summarizeRange(columns: SpanColumns, t0: number, t1: number): RangeSummary {
  const counts: Partial<Record<RequestOutcome, number>> = {};
  let total = 0;
  let firstIndex = -1;
  let firstProblem = -1;
  const { starts, outcome, origin } = columns;
  // Within a segment the first found starts first; across segments, the earlier start wins.
  const earlier = (i: number, than: number) => than < 0 || starts.at(i) < starts.at(than);
  for (let g = 0; g < columns.segments.count; g++) {
    const to = columns.firstStartingAfter(t1, g);
    let segmentFirst = -1;
    let segmentProblem = -1;
    for (let i = columns.firstVisible(t0, g); i < to; i++) {
      const d = columns.durationAt(i);
      if (!Number.isNaN(d) && origin + starts.at(i) + d < t0) continue;
      const o = outcomeAt(outcome[i] ?? 0);
      counts[o] = (counts[o] ?? 0) + 1;
      total++;
      if (segmentFirst < 0) segmentFirst = i;
      if (segmentProblem < 0 && isProblem(o)) segmentProblem = i;
    }
    if (segmentFirst >= 0 && earlier(segmentFirst, firstIndex)) firstIndex = segmentFirst;
    if (segmentProblem >= 0 && earlier(segmentProblem, firstProblem)) firstProblem = segmentProblem;
  }
  return { t0, t1, total, counts, firstIndex, firstProblem };
}
