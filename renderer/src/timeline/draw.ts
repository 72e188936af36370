/**
 * Paints the timeline on a 2D canvas. Pure: the model, what part of time is on screen and the
 * colours go in; nothing is kept between frames, so the benchmark can call it exactly as the view
 * does. Stretches of the log the window does not hold are shaded first (`draw-not-loaded.ts`).
 * Only spans that overlap the visible time range are visited (binary search by start). A
 * lane whose spans in view are denser than pixels is drawn from its per-pixel summary
 * (`draw-dense.ts`), so its cost follows the screen's width, not the number of requests; the
 * others are drawn span by span (`draw-spans.ts`), reading the lane's typed-array columns, not
 * objects. Point marks likewise: a lane's marks in view denser than pixels are drawn from which
 * kinds each pixel column holds (`draw-marks.ts`, `mark-columns.ts`), the rare kinds on top. This file only orders the layers of a frame: backgrounds, spans, marks, the waiting
 * spans, the selection, then the frame around the plot (`draw-frame.ts`): the lanes' labels, and
 * the time axis last, over the lanes scrolled beneath it.
 */
import { DenseRaster } from './draw-dense';
import { drawAxis, drawGrid, drawLabels, drawPinnedDevice } from './draw-frame';
import { drawNotLoaded } from './draw-not-loaded';
import { drawMarks, marksInView, rasterTicks } from './draw-marks';
import { drawBoxes, drawSelection, drawSparse } from './draw-spans';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT, xOf, type Viewport } from './geometry';
import { isDense } from './column-masks';
import type { Palette } from './palette';
import type { TimelineModel, TimelineSpan } from './timeline-model';

/** A lane with more marks than this in view has its read ticks painted as pixels. */
const TICKS_AS_PIXELS = 256;

/** The dense lanes' image, kept between frames only to reuse its memory. */
const RASTER = new DenseRaster();

export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  model: TimelineModel,
  view: Viewport,
  palette: Palette,
  selected: TimelineSpan | null,
): number {
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, view.width, view.height);
  const lanes = model.orderedLanes();
  let drawn = 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_WIDTH, 0, view.width - LABEL_WIDTH, view.height);
  ctx.clip();
  drawGrid(ctx, view, palette);
  const plot = view.width - LABEL_WIDTH;
  const scale = plot / (view.t1 - view.t0);
  // Lane backgrounds first: dense lanes are one image laid over them, marks go on top.
  lanes.forEach((_, i) => {
    if (i % 2 === 0) return;
    ctx.fillStyle = palette.laneAlt;
    ctx.fillRect(LABEL_WIDTH, AXIS_HEIGHT + i * LANE_HEIGHT, plot, LANE_HEIGHT);
  });
  drawNotLoaded(ctx, model.notLoaded, view, lanes.length, palette);
  const raster = DenseRaster.available() ? RASTER : null;
  raster?.begin(plot, lanes.length * LANE_HEIGHT);
  lanes.forEach((lane, i) => {
    const mid = i * LANE_HEIGHT + LANE_HEIGHT / 2;
    if (raster && isDense(lane.columns, view.t0, view.t1, plot))
      drawn += raster.lane(lane, view, mid, palette);
    else drawn += drawSparse(ctx, lane.columns, view, scale, AXIS_HEIGHT + mid, palette);
    // Many read ticks go into the image as pixels: as paths, a few thousand of them cost the
    // rasterizer more than the rest of the frame.
    if (raster && marksInView(lane.marks, view) > TICKS_AS_PIXELS)
      rasterTicks(raster, lane.marks, view, scale, mid, palette);
  });
  raster?.finish(ctx, LABEL_WIDTH, AXIS_HEIGHT);
  lanes.forEach((lane, i) => {
    const reads = !raster || marksInView(lane.marks, view) <= TICKS_AS_PIXELS;
    drawMarks(
      ctx,
      lane.marks,
      view,
      AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2,
      palette,
      reads,
    );
  });
  const index = new Map(lanes.map((lane, i) => [lane, i]));
  for (const span of model.waiting()) {
    if (span.start > view.t1) continue;
    const i = index.get(span.lane) ?? 0;
    const x0 = xOf(view, span.start);
    const x1 = Math.max(xOf(view, span.cutAt ?? model.maxTime), x0 + 2);
    drawBoxes(
      ctx,
      span.cls,
      [x0, x1 - x0],
      AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2,
      palette,
    );
    drawn++;
  }
  if (selected) drawSelection(ctx, view, model, selected, index.get(selected.lane) ?? 0, palette);
  ctx.restore();
  drawLabels(ctx, lanes, view, palette);
  drawPinnedDevice(ctx, lanes, view, palette);
  drawAxis(ctx, view, palette);
  return drawn;
}
