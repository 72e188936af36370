/**
 * Paints the timeline on a 2D canvas. Pure: the model, what part of time is on screen and the
 * colours go in; nothing is kept between frames, so the benchmark can call it exactly as the view
 * does. Only spans that overlap the visible time range are visited (binary search by start). A
 * lane whose spans in view are denser than pixels is drawn from its per-pixel summary
 * (`draw-dense.ts`), so its cost follows the screen's width, not the number of requests; the
 * others are drawn span by span, reading the lane's typed-array columns, not objects.
 *
 * Outcomes differ by shape as well as colour (the shared marks, `shared/request/marks.ts`):
 * succeeded is a solid bar; failed a solid bar with a tall end bar; refused a diamond; still
 * waiting an outline open to the right; overdue hatched; late hatched with a solid end; abandoned
 * a dashed outline ending in a cross.
 */
import { REQUEST_OUTCOMES } from '../../../shared/request/outcome';
import { spanMark, type SpanMark } from '../../../shared/request/marks';
import { formatTimestamp } from '../../../shared/time';
import { DenseRaster } from './draw-dense';
import { LONG, type SpanColumns } from './span-columns';
import { isDense } from './column-masks';
import type { TimelineMark, TimelineModel, TimelineSpan } from './timeline-model';

export const LANE_HEIGHT = 28;
export const AXIS_HEIGHT = 24;
export const LABEL_WIDTH = 190;
const BAR = 12;
/** The mark of each outcome, by its index in REQUEST_OUTCOMES (the byte the columns store). */
const MARKS: readonly SpanMark[] = REQUEST_OUTCOMES.map(spanMark);
/** A lane with more marks than this in view has its read ticks painted as pixels. */
const TICKS_AS_PIXELS = 256;
/** Spans narrower than this many pixels merge with a touching neighbour of the same outcome. */
const NARROW = 3;

export interface Viewport {
  /** Visible time range, wall-clock ms. */
  t0: number;
  t1: number;
  /** CSS pixels. */
  width: number;
  height: number;
}

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

type Ctx = CanvasRenderingContext2D;

/** Hatch patterns by colour and background, made once: not one tile canvas per frame. */
/** The dense lanes' image, kept between frames only to reuse its memory. */
const RASTER = new DenseRaster();

const HATCHES = new Map<string, CanvasPattern | string>();

function xOf(view: Viewport, t: number): number {
  const plot = view.width - LABEL_WIDTH;
  return LABEL_WIDTH + ((t - view.t0) / (view.t1 - view.t0)) * plot;
}

export function timeAt(view: Viewport, x: number): number {
  const plot = view.width - LABEL_WIDTH;
  return view.t0 + ((x - LABEL_WIDTH) / plot) * (view.t1 - view.t0);
}

