/**
 * How one request's span is drawn when it can be seen on its own: its outcome as a shape as well
 * as a colour (the shared marks, `shared/request/marks.ts`, drawn as `mark-looks.ts` describes
 * them, as the HTML report draws them too), so outcomes are told apart without
 * colour too: succeeded is a solid bar; failed a solid bar with a tall end bar; refused a diamond;
 * still waiting an outline ending in an arrow; overdue hatched; late hatched with a solid end;
 * abandoned a dashed outline ending in a cross. Apart from the frame's orchestration (`draw.ts`)
 * because the sparse lanes, the waiting spans and the selection all draw these same shapes.
 */
import { REQUEST_OUTCOMES } from '../../../shared/request/outcome';
import { spanMark, type SpanMark } from '../../../shared/request/marks';
import { END_MIN_WIDTH, HATCH, MARK_LOOKS } from '../../../shared/request/mark-looks';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT, xOf, type Viewport } from './geometry';
import type { Palette } from './palette';
import { LONG, type SpanColumns } from './span-columns';
import type { TimelineModel, TimelineSpan } from './timeline-model';

const BAR = 12;
/**
 * A refused call's bar: a hairline under its diamond. It ended as it began, so zoomed in far
 * enough to give its millisecond width, a full bar read as Failed; a run of refusals still shows
 * how far it went.
 */
export const REFUSED_BAR = 4;
/** The mark of each outcome, by its index in REQUEST_OUTCOMES (the byte the columns store). */
const MARKS: readonly SpanMark[] = REQUEST_OUTCOMES.map(spanMark);
/** Spans narrower than this many pixels merge with a touching neighbour of the same outcome. */
const NARROW = 3;

type Ctx = CanvasRenderingContext2D;

/** Hatch patterns by colour and background, made once: not one tile canvas per frame. */
const HATCHES = new Map<string, CanvasPattern | string>();

/**
 * A lane whose spans in view are far enough apart to be seen one by one, each in its shape: those
 * in view of each of its segments (./segments.ts; one, unless its clock was set back).
 */
export function drawSparse(
  ctx: Ctx,
  columns: SpanColumns,
  view: Viewport,
  scale: number,
  mid: number,
  palette: Palette,
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
  const { starts, outcome, origin } = columns;
  const short = columns.durations.short;
  let drawn = 0;
  for (let g = 0; g < columns.segments.count; g++) {
    const to = columns.segments.to(g);
    for (let k = columns.firstVisible(view.t0, g); k < to; k++) {
      const s = origin + starts.at(k);
      if (s > view.t1) break;
      let d = short[k] ?? 0;
      if (d >= LONG) d = columns.durationAt(k);
      // Still waiting: drawn up to the newest time, with the others still waiting.
      if (Number.isNaN(d) || s + d < view.t0) continue;
      const x0 = LABEL_WIDTH + (s - view.t0) * scale;
      const w = Math.max(d * scale, 2);
      const list = boxes[MARKS[outcome[k] ?? 0] ?? 'waiting'];
      // Narrow spans that touch the previous box of their class extend it instead of adding one
      // (not one before it, from an earlier segment's: the box grows only to the right).
      const last = list.length - 2;
      if (w < NARROW && last >= 0) {
        const left = list[last] ?? 0;
        const end = left + (list[last + 1] ?? 0);
        if (x0 >= left && x0 <= end + 1) {
          list[last + 1] = Math.max(end, x0 + w) - left;
          continue;
        }
      }
      list.push(x0, w);
      drawn++;
    }
  }
  for (const cls of Object.keys(boxes) as SpanMark[]) drawBoxes(ctx, cls, boxes[cls], mid, palette);
  return drawn;
}

export function drawBoxes(
  ctx: Ctx,
  cls: SpanMark,
  boxes: number[],
  mid: number,
  palette: Palette,
): void {
  if (boxes.length === 0) return;
  // The mark's fill, outline and end as the report draws them too (shared/request/mark-looks.ts).
  const look = MARK_LOOKS[cls];
  const colour = palette.cls[cls];
  const top = mid - BAR / 2;
  const diamond = look.shape === 'diamond';
  const height = diamond ? REFUSED_BAR : BAR;
  const barTop = mid - height / 2;
  ctx.beginPath();
  for (let i = 0; i < boxes.length; i += 2)
    ctx.rect(boxes[i] ?? 0, barTop, boxes[i + 1] ?? 0, height);
  if (look.fill === 'hatch') {
    ctx.fillStyle = hatch(ctx, colour, palette.bg);
    ctx.fill();
  } else if (look.fill === 'solid') {
    ctx.fillStyle = colour;
    ctx.fill();
  }
  // A solid bar needs no outline of its own colour: stroking only the outlined styles halves
  // the raster work of the common case.
  if (look.outline !== 'none' && !diamond) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(look.outline === 'dashed' ? [4, 3] : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // End markers, only where a span is wide enough for them to read as part of it.
  if (look.end === 'none' && !diamond) return;
  ctx.beginPath();
  for (let i = 0; i < boxes.length; i += 2) {
    const w = boxes[i + 1] ?? 0;
    if (w < END_MIN_WIDTH && !diamond) continue;
    const x = (boxes[i] ?? 0) + w;
    if (diamond) {
      // A diamond where the call was refused: it ended before it began.
      const left = boxes[i] ?? 0;
      ctx.moveTo(left, top - 3);
      ctx.lineTo(left + 5, mid);
      ctx.lineTo(left, top + BAR + 3);
      ctx.lineTo(left - 5, mid);
      ctx.closePath();
    } else if (look.end === 'bar') {
      ctx.moveTo(x, top - 4);
      ctx.lineTo(x, top + BAR + 4);
    } else if (look.end === 'cross') {
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

function hatch(ctx: Ctx, colour: string, bg: string): CanvasPattern | string {
  const key = `${colour}|${bg}`;
  const cached = HATCHES.get(key);
  if (cached) return cached;
  let pattern: CanvasPattern | string = colour;
  if (typeof OffscreenCanvas !== 'undefined') {
    const tile = new OffscreenCanvas(HATCH.size, HATCH.size);
    const t = tile.getContext('2d');
    if (t) {
      t.fillStyle = bg;
      t.fillRect(0, 0, HATCH.size, HATCH.size);
      t.strokeStyle = colour;
      t.lineWidth = HATCH.width;
      t.beginPath();
      for (const [x0, y0, x1, y1] of HATCH.lines) {
        t.moveTo(x0, y0);
        t.lineTo(x1, y1);
      }
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat') ?? colour;
    }
  }
  HATCHES.set(key, pattern);
  return pattern;
}

export function drawSelection(
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
