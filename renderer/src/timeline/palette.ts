/**
 * The timeline's colours, read from the same CSS variables as the rest of the window so it follows
 * the light/dark theme and keeps the contrast chosen there.
 */
import type { SpanMark } from '../../../shared/request/marks';

export interface Palette {
  bg: string;
  text: string;
  muted: string;
  grid: string;
  focus: string;
  laneAlt: string;
  cls: Record<SpanMark, string>;
  read: string;
  arrival: string;
  removal: string;
  backend: string;
}

export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string): string => css.getPropertyValue(name).trim() || '#888';
  return {
    bg: v('--panel'),
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--border'),
    focus: v('--focus'),
    laneAlt: v('--row-alt'),
    cls: {
      ok: v('--tl-ok'),
      failed: v('--tl-failed'),
      refused: v('--tl-failed'),
      waiting: v('--tl-pending'),
      overdue: v('--tl-overdue'),
      late: v('--tl-late'),
      abandoned: v('--tl-abandoned'),
    },
    read: v('--muted'),
    arrival: v('--tl-ok'),
    removal: v('--tl-failed'),
    backend: v('--tl-pending'),
  };
}
