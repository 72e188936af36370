/**
 * What the timeline shows until its view is moved: the requests of one stretch the window holds,
 * the one with the row selected, else the newest. Of a large saved log the window holds its first
 * page and its newest rows, with most of the log between them not loaded: all of it in one view
 * was mostly hatching, with the rows read a sliver at one end. Fit all shows everything.
 */
import type { TimelineModel } from './timeline-model';
import { activityRange, type TimeRange } from './viewport';

export function openingRange(model: TimelineModel, selectedSeq: number | null): TimeRange {
  const loaded = model.loadedAround(selectedSeq);
  return activityRange(
    model.extents(loaded),
    Math.max(model.minTime, loaded.from),
    Math.min(model.maxTime, loaded.to),
  );
}
