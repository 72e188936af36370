/** What is under the pointer: the span (or marker) nearest to it in the lane it is over. */
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT, timeAt, type Viewport } from './draw';
import {
  firstVisible,
  type TimelineMark,
  type TimelineModel,
  type TimelineSpan,
} from './timeline-model';

/** Pointer slack in pixels: a 1 ms span is still hit at any zoom. */
const SLACK = 4;

export type Hit = { span: TimelineSpan } | { mark: TimelineMark } | null;

export function hitTest(model: TimelineModel, view: Viewport, x: number, y: number): Hit {
  if (x < LABEL_WIDTH || y < AXIS_HEIGHT) return null;
  const lane = model.orderedLanes()[Math.floor((y - AXIS_HEIGHT) / LANE_HEIGHT)];
  if (!lane) return null;
  const t = timeAt(view, x);
  const slack = timeAt(view, x + SLACK) - t;
  let best: TimelineSpan | null = null;
  for (let k = firstVisible(lane, t - slack); k < lane.spans.length; k++) {
    const span = lane.spans[k];
    if (!span || span.start > t + slack) break;
    const end = Number.isNaN(span.end) ? model.maxTime : span.end;
    if (end + slack < t) continue;
    // The shortest span under the pointer: a quick request over a long one stays clickable.
    if (!best || end - span.start < spanLength(best, model)) best = span;
  }
  for (const span of model.waiting()) {
    if (span.lane === lane && span.start - slack <= t && !best) best = span;
  }
  if (best) return { span: best };
  let mark: TimelineMark | null = null;
  for (const m of lane.marks) {
    if (Math.abs(m.t - t) <= slack && (!mark || Math.abs(m.t - t) < Math.abs(mark.t - t))) mark = m;
  }
  return mark ? { mark } : null;
}

function spanLength(span: TimelineSpan, model: TimelineModel): number {
  return (Number.isNaN(span.end) ? model.maxTime : span.end) - span.start;
}
