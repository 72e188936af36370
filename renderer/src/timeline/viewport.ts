/** Zoom and pan of the visible time range, as pure functions (unit-tested). */

export interface TimeRange {
  t0: number;
  t1: number;
}

/** Narrowest view: 2 ms across the plot. Widest: a week (the journal rotates long before). */
const MIN_SPAN_MS = 2;
const MAX_SPAN_MS = 7 * 24 * 3600_000;

/** Zooms by `factor` (< 1 zooms in) keeping the time at `anchor` (0..1 across the plot) still. */
export function zoomAt(range: TimeRange, factor: number, anchor: number): TimeRange {
  const span = range.t1 - range.t0;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
  const pivot = range.t0 + span * anchor;
  const t0 = pivot - next * anchor;
  return { t0, t1: t0 + next };
}

/** Moves by a fraction of the visible width (negative: back in time). */
export function panBy(range: TimeRange, fraction: number): TimeRange {
  const shift = (range.t1 - range.t0) * fraction;
  return { t0: range.t0 + shift, t1: range.t1 + shift };
}

/** Everything from the first to the last event, with a little room either side. */
export function fitAll(min: number, max: number): TimeRange {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    const now = Date.now();
    return { t0: now - 60_000, t1: now };
  }
  const span = Math.max(max - min, 1000);
  return { t0: min - span * 0.02, t1: max + span * 0.03 };
}

/** The newest `width` ms, ending a little after the newest event. */
export function followLive(range: TimeRange, max: number): TimeRange {
  const span = range.t1 - range.t0;
  const t1 = max + span * 0.05;
  return { t0: t1 - span, t1 };
}

/**
 * Where the requests are: from the first sent to the last ended (or the newest time, for one still
 * waiting; `toNewest`: to the newest time whatever), with a little room. What the timeline opens
 * on, rather than every event since the run started (a fit-all that left most of the plot empty
 * and requests a pixel wide).
 */
export function activityRange(
  spans: Iterable<{ start: number; end: number }>,
  minTime: number,
  maxTime: number,
  toNewest = false,
): TimeRange {
  let first = Number.POSITIVE_INFINITY;
  let last = toNewest ? maxTime : Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    first = Math.min(first, span.start);
    last = Math.max(last, Number.isNaN(span.end) ? maxTime : span.end);
  }
  if (!Number.isFinite(first) || !Number.isFinite(last)) return fitAll(minTime, maxTime);
  return zoomTo(first, last);
}

/**
 * The narrowest view Zoom to selection gives a request: one that ended as it was sent (refused at
 * once), or whose records share a time, was a sliver in a 2 ms view, its colour hidden under the
 * selection's outline and nothing around it to read it by.
 */
const REQUEST_VIEW_MS = 100;

/** A request's `start`..`end` across the plot, as zoomTo, in at least REQUEST_VIEW_MS. */
export function zoomToRequest(start: number, end: number): TimeRange {
  const view = zoomTo(start, end);
  if (view.t1 - view.t0 >= REQUEST_VIEW_MS) return view;
  const mid = (start + end) / 2;
  return { t0: mid - REQUEST_VIEW_MS / 2, t1: mid + REQUEST_VIEW_MS / 2 };
}

/** `start`..`end` across about 80% of the plot (at least MIN_SPAN_MS wide). */
export function zoomTo(start: number, end: number): TimeRange {
  const span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, (end - start) / 0.8));
  const mid = (start + end) / 2;
  return { t0: mid - span / 2, t1: mid + span / 2 };
}
