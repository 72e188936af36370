/**
 * What is under the pointer: the span (or marker) nearest to it in the lane it is over, or, where
 * the lane is drawn from its per-pixel summary, how many requests of which outcomes the pointer's
 * column holds (the same test as the drawing's, so the tip describes what is drawn there); and
 * where its marks are drawn from their columns, how many of each kind are under the pointer.
 */
import {
  AXIS_HEIGHT,
  LABEL_WIDTH,
  LANE_HEIGHT,
  axisTopOf,
  timeAt,
  type Viewport,
} from './geometry';
import { isDense } from './column-masks';
import { firstMark, markRank, marksDense } from './draw-marks';
import { tallyMarks, type MarkTally } from './mark-tally';
import { segmentsOf } from './segments';
import { summarizeRange, type RangeSummary } from './range-summary';
import type { TimelineLane, TimelineMark } from './timeline-lanes';
import type { NotLoaded, TimelineModel, TimelineSpan } from './timeline-model';

/** Pointer slack in pixels: a 1 ms span is still hit at any zoom. */
const SLACK = 4;
/** Over a dense lane, the pointer's column and one either side: a 2 px problem tick is hit. */
const DENSE_SLACK = 1;

/** Requests in a stretch of a lane too dense (or loaded too lean) to point at one by one. */
export interface DenseHit {
  lane: TimelineLane;
  summary: RangeSummary;
}

/**
 * Marks under the pointer in a lane drawn from its mark columns (more than one): how many of each
 * kind, and the requests there too, if any. The hit's mark is the one drawn on top, which a click
 * selects.
 */
export interface MarkColumnHit {
  lane: TimelineLane;
  tally: MarkTally;
  requests: RangeSummary | null;
}

/** A stretch the window holds no rows of, and the time under the pointer in it. */
export interface NotLoadedHit {
  gap: NotLoaded;
  t: number;
}

export type Hit =
  | { span: TimelineSpan }
  | { mark: TimelineMark; column?: MarkColumnHit }
  | { dense: DenseHit }
  | { notLoaded: NotLoadedHit }
  | null;

export function hitTest(model: TimelineModel, view: Viewport, x: number, y: number): Hit {
  // Nothing is hit through the time axis, where it is drawn over the lanes scrolled beneath it.
  const axisTop = axisTopOf(view);
  if (x < LABEL_WIDTH || y < AXIS_HEIGHT || (y >= axisTop && y < axisTop + AXIS_HEIGHT))
    return null;
  const t = timeAt(view, x);
  // Hatched over every lane: no row of it is loaded, so nothing in it to point at but the stretch
  // (a click there did nothing, and said nothing, over days of a week's log).
  const gap = model.notLoaded.find((g) => g.from < t && t < g.to);
  if (gap) return { notLoaded: { gap, t } };
  const lane = model.orderedLanes()[Math.floor((y - AXIS_HEIGHT) / LANE_HEIGHT)];
  if (!lane) return null;
  const columns = lane.columns;
  if (isDense(columns, view.t0, view.t1, view.width - LABEL_WIDTH)) {
    const px = Math.floor(x);
    const summary = summarizeRange(
      columns,
      timeAt(view, px - DENSE_SLACK),
      timeAt(view, px + 1 + DENSE_SLACK),
    );
    const only = summary.total === 1 ? model.spanAt(lane, summary.firstIndex) : null;
    if (only) return { span: only };
    if (summary.total > 0) return { dense: { lane, summary } };
    return markAt(lane, view, t, timeAt(view, x + SLACK) - t);
  }
  const slack = timeAt(view, x + SLACK) - t;
  // A marker drawn over a bar (a notification, an arrival or removal, backend status) is what the
  // pointer is on, not the request beneath it. Read ticks sit above the bar: not those.
  const marker = markAt(lane, view, t, slack, true);
  if (marker) return marker;
  let best = -1;
  let bestLength = Number.POSITIVE_INFINITY;
  // Segment by segment (./segments.ts): after the clock was set back, the lane's spans do not
  // start in order, each segment's do.
  for (let g = 0; g < columns.segments.count; g++) {
    const to = columns.segments.to(g);
    for (let k = columns.firstVisible(t - slack, g); k < to; k++) {
      const start = columns.startAt(k);
      if (start > t + slack) break;
      const end = Number.isNaN(columns.end(k)) ? model.maxTime : columns.end(k);
      if (end + slack < t) continue;
      // The shortest span under the pointer: a quick request over a long one stays clickable.
      if (end - start < bestLength) {
        best = k;
        bestLength = end - start;
      }
    }
  }
  if (best < 0) {
    for (const span of model.waiting()) {
      if (span.lane === lane && span.start - slack <= t) return { span };
    }
    return markAt(lane, view, t, slack);
  }
  const span = model.spanAt(lane, best);
  if (span) return { span };
  // Loaded without a request seq: nothing to select, but its outcome and time.
  const start = columns.startAt(best);
  return { dense: { lane, summary: summarizeRange(columns, start, start) } };
}

/**
 * The mark under the pointer: among a lane's marks within `slack` of `t`, the one drawn on top
 * (`markRank`: a removal or an outage over the arrivals or statuses around it, as
 * ./draw-marks.ts draws them), the nearest of those; with `overBar`, only those drawn over a
 * request's bar. Found segment by segment by time (./segments.ts), so a pointer over a lane of a
 * quarter of a million notifications reads only those within its few pixels. Where the lane's
 * marks are drawn from their columns and more than one is there, with how many of each kind
 * (and the requests there): one of them alone told nothing of the thousands drawn as one shape.
 */
function markAt(
  lane: TimelineLane,
  view: Viewport,
  t: number,
  slack: number,
  overBar = false,
): Hit {
  const marks = lane.marks;
  const segments = segmentsOf(marks);
  let mark: TimelineMark | null = null;
  let rank = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < segments.count; g++) {
    const to = segments.to(g);
    for (let k = firstMark(marks, t - slack, g); k < to; k++) {
      const m = marks[k];
      if (!m || m.t > t + slack) break;
      if (overBar && m.kind === 'read') continue;
      const r = markRank(m.kind);
      if (r > rank || (r === rank && mark && Math.abs(m.t - t) < Math.abs(mark.t - t))) {
        mark = m;
        rank = r;
      }
    }
  }
  if (!mark) return null;
  if (!marksDense(marks, view, view.width - LABEL_WIDTH)) return { mark };
  const tally = tallyMarks(marks, t - slack, t + slack);
  if (tally.total < 2) return { mark };
  const requests = summarizeRange(lane.columns, t - slack, t + slack);
  return { mark, column: { lane, tally, requests: requests.total > 0 ? requests : null } };
}
