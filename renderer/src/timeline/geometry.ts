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
}

export function xOf(view: Viewport, t: number): number {
  const plot = view.width - LABEL_WIDTH;
  return LABEL_WIDTH + ((t - view.t0) / (view.t1 - view.t0)) * plot;
}

export function timeAt(view: Viewport, x: number): number {
  const plot = view.width - LABEL_WIDTH;
  return view.t0 + ((x - LABEL_WIDTH) / plot) * (view.t1 - view.t0);
}