export function drawTimeline(
  ctx: Ctx,
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
  drawAxis(ctx, view, palette);
  const hatches = HATCHES;
  const plot = view.width - LABEL_WIDTH;
  const scale = plot / (view.t1 - view.t0);
  // Lane backgrounds first: dense lanes are one image laid over them, marks go on top.
  lanes.forEach((_, i) => {
    if (i % 2 === 0) return;
    ctx.fillStyle = palette.laneAlt;
    ctx.fillRect(LABEL_WIDTH, AXIS_HEIGHT + i * LANE_HEIGHT, plot, LANE_HEIGHT);
  });
  const raster = DenseRaster.available() ? RASTER : null;
  raster?.begin(plot, lanes.length * LANE_HEIGHT);
  lanes.forEach((lane, i) => {
    const mid = i * LANE_HEIGHT + LANE_HEIGHT / 2;
    if (raster && isDense(lane.columns, view.t0, view.t1, plot))
      drawn += raster.lane(lane, view, mid, palette);
    else drawn += drawSparse(ctx, lane.columns, view, scale, AXIS_HEIGHT + mid, palette, hatches);
    // Many read ticks go into the image as pixels: as paths, a few thousand of them cost the
    // rasterizer more than the rest of the frame.
    if (raster && marksInView(lane.marks, view) > TICKS_AS_PIXELS)
      raster.ticks(lane.marks, firstMark(lane.marks, view.t0), view, scale, mid, palette);
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
    const x1 = Math.max(xOf(view, model.maxTime), x0 + 2);
    drawBoxes(
      ctx,
      span.cls,
      [x0, x1 - x0],
      AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2,
      palette,
      hatches,
    );
    drawn++;
  }
  if (selected) drawSelection(ctx, view, model, selected, index.get(selected.lane) ?? 0, palette);
  ctx.restore();
  drawLabels(ctx, lanes, view, palette);
  return drawn;
}

/** A lane whose spans in view are far enough apart to be seen one by one, each in its shape. */
function drawSparse(
  ctx: Ctx,
  columns: SpanColumns,
  view: Viewport,
  scale: number,
  mid: number,
  palette: Palette,
  hatches: Map<string, CanvasPattern | string>,
): number {
  const boxes: Record<SpanMark, number[]> = {
    ok: [],
    failed: [],
    refused: [],
    waiting: [],
    overdue: [],
    late: [],
    abandoned: [],
  };
  const { offset, outcome, origin } = columns;
  const short = columns.durations.short;
  let drawn = 0;
  for (let k = columns.firstVisible(view.t0); k < columns.length; k++) {
    const s = origin + (offset[k] ?? 0);
    if (s > view.t1) break;
    let d = short[k] ?? 0;
    if (d >= LONG) d = columns.durationAt(k);
    // Still waiting: drawn up to the newest time, with the others still waiting.
    if (Number.isNaN(d) || s + d < view.t0) continue;
    const x0 = LABEL_WIDTH + (s - view.t0) * scale;
    const w = Math.max(d * scale, 2);
    const list = boxes[MARKS[outcome[k] ?? 0] ?? 'waiting'];
    // Narrow spans that touch the previous box of their class extend it instead of adding one.
    const last = list.length - 2;
    if (w < NARROW && last >= 0) {
      const end = (list[last] ?? 0) + (list[last + 1] ?? 0);
      if (x0 <= end + 1) {
        list[last + 1] = Math.max(end, x0 + w) - (list[last] ?? 0);
        continue;
      }
    }
    list.push(x0, w);
    drawn++;
  }
  for (const cls of Object.keys(boxes) as SpanMark[])
    drawBoxes(ctx, cls, boxes[cls], mid, palette, hatches);
  return drawn;
}

function drawBoxes(
  ctx: Ctx,
  cls: SpanMark,
  boxes: number[],
  mid: number,
  palette: Palette,
  hatches: Map<string, CanvasPattern | string>,
): void {
  if (boxes.length === 0) return;
  const colour = palette.cls[cls];
  const top = mid - BAR / 2;
  const hollow = cls === 'waiting' || cls === 'abandoned';
  const hatched = cls === 'overdue' || cls === 'late';
  ctx.beginPath();
  for (let i = 0; i < boxes.length; i += 2) ctx.rect(boxes[i] ?? 0, top, boxes[i + 1] ?? 0, BAR);
  if (hatched) {
    ctx.fillStyle = hatch(ctx, colour, palette.bg, hatches);
    ctx.fill();
  } else if (!hollow) {
    ctx.fillStyle = colour;
    ctx.fill();
  }
  // A solid bar needs no outline of its own colour: stroking only the outlined styles halves
  // the raster work of the common case.
  if (hollow || hatched) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(cls === 'abandoned' ? [4, 3] : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // End markers, only where a span is wide enough for them to read as part of it.
  if (cls === 'ok' || cls === 'overdue') return;
  ctx.beginPath();
  for (let i = 0; i < boxes.length; i += 2) {
    const w = boxes[i + 1] ?? 0;
    if (w < 3 && cls !== 'refused') continue;
    const x = (boxes[i] ?? 0) + w;
    if (cls === 'failed' || cls === 'late') {
      ctx.moveTo(x, top - 4);
      ctx.lineTo(x, top + BAR + 4);
    } else if (cls === 'refused') {
      // A diamond where the call was refused: it ended before it began.
      const left = boxes[i] ?? 0;
      ctx.moveTo(left, top - 3);
      ctx.lineTo(left + 5, mid);
      ctx.lineTo(left, top + BAR + 3);
      ctx.lineTo(left - 5, mid);
      ctx.closePath();
    } else if (cls === 'abandoned') {
      ctx.moveTo(x - 4, top - 3);
      ctx.lineTo(x + 4, top + BAR + 3);
      ctx.moveTo(x + 4, top - 3);
      ctx.lineTo(x - 4, top + BAR + 3);
    } else {
      ctx.moveTo(x - 4, top);
      ctx.lineTo(x + 2, mid);
      ctx.lineTo(x - 4, top + BAR);
    }
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 3;
  ctx.stroke();
}

function hatch(
  ctx: Ctx,
  colour: string,
  bg: string,
  cache: Map<string, CanvasPattern | string>,
): CanvasPattern | string {
  const key = `${colour}|${bg}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let pattern: CanvasPattern | string = colour;
  if (typeof OffscreenCanvas !== 'undefined') {
    const tile = new OffscreenCanvas(6, 6);
    const t = tile.getContext('2d');
    if (t) {
      t.fillStyle = bg;
      t.fillRect(0, 0, 6, 6);
      t.strokeStyle = colour;
      t.lineWidth = 2;
      t.beginPath();
      t.moveTo(-1, 7);
      t.lineTo(7, -1);
      t.moveTo(5, 7);
      t.lineTo(7, 5);
      t.moveTo(-1, 1);
      t.lineTo(1, -1);
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat') ?? colour;
    }
  }
  cache.set(key, pattern);
  return pattern;
}

/**
 * Read-data ticks go in one path, one per pixel column (unless `reads` is false: the dense image
 * holds them); the rare others are drawn one by one.
 */
function drawMarks(
  ctx: Ctx,
  marks: readonly TimelineMark[],
  view: Viewport,
  mid: number,
  palette: Palette,
  reads: boolean,
): void {
  if (marks.length === 0) return;
  ctx.beginPath();
  let lastPx = -1;
  for (let k = firstMark(marks, view.t0); k < marks.length; k++) {
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
  ctx.fillStyle = palette.read;
  ctx.fill();
}

/** How many marks of a lane are in view (two binary searches). */
function marksInView(marks: readonly TimelineMark[], view: Viewport): number {
  return marks.length === 0 ? 0 : firstMark(marks, view.t1 + 1e-6) - firstMark(marks, view.t0);
}

function firstMark(marks: readonly TimelineMark[], t0: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((marks[mid]?.t ?? 0) < t0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
    ctx.fillStyle = palette.backend;
    shape.moveTo(x, mid - 7);
    shape.lineTo(x + 6, mid);
    shape.lineTo(x, mid + 7);
    shape.lineTo(x - 6, mid);
  }
  shape.closePath();
  ctx.fill(shape);
}

function drawSelection(
  ctx: Ctx,
  view: Viewport,
  model: TimelineModel,
  span: TimelineSpan,
  laneIndex: number,
  palette: Palette,
): void {
  const end = Number.isNaN(span.end) ? model.maxTime : span.end;
  const x0 = xOf(view, span.start);
  const x1 = Math.max(xOf(view, end), x0 + 2);
  const mid = AXIS_HEIGHT + laneIndex * LANE_HEIGHT + LANE_HEIGHT / 2;
  ctx.strokeStyle = palette.focus;
  ctx.lineWidth = 3;
  ctx.setLineDash([]);
  ctx.strokeRect(x0 - 3, mid - BAR / 2 - 4, x1 - x0 + 6, BAR + 8);
}

function drawAxis(ctx: Ctx, view: Viewport, palette: Palette): void {
  const step = niceStep((view.t1 - view.t0) / Math.max(1, (view.width - LABEL_WIDTH) / 120));
  ctx.fillStyle = palette.muted;
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.beginPath();
  for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
    const x = Math.round(xOf(view, t)) + 0.5;
    ctx.moveTo(x, AXIS_HEIGHT - 4);
    ctx.lineTo(x, view.height);
    ctx.fillText(tickLabel(t, step), x + 3, AXIS_HEIGHT / 2);
  }
  ctx.stroke();
}

function drawLabels(
  ctx: Ctx,
  lanes: ReturnType<TimelineModel['orderedLanes']>,
  view: Viewport,
  palette: Palette,
): void {
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, LABEL_WIDTH, view.height);
  ctx.textBaseline = 'middle';
  lanes.forEach((lane, i) => {
    const mid = AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2;
    const service = lane.kind === 'service';
    ctx.font = service ? '12px system-ui, sans-serif' : 'bold 12px system-ui, sans-serif';
    ctx.fillStyle = service ? palette.text : palette.muted;
    const label = service
      ? lane.label
      : lane.kind === 'device'
        ? `Device: ${lane.label}`
        : lane.label;
    ctx.fillText(fit(ctx, label, LABEL_WIDTH - (service ? 22 : 10)), service ? 18 : 6, mid);
  });
  // The axis's ticks are local times: its date and zone, once, beside them.
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = palette.muted;
  ctx.fillText(axisDate(view.t0), 6, AXIS_HEIGHT / 2);
  ctx.strokeStyle = palette.grid;
  ctx.beginPath();
  ctx.moveTo(LABEL_WIDTH - 0.5, 0);
  ctx.lineTo(LABEL_WIDTH - 0.5, view.height);
  ctx.stroke();
}

function fit(ctx: Ctx, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000,
  300_000, 600_000, 1_800_000, 3_600_000,
];

function niceStep(raw: number): number {
  return STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 3_600_000) * 3_600_000;
}

/** "2026-11-29, UTC+01:00": the date and zone of the axis's local times. */
function axisDate(t: number): string {
  const [date = '', , zone = ''] = formatTimestamp(new Date(t).toISOString(), 'local').split(' ');
  return `${date}, UTC${zone === 'Z' ? '' : zone}`;
}

function tickLabel(t: number, step: number): string {
  const d = new Date(t);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return step < 1000 ? `${hms}.${pad(d.getMilliseconds(), 3)}` : hms;
}
