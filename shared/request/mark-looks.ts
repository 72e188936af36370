/**
 * What each outcome's mark looks like — its fill, outline, end symbol and colour — for the
 * window's timeline (canvas and legend) and the HTML report's (SVG and legend) alike. The two were
 * drawn apart: a dashed outline meant Abandoned in the window and Waiting in the report, and a
 * support engineer reading a technician's report beside the window read one mark two ways. Every
 * mark differs from the others by more than its colour (fill, outline or end symbol), so the
 * marks survive a black-and-white printer and colour-blind readers.
 */
import type { SpanMark } from './marks.js';

/** A mark's colour, by role: the window's `--tl-<role>` variable, the report's `light` colour. */
export type MarkColour = 'ok' | 'failed' | 'pending' | 'overdue' | 'late' | 'abandoned' | 'muted';

interface MarkLook {
  /** A bar from when the request was sent to when it ended, or a diamond where it began. */
  shape: 'bar' | 'diamond';
  fill: 'solid' | 'hatch' | 'none';
  outline: 'none' | 'solid' | 'dashed';
  /** At the bar's end: a tall bar (it ended so), a cross (given up), an arrow (still going). */
  end: 'none' | 'bar' | 'cross' | 'arrow';
  colour: MarkColour;
}

export const MARK_LOOKS: Readonly<Record<SpanMark, MarkLook>> = {
  ok: { shape: 'bar', fill: 'solid', outline: 'none', end: 'none', colour: 'ok' },
  failed: { shape: 'bar', fill: 'solid', outline: 'none', end: 'bar', colour: 'failed' },
  refused: { shape: 'diamond', fill: 'solid', outline: 'none', end: 'none', colour: 'failed' },
  late: { shape: 'bar', fill: 'hatch', outline: 'solid', end: 'bar', colour: 'late' },
  overdue: { shape: 'bar', fill: 'hatch', outline: 'solid', end: 'none', colour: 'overdue' },
  abandoned: { shape: 'bar', fill: 'none', outline: 'dashed', end: 'cross', colour: 'abandoned' },
  waiting: { shape: 'bar', fill: 'none', outline: 'solid', end: 'arrow', colour: 'pending' },
};

/**
 * The colours of the light theme (the report's, on white paper) and the dark one, each checked
 * against its theme's panel colour (3:1 for graphics). timeline.css sets the window's variables
 * to these (a test holds it to them).
 */
export const MARK_COLOURS: Readonly<Record<MarkColour, { light: string; dark: string }>> = {
  ok: { light: '#1a7f37', dark: '#3fb950' },
  failed: { light: '#cf222e', dark: '#ff7b72' },
  pending: { light: '#0969da', dark: '#58a6ff' },
  overdue: { light: '#9a6700', dark: '#d29922' },
  late: { light: '#bc4c00', dark: '#f0883e' },
  abandoned: { light: '#57606a', dark: '#9aa6b2' },
  muted: { light: '#57606a', dark: '#9aa6b2' },
};

/** A point mark's look: its symbol, and how the symbol is painted. */
interface PointLook {
  symbol: string;
  colour: MarkColour;
  /**
   * `symbol`: the symbol itself, in its colour (a triangle, a diamond, a disc). `badge`: a disc
   * in its colour with the symbol white on it. `ring`: a ring in its colour, hollow (the
   * background inside), the symbol showing the ring.
   */
  paint: 'symbol' | 'badge' | 'ring';
}

/**
 * The point marks: a symbol each, in its colour. The backend's two diamonds differ by colour
 * alone, and the title says which; the legend says it too. An error record (in the backend's row)
 * is a red disc with a white "!", unlike the backend's diamonds; a completion no request was
 * waiting for (a duplicate, an unknown request, one after abandoning: "unmatched") is a hollow
 * ring on its service's lane, unlike a notification's filled disc.
 */
export const POINT_LOOKS = {
  arrival: { symbol: '▲', colour: 'ok', paint: 'symbol' },
  removal: { symbol: '▼', colour: 'failed', paint: 'symbol' },
  backend: { symbol: '◆', colour: 'pending', paint: 'symbol' },
  'backend-down': { symbol: '◆', colour: 'failed', paint: 'symbol' },
  notification: { symbol: '●', colour: 'pending', paint: 'symbol' },
  read: { symbol: '╵', colour: 'muted', paint: 'symbol' },
  error: { symbol: '!', colour: 'failed', paint: 'badge' },
  unmatched: { symbol: '○', colour: 'muted', paint: 'ring' },
} as const satisfies Record<string, PointLook>;

/** A badge's disc and a ring's radius (px), in the window's canvas and the report's SVG alike. */
export const POINT_RADIUS = { badge: 7, ring: 4.5 } as const;

/** A ring's stroke (px). */
export const RING_WIDTH = 1.5;

