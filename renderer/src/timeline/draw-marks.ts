/**
 * The lanes' point marks: read-data ticks, device arrivals and removals, notifications, backend
 * status, error records, completions no request matched. Each looks as the shared description
 * says (shared/request/mark-looks.ts POINT_LOOKS), which the report draws by too. Apart from the
 * spans because they are drawn differently (many ticks gathered in one path, the others kind by
 * kind, the rare ones on top) and found by their own binary search over times, segment by
 * segment (./segments.ts): a lane's marks are in the order their rows came,
 * which is not time's after the recording machine's clock was set back. Like the spans, a lane
 * whose marks in view are denser than pixels is drawn from a per-pixel summary of them
 * (./mark-columns.ts), so its cost follows the screen's width, not the number of marks.
 */
import { POINT_LOOKS, POINT_RADIUS, RING_WIDTH } from '../../../shared/request/mark-looks';
import type { DenseRaster } from './draw-dense';
import { LABEL_WIDTH, xOf, type Viewport } from './geometry';
import { KIND_BIT, markColumnsOf } from './mark-columns';
import type { Palette } from './palette';
import { firstIndex, segmentsOf } from './segments';
import type { MarkKind, TimelineMark } from './timeline-lanes';

type Ctx = CanvasRenderingContext2D;

/**
 * The order the shapes are drawn in, each kind over the ones before it: the common ones first,
 * and last the rare ones a technician looks for (a device removed, the backend gone), so no
 * number of notifications, arrivals or statuses drawn around one ever covers it. Read ticks sit
 * above the bar, apart from every shape.
 */
const DRAW_ORDER: readonly Exclude<MarkKind, 'read'>[] = [
  'notification',
  'unmatched',
  'backend',
  'arrival',
  'removal',
  'backend-down',
  'error',
];

/** Which of two marks under the pointer is drawn on top: a higher rank (reads lowest). */
export function markRank(kind: MarkKind): number {
  return kind === 'read' ? -1 : DRAW_ORDER.indexOf(kind);
}

/**
 * A lane whose marks in view are closer together than this many pixels on average is drawn from
 * its mark columns (./mark-columns.ts): a shape per run of columns, not per mark.
 */
const SPARSE_PX = 2;

/**
 * In a lane drawn from columns, columns of a kind this few pixels apart or closer go in one shape,
 * stretched from the first to the last: what the shapes drawn one by one would have covered.
 */
const MERGE_GAP = 3;

/**
 * Whether a lane's marks in view are denser than SPARSE_PX over `plot` pixels: drawn from its mark
 * columns (and told by the pointer as a tally of them, ./hit-test.ts).
 */
export function marksDense(marks: readonly TimelineMark[], view: Viewport, plot: number): boolean {
  return marksInView(marks, view) * SPARSE_PX > plot;
}

/**
 * Read-data ticks go in one path, one per pixel column (unless `reads` is false: the dense image
 * holds them); the others in DRAW_ORDER, each kind over the ones before it. Where the marks in
 * view are denser than pixels, from the lane's mark columns: a frame then fills at most a shape a
 * kind per few columns, whatever the number of marks.
 */
export function drawMarks(
  ctx: Ctx,
  marks: readonly TimelineMark[],
  view: Viewport,
  mid: number,
  palette: Palette,
  reads: boolean,
): void {
  if (marks.length === 0) return;
  const plot = view.width - LABEL_WIDTH;
  if (marksDense(marks, view, plot)) {
    drawColumns(ctx, markColumnsOf(marks, view, plot), mid, palette, reads);
    return;
  }
  const segments = segmentsOf(marks);
  let kinds = 0;
  let ticks = false;
  ctx.beginPath();
  for (let g = 0; g < segments.count; g++) {
    let lastPx = -1;
    const to = segments.to(g);
    for (let k = firstMark(marks, view.t0, g); k < to; k++) {
      const mark = marks[k];
      if (!mark || mark.t > view.t1) break;
      kinds |= KIND_BIT[mark.kind];
      if (mark.kind !== 'read' || !reads) continue;
      const px = Math.round(xOf(view, mark.t));
      if (px === lastPx) continue;
      lastPx = px;
      // Axis-aligned 1 px rectangles, filled once: much cheaper to raster than stroked lines.
      ctx.rect(px, mid - 11, 1, 4);
      ticks = true;
    }
  }
  if (ticks) {
    ctx.fillStyle = palette.read;
    ctx.fill();
  }
  // The others kind by kind, the rare ones last: a pass over the few marks in view for each kind.
  for (const kind of DRAW_ORDER) {
    if ((kinds & KIND_BIT[kind]) === 0) continue;
    for (let g = 0; g < segments.count; g++) {
      const to = segments.to(g);
      for (let k = firstMark(marks, view.t0, g); k < to; k++) {
        const mark = marks[k];
        if (!mark || mark.t > view.t1) break;
        if (mark.kind === kind) drawMark(ctx, kind, xOf(view, mark.t), mid, palette);
      }
    }
  }
}

