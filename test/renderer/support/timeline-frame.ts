/**
 * A timeline frame for drawing tests: a plot PLOT pixels wide beside the lane labels, and a
 * palette whose colours are their own names, so a recording canvas says what was filled with what.
 */
import { LABEL_WIDTH, type Viewport } from '../../../renderer/src/timeline/geometry';
import type { Palette } from '../../../renderer/src/timeline/palette';

export const PLOT = 1000;

export const PALETTE: Palette = {
  bg: 'bg',
  text: 'text',
  muted: 'muted',
  grid: 'grid',
  focus: 'focus',
  laneAlt: 'lane-alt',
  cls: {
    ok: 'ok',
    failed: 'failed',
    refused: 'refused',
    waiting: 'waiting',
    overdue: 'overdue',
    late: 'late',
    abandoned: 'abandoned',
  },
  read: 'read',
  arrival: 'arrival',
  removal: 'removal',
  backend: 'backend',
  error: 'error',
  unmatched: 'unmatched',
};

/** From `t0` to `t1` across the plot. */
export function view(t0: number, t1: number): Viewport {
  return { t0, t1, width: LABEL_WIDTH + PLOT, height: 400 };
}
