/**
 * The stretches of time the window holds no rows of (a saved log's newest rows, and the rows a
 * jump brought in, with the rest of the file between): shaded across every lane and named, so an
 * empty stretch of lanes never reads as a stretch with no traffic. Drawn under the spans.
 */
import { NOT_LOADED } from '../../../shared/log-window';
import { AXIS_HEIGHT, LABEL_WIDTH, xOf, type Viewport } from './geometry';
import type { Palette } from './palette';
import type { NotLoaded } from './timeline-model';

export function drawNotLoaded(
  ctx: CanvasRenderingContext2D,
  stretches: readonly Pick<NotLoaded, 'from' | 'to'>[],
  view: Viewport,
  laneCount: number,
  palette: Palette,
): void {
  if (stretches.length === 0) return;
  const top = AXIS_HEIGHT;
  const height = Math.max(0, view.height - AXIS_HEIGHT);
  ctx.save();
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const stretch of stretches) {
    if (stretch.to < view.t0 || stretch.from > view.t1) continue;
    const x0 = Math.max(LABEL_WIDTH, xOf(view, stretch.from));
    const x1 = Math.min(view.width, xOf(view, stretch.to));
    if (x1 - x0 < 1) continue;
    ctx.fillStyle = palette.grid;
    ctx.globalAlpha = 0.45;
    ctx.fillRect(x0, top, x1 - x0, height);
    // Diagonal lines, as the legend's swatch: shading alone reads as one more lane colour.
    ctx.globalAlpha = 1;
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let x = x0 - height; x < x1; x += 8) {
      ctx.moveTo(Math.max(x, x0), top + Math.max(0, x0 - x));
      const endX = Math.min(x + height, x1);
      ctx.lineTo(endX, top + (endX - x));
    }
    ctx.stroke();
    // The word in the stretch, where it is wide enough for it; the legend says the rest.
    if (x1 - x0 >= ctx.measureText(NOT_LOADED).width + 12 && laneCount > 0) {
      ctx.fillStyle = palette.muted;
      ctx.fillText(NOT_LOADED, (x0 + x1) / 2, top + 3);
    }
  }
  ctx.restore();
}
