/**
 * The timeline's colours, read from the same CSS variables as the rest of the window so it follows
 * the light/dark theme and keeps the contrast chosen there.
 */
import { MARK_LOOKS, POINT_LOOKS, type MarkColour } from '../../../shared/request/mark-looks';
import type { SpanMark } from '../../../shared/request/marks';

const SPAN_MARKS = Object.keys(MARK_LOOKS) as SpanMark[];

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
  error: string;
  unmatched: string;
}

export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string): string => css.getPropertyValue(name).trim() || '#888';
  // A mark's colour role is the window's `--tl-<role>` variable; muted is the window's own.
  const colour = (role: MarkColour): string => v(role === 'muted' ? '--muted' : `--tl-${role}`);
  return {
    bg: v('--panel'),
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--border'),
    focus: v('--focus'),
    laneAlt: v('--row-alt'),
    // Which colour each mark takes is the shared description's (the report draws by it too).
    cls: Object.fromEntries(
      SPAN_MARKS.map((mark) => [mark, colour(MARK_LOOKS[mark].colour)]),
    ) as Record<SpanMark, string>,
    read: colour(POINT_LOOKS.read.colour),
    arrival: colour(POINT_LOOKS.arrival.colour),
    removal: colour(POINT_LOOKS.removal.colour),
    backend: colour(POINT_LOOKS.backend.colour),
    error: colour(POINT_LOOKS.error.colour),
    unmatched: colour(POINT_LOOKS.unmatched.colour),
  };
}
