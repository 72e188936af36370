/**
 * What the timeline shows until its view is moved: the requests of one stretch the window holds,
 * the one with the rows the log is read at, else the newest. Of a large saved log the window
 * holds its first page and its newest rows, with most of the log between them not loaded: all of
 * it in one view was mostly hatching, with the rows read a sliver at one end. Fit all shows
 * everything.
 */
import type { TimelineModel } from './timeline-model';
import { activityRange, type TimeRange } from './viewport';

/** Where the log is read (its store's view state, ../store/log-store.ts). */
export interface LogReading {
  selectedSeq: number | null;
  scrolledSeq: number | null;
}

/**
 * The row the log is read at: the one selected, else the top of its screen once the technician
 * scrolled it, else none (the newest stretch). A technician who scrolled the first page to #300
 * and selected nothing saw the timeline open on the newest requests, hours later.
 */
export function readSeq(reading: LogReading): number | null {
  return reading.selectedSeq ?? reading.scrolledSeq;
}

export function openingRange(model: TimelineModel, reading: LogReading): TimeRange {
  const loaded = model.loadedAround(readSeq(reading));
  return activityRange(
    model.extents(loaded),
    Math.max(model.minTime, loaded.from),
    Math.min(model.maxTime, loaded.to),
  );
}
