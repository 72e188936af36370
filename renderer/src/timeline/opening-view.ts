/**
 * What the timeline shows until its view is moved: the requests of one stretch the window holds,
 * the one with the rows the log shows, or its entry selected. Of a large saved log the window
 * holds its first page and its newest rows, with most of the log between them not loaded: all of
 * it in one view was mostly hatching, with the rows read a sliver at one end. Fit all shows
 * everything. Following live (`toNewest`), it reaches the newest event too: a live session's
 * notifications came every 30 s after its last request, and "Following live" sat above an axis
 * stopped four and a half minutes back (a technician's review).
 */
import type { TimelineModel } from './timeline-model';
import { activityRange, type TimeRange } from './viewport';

/** Where the log is read (its store's view state, ../store/log-store.ts). */
export interface LogReading {
  selectedSeq: number | null;
  scrolledSeq: number | null;
  /**
   * The log is at its end, on its newest rows (live, or a saved log scrolled down to them);
   * false where it is not (a saved log opens on its first rows). Unsaid, the newest unless
   * scrolled.
   */
  following?: boolean;
}

/** Before every entry: the stretch that holds it is the log's first. */
const LOG_START = 0;

/**
 * The row the log is read at: the one selected, else the log's screen: the newest at its end,
 * the top row once the technician scrolled it, its first row before they do. A technician who
 * scrolled the first page to #300 and selected nothing saw the timeline open on the newest
 * requests, hours later; one who opened a large saved log and read #1 saw the timeline leave
 * the first page for the newest as they came in.
 */
export function readSeq(reading: LogReading): number | null {
  if (reading.selectedSeq !== null) return reading.selectedSeq;
  if (reading.following === true) return null;
  return reading.scrolledSeq ?? (reading.following === false ? LOG_START : null);
}

export function openingRange(
  model: TimelineModel,
  reading: LogReading,
  toNewest = false,
): TimeRange {
  const loaded = model.loadedAround(readSeq(reading));
  return activityRange(
    model.extents(loaded),
    Math.max(model.minTime, loaded.from),
    Math.min(model.maxTime, loaded.to),
    toNewest,
  );
}