/** The hatch's tile (px): lines rising to the right, `width` wide, on the background. */
export const HATCH = {
  size: 6,
  width: 2,
  /** Each line as [x0, y0, x1, y1]: the tile's diagonal and its two corners, so tiles join. */
  lines: [
    [-1, 7, 7, -1],
    [5, 7, 7, 5],
    [-1, 1, 1, -1],
  ],
} as const;

/** A bar narrower than this (px) has no end symbol: it would read as a mark of its own. */
export const END_MIN_WIDTH = 3;

/** One piece of a mark, in an SVG's terms; colours by role (`MarkColour`), a hatch by its colour. */
export type MarkPart =
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      fill: MarkColour | 'none';
      hatch: boolean;
      stroke: MarkColour | null;
      dash: string | null;
    }
  | { kind: 'path'; d: string; fill: MarkColour | null; stroke: MarkColour | null; width: number };

const n = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * The pieces of a mark drawn from `x`, `width` wide, around `mid`, its bar `height` tall, as the
 * window's canvas draws it (draw-spans.ts): the report's spans and both legends are drawn from
 * these, so each mark reads one way everywhere.
 */
export function markParts(
  mark: SpanMark,
  x: number,
  width: number,
  mid: number,
  height: number,
): MarkPart[] {
  const look = MARK_LOOKS[mark];
  const top = mid - height / 2;
  const bottom = mid + height / 2;
  if (look.shape === 'diamond') {
    // A hairline under the diamond: a run of refusals still shows how far it went.
    const d = `M${n(x)} ${n(top - 3)}L${n(x + 5)} ${n(mid)}L${n(x)} ${n(bottom + 3)}L${n(x - 5)} ${n(mid)}Z`;
    return [
      bar(x, mid - 2, width, 4, look, false),
      { kind: 'path', d, fill: look.colour, stroke: null, width: 0 },
    ];
  }
  const parts: MarkPart[] = [bar(x, top, width, height, look, true)];
  if (look.end === 'none' || width < END_MIN_WIDTH) return parts;
  const e = x + width;
  const d =
    look.end === 'bar'
      ? `M${n(e)} ${n(top - 4)}L${n(e)} ${n(bottom + 4)}`
      : look.end === 'cross'
        ? `M${n(e - 4)} ${n(top - 3)}L${n(e + 4)} ${n(bottom + 3)}M${n(e + 4)} ${n(top - 3)}L${n(e - 4)} ${n(bottom + 3)}`
        : `M${n(e - 4)} ${n(top)}L${n(e + 2)} ${n(mid)}L${n(e - 4)} ${n(bottom)}`;
  parts.push({ kind: 'path', d, fill: null, stroke: look.colour, width: 3 });
  return parts;
}

function bar(
  x: number,
  y: number,
  width: number,
  height: number,
  look: MarkLook,
  outlined: boolean,
): MarkPart {
  return {
    kind: 'rect',
    x,
    y,
    width,
    height,
    fill: look.fill === 'none' ? 'none' : look.colour,
    hatch: look.fill === 'hatch',
    stroke: outlined && look.outline !== 'none' ? look.colour : null,
    dash: outlined && look.outline === 'dashed' ? '4 3' : null,
  };
}

/** The SVG of a mark's parts, colours and hatches named by `paint`: the report's and legends'. */
export function markPartsSvg(
  parts: readonly MarkPart[],
  colour: (c: MarkColour) => string,
  hatchOf: (c: MarkColour) => string,
): string {
  return parts
    .map((p) => {
      if (p.kind === 'path') {
        const fill = p.fill === null ? 'none' : colour(p.fill);
        const stroke =
          p.stroke === null ? '' : ` stroke="${colour(p.stroke)}" stroke-width="${p.width}"`;
        return `<path d="${p.d}" fill="${fill}"${stroke}/>`;
      }
      const fill = p.fill === 'none' ? 'none' : p.hatch ? hatchOf(p.fill) : colour(p.fill);
      const stroke = p.stroke === null ? '' : ` stroke="${colour(p.stroke)}" stroke-width="1.5"`;
      const dash = p.dash === null ? '' : ` stroke-dasharray="${p.dash}"`;
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" fill="${fill}"${stroke}${dash}/>`;
    })
    .join('');
}

/** A hatch tile as an SVG pattern, `id`, lines in `colour` on `background`. */
export function hatchPatternSvg(id: string, colour: string, background: string): string {
  const d = HATCH.lines.map(([x0, y0, x1, y1]) => `M${x0} ${y0}L${x1} ${y1}`).join('');
  return `<pattern id="${id}" width="${HATCH.size}" height="${HATCH.size}" patternUnits="userSpaceOnUse"><rect width="${HATCH.size}" height="${HATCH.size}" fill="${background}"/><path d="${d}" stroke="${colour}" stroke-width="${HATCH.width}"/></pattern>`;
}