/**
 * Paints a lane's read ticks into the dense lanes' image: from its mark columns, one per column
 * holding read data, where its marks in view are denser than pixels; else mark by mark, segment
 * by segment.
 */
export function rasterTicks(
  raster: DenseRaster,
  marks: readonly TimelineMark[],
  view: Viewport,
  scale: number,
  mid: number,
  palette: Palette,
): void {
  const plot = view.width - LABEL_WIDTH;
  if (!marksDense(marks, view, plot)) {
    const segments = segmentsOf(marks);
    for (let g = 0; g < segments.count; g++)
      raster.ticks(marks, firstMark(marks, view.t0, g), view, scale, mid, palette, segments.to(g));
    return;
  }
  const columns = markColumnsOf(marks, view, plot);
  let n = 0;
  for (let c = 0; c < columns.length; c++) {
    if (((columns[c] ?? 0) & KIND_BIT.read) === 0) continue;
    // One read mark at the column's left edge stands for every read mark in the column.
    const tick = (TICKS[n] ??= { kind: 'read', t: 0, seq: 0, text: '' });
    tick.t = view.t0 + c / scale;
    n++;
  }
  raster.ticks(TICKS, 0, view, scale, mid, palette, n);
}

/** The read marks standing for columns of read data, reused frame after frame. */
const TICKS: TimelineMark[] = [];

/** Paints a lane's marks from its columns (KIND_BIT masks, one per plot column). */
function drawColumns(ctx: Ctx, columns: Uint8Array, mid: number, palette: Palette, reads: boolean) {
  const width = columns.length;
  if (reads) {
    ctx.beginPath();
    let any = false;
    for (let c = 0; c < width; c++) {
      if (((columns[c] ?? 0) & KIND_BIT.read) === 0) continue;
      ctx.rect(LABEL_WIDTH + c, mid - 11, 1, 4);
      any = true;
    }
    if (any) {
      ctx.fillStyle = palette.read;
      ctx.fill();
    }
  }
  for (const kind of DRAW_ORDER) {
    const bit = KIND_BIT[kind];
    ctx.beginPath();
    const runs: number[] = [];
    for (let c = 0; c < width; c++) {
      if (((columns[c] ?? 0) & bit) === 0) continue;
      // A run: on while the next column of the kind is at most MERGE_GAP columns on.
      let last = c;
      for (let k = c + 1; k < width && k - last <= MERGE_GAP; k++)
        if (((columns[k] ?? 0) & bit) !== 0) last = k;
      stretched(ctx, kind, LABEL_WIDTH + c + 0.5, LABEL_WIDTH + last + 0.5, mid);
      runs.push(LABEL_WIDTH + (c + last) / 2 + 0.5);
      c = last;
    }
    if (runs.length === 0) continue;
    paint(ctx, kind, palette);
    // A badge's symbol once a run, in its middle: the run reads as the kind it is.
    if (POINT_LOOKS[kind].paint === 'badge')
      for (const x of runs) glyph(ctx, kind, x, mid, palette);
  }
}

/** A kind's colour: the shared description's role (palette.ts reads each role's variable). */
function colourOf(kind: Exclude<MarkKind, 'read'>, palette: Palette): string {
  switch (kind) {
    case 'arrival':
      return palette.arrival;
    case 'removal':
    case 'backend-down':
      return palette.removal;
    case 'error':
      return palette.error;
    case 'unmatched':
      return palette.unmatched;
    default:
      return palette.backend;
  }
}

/**
 * Paints the current path as the kind's look says: filled in its colour; a ring hollow (the
 * background inside, so a bar under it does not fill it in) and outlined in it.
 */
function paint(ctx: Ctx, kind: Exclude<MarkKind, 'read'>, palette: Palette) {
  const colour = colourOf(kind, palette);
  const ring = POINT_LOOKS[kind].paint === 'ring';
  ctx.fillStyle = ring ? palette.bg : colour;
  ctx.fill();
  if (!ring) return;
  ctx.strokeStyle = colour;
  ctx.lineWidth = RING_WIDTH;
  ctx.stroke();
}

/**
 * A badge's symbol ("!") on its disc at `x`, in the background's colour: white on the light
 * theme's red, as the report draws it, and dark on the dark theme's lighter red, where white
 * would not stand out.
 */
function glyph(
  ctx: Ctx,
  kind: Exclude<MarkKind, 'read'>,
  x: number,
  mid: number,
  palette: Palette,
) {
  ctx.save();
  ctx.fillStyle = palette.bg;
  ctx.font = 'bold 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(POINT_LOOKS[kind].symbol, x, mid + 0.5);
  ctx.restore();
}

