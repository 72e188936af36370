/**
 * The lanes' point marks: read-data ticks, device arrivals and removals, notifications, backend
 * status. Apart from the spans because they are drawn differently (many ticks gathered in one
 * path, the rare others one by one) and found by their own binary search over times, segment by
 * segment (./segments.ts): a lane's marks are in the order their rows came, which is not time's
 * after the recording machine's clock was set back.
 */
import { xOf, type Viewport } from './geometry';
import type { Palette } from './palette';
import { firstIndex, segmentsOf } from './segments';
import type { TimelineMark } from './timeline-lanes';

type Ctx = CanvasRenderingContext2D;

/**
 * Read-data ticks go in one path, one per pixel column (unless `reads` is false: the dense image
 * holds them); the rare others are drawn one by one.
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
  ctx.beginPath();
  const segments = segmentsOf(marks);
  for (let g = 0; g < segments.count; g++) {
    let lastPx = -1;
    const to = segments.to(g);
    for (let k = firstMark(marks, view.t0, g); k < to; k++) {
      const mark = marks[k];
      if (!mark || mark.t > view.t1) break;
      const x = xOf(view, mark.t);
      if (mark.kind !== 'read') {
        drawMark(ctx, mark.kind, x, mid, palette);
        continue;
      }
      if (!reads) continue;
      const px = Math.round(x);
      if (px === lastPx) continue;
      lastPx = px;
      // Axis-aligned 1 px rectangles, filled once: much cheaper to raster than stroked lines.
      ctx.rect(px, mid - 11, 1, 4);
    }
  }
  ctx.fillStyle = palette.read;
  ctx.fill();
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

function drawMark(ctx: Ctx, kind: string, x: number, mid: number, palette: Palette): void {
  // Its own path, so the read ticks gathered around it are not filled with it.
  const shape = new Path2D();
  if (kind === 'arrival') {
    ctx.fillStyle = palette.arrival;
    shape.moveTo(x, mid - 7);
    shape.lineTo(x + 7, mid + 6);
    shape.lineTo(x - 7, mid + 6);
  } else if (kind === 'removal') {
    ctx.fillStyle = palette.removal;
    shape.moveTo(x, mid + 7);
    shape.lineTo(x + 7, mid - 6);
    shape.lineTo(x - 7, mid - 6);
  } else if (kind === 'notification') {
    // A circle on the service's lane: told unasked, so unlike any request's bar.
    ctx.fillStyle = palette.backend;
    shape.arc(x, mid, 5, 0, 2 * Math.PI);
  } else {
    // Unavailable in the removal's red: a service gone drew like one come back, and the lane of
    // an outage read as five alike diamonds.
    ctx.fillStyle = kind === 'backend-down' ? palette.removal : palette.backend;
    shape.moveTo(x, mid - 7);
    shape.lineTo(x + 6, mid);
    shape.lineTo(x, mid + 7);
    shape.lineTo(x - 6, mid);
  }
  shape.closePath();
  ctx.fill(shape);
}
