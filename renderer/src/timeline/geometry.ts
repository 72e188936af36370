/**
 * Where things go on the timeline's canvas: the axis row on top, the label column on the left,
 * one row per lane, and time across the plot. Kept apart from the painting so the pointer's hit
 * test and the view's scrolling place things by the same numbers the drawing does.
 */

export const LANE_HEIGHT = 28;
export const AXIS_HEIGHT = 24;
export const LABEL_WIDTH = 190;

export interface Viewport {
  /** Visible time range, wall-clock ms. */
  t0: number;
  t1: number;
  /** CSS pixels. */
  width: number;
  height: number;
  /**
   * Where the time axis is drawn, in CSS pixels from the canvas top: the stage's scroll offset,
   * so the axis stays in sight while the lanes scroll beneath it (0 when they do not scroll).
   */
  axisTop?: number;
  /** The zone the axis reads its times in: the log's (Times: local or UTC). Local when not said. */
  zone?: 'local' | 'utc';
}

/** Where the time axis is drawn (see Viewport.axisTop). */
export function axisTopOf(view: Viewport): number {
  return Math.max(0, Math.min(view.axisTop ?? 0, view.height - AXIS_HEIGHT));
}

export function xOf(view: Viewport, t: number): number {
  const plot = view.width - LABEL_WIDTH;
  return LABEL_WIDTH + ((t - view.t0) / (view.t1 - view.t0)) * plot;
}

export function timeAt(view: Viewport, x: number): number {
  const plot = view.width - LABEL_WIDTH;
  return view.t0 + ((x - LABEL_WIDTH) / plot) * (view.t1 - view.t0);
}