/** A disc of radius `r` stretched from x0 to x1 (a disc where they meet), as one subpath. */
function capsule(ctx: Ctx | Path2D, x0: number, x1: number, mid: number, r: number): void {
  ctx.moveTo(x0, mid - r);
  ctx.lineTo(x1, mid - r);
  ctx.arc(x1, mid, r, -Math.PI / 2, Math.PI / 2);
  ctx.lineTo(x0, mid + r);
  ctx.arc(x0, mid, r, Math.PI / 2, (3 * Math.PI) / 2);
}

/**
 * A kind's shape (as drawMark draws it) stretched from x0 to x1: what its shapes at every column
 * between cover, as one subpath of the current path, all of a kind turning the same way (so a
 * nonzero fill paints their union).
 */
function stretched(
  ctx: Ctx,
  kind: Exclude<MarkKind, 'read'>,
  x0: number,
  x1: number,
  mid: number,
): void {
  if (kind === 'arrival') {
    ctx.moveTo(x0, mid - 7);
    ctx.lineTo(x1, mid - 7);
    ctx.lineTo(x1 + 7, mid + 6);
    ctx.lineTo(x0 - 7, mid + 6);
  } else if (kind === 'removal') {
    ctx.moveTo(x0 - 7, mid - 6);
    ctx.lineTo(x1 + 7, mid - 6);
    ctx.lineTo(x1, mid + 7);
    ctx.lineTo(x0, mid + 7);
  } else if (kind === 'notification') {
    capsule(ctx, x0, x1, mid, 5);
  } else if (kind === 'error') {
    capsule(ctx, x0, x1, mid, POINT_RADIUS.badge);
  } else if (kind === 'unmatched') {
    capsule(ctx, x0, x1, mid, POINT_RADIUS.ring);
  } else {
    ctx.moveTo(x0, mid - 7);
    ctx.lineTo(x1, mid - 7);
    ctx.lineTo(x1 + 6, mid);
    ctx.lineTo(x1, mid + 7);
    ctx.lineTo(x0, mid + 7);
    ctx.lineTo(x0 - 6, mid);
  }
  ctx.closePath();
}

/** How many marks of a lane are in view (two binary searches a segment). */
export function marksInView(marks: readonly TimelineMark[], view: Viewport): number {
  const segments = segmentsOf(marks);
  let count = 0;
  for (let g = 0; g < segments.count; g++)
    count += firstMark(marks, view.t1 + 1e-6, g) - firstMark(marks, view.t0, g);
  return count;
}

/** Index of the first mark of segment `g` of `marks` at or after `t0` (its end when none). */
export function firstMark(marks: readonly TimelineMark[], t0: number, g: number): number {
  const segments = segmentsOf(marks);
  return firstIndex((i) => marks[i]?.t ?? 0, segments.from(g), segments.to(g), t0, false);
}

function drawMark(ctx: Ctx, kind: MarkKind, x: number, mid: number, palette: Palette): void {
  // Its own path, so the read ticks gathered around it are not filled with it: the context's,
  // begun again, not a Path2D. A Path2D a mark a frame held its native memory until the
  // collector ran, which a small JS heap rarely asks for: panning a fast live log at two
  // seconds in view, the page grew by 75 MB (bench/timeline.ts, 450,000 marks).
  ctx.beginPath();
  if (kind === 'arrival') {
    ctx.fillStyle = palette.arrival;
    ctx.moveTo(x, mid - 7);
    ctx.lineTo(x + 7, mid + 6);
    ctx.lineTo(x - 7, mid + 6);
  } else if (kind === 'removal') {
    ctx.fillStyle = palette.removal;
    ctx.moveTo(x, mid + 7);
    ctx.lineTo(x + 7, mid - 6);
    ctx.lineTo(x - 7, mid - 6);
  } else if (kind === 'notification') {
    // A circle on the service's lane: told unasked, so unlike any request's bar.
    ctx.fillStyle = palette.backend;
    ctx.arc(x, mid, 5, 0, 2 * Math.PI);
  } else if (kind === 'error' || kind === 'unmatched') {
    // An error's badge (a disc, its "!" on it) or an unmatched completion's hollow ring.
    const look = POINT_LOOKS[kind];
    ctx.arc(x, mid, POINT_RADIUS[look.paint], 0, 2 * Math.PI);
    ctx.closePath();
    paint(ctx, kind, palette);
    if (look.paint === 'badge') glyph(ctx, kind, x, mid, palette);
    return;
  } else {
    // Unavailable in the removal's red: a service gone drew like one come back, and the lane of
    // an outage read as five alike diamonds.
    ctx.fillStyle = kind === 'backend-down' ? palette.removal : palette.backend;
    ctx.moveTo(x, mid - 7);
    ctx.lineTo(x + 6, mid);
    ctx.lineTo(x, mid + 7);
    ctx.lineTo(x - 6, mid);
  }
  ctx.closePath();
  ctx.fill();
}
