/**
 * A lane whose requests in view are denser than pixels, drawn from its per-pixel summary
 * (`span-summary.ts`): each pixel column is one bar slice in the colour of the worst mark among
 * its requests, and a column holding any problem outcome also gets a tall tick, at least two
 * pixels wide, so one failed request among thousands of succeeded ones is still seen. Runs of
 * columns of the same colour are one rectangle: the cost is the screen's width, never the data.
 */
import { SPAN_MARKS, type SpanMark } from '../../../shared/request/marks';
import type { Palette, Viewport } from './draw';
import { columnMasks, markBit, PROBLEM_BIT } from './span-summary';
import type { TimelineLane } from './timeline-model';

/**
 * Which mark a column of mixed requests is drawn in: problems before the rest, the ones that need
 * the technician most first. A drawing order, not an outcome rule: which outcomes are problems
 * comes from the shared `isProblem`, through the mask's problem bit.
 */
const WORST_FIRST: readonly SpanMark[] = [
  'failed',
  'refused',
  'abandoned',
  'late',
  'overdue',
  'waiting',
  'ok',
];

/** The worst mark of each 7-bit mark mask. */
const WORST: readonly (SpanMark | null)[] = Array.from(
  { length: 128 },
  (_, mask) => WORST_FIRST.find((mark) => (mask & markBit(mark)) !== 0) ?? null,
);

export interface DenseLayout {
  /** Left edge of the plot, and the bar's top and height, in CSS pixels. */
  left: number;
  top: number;
  bar: number;
  /** How a mark's bar is filled (hatched for overdue and late, as a sparse span is). */
  fill: (mark: SpanMark) => string | CanvasPattern;
  /** Scratch space, one byte per plot column, reused across lanes. */
  masks: Uint8Array;
}

/** Draws the lane's columns; returns how many spans or buckets were read to do it. */
export function drawDense(
  ctx: CanvasRenderingContext2D,
  lane: TimelineLane,
  view: Viewport,
  palette: Palette,
  layout: DenseLayout,
): number {
  const { masks, left, top, bar } = layout;
  const scale = masks.length / (view.t1 - view.t0);
  const visited = columnMasks(lane.columns, lane.summary, view.t0, view.t1, scale, masks);
  const runs = new Map<SpanMark, number[]>(SPAN_MARKS.map((mark) => [mark, []]));
  const ticks = new Map<SpanMark, number[]>(SPAN_MARKS.map((mark) => [mark, []]));
  let runMark: SpanMark | null = null;
  let runStart = 0;
  const close = (end: number) => {
    if (runMark) runs.get(runMark)?.push(runStart, end - runStart);
  };
  for (let c = 0; c < masks.length; c++) {
    const mask = masks[c] ?? 0;
    const mark = WORST[mask & 0x7f] ?? null;
    if (mark !== runMark) {
      close(c);
      runMark = mark;
      runStart = c;
    }
    if (mask & PROBLEM_BIT && mark) {
      const list = ticks.get(mark) ?? [];
      const last = list.length - 2;
      // Touching problem columns of one mark make one wider tick.
      if (last >= 0 && (list[last] ?? 0) + (list[last + 1] ?? 0) >= c)
        list[last + 1] = c + 2 - (list[last] ?? 0);
      else list.push(c, 2);
    }
  }
  close(masks.length);
  for (const [mark, list] of runs) {
    if (list.length === 0) continue;
    ctx.beginPath();
    for (let i = 0; i < list.length; i += 2)
      ctx.rect(left + (list[i] ?? 0), top, list[i + 1] ?? 0, bar);
    ctx.fillStyle = layout.fill(mark);
    ctx.fill();
  }
  for (const [mark, list] of ticks) {
    if (list.length === 0) continue;
    ctx.beginPath();
    for (let i = 0; i < list.length; i += 2)
      ctx.rect(left + (list[i] ?? 0), top - 4, list[i + 1] ?? 0, bar + 8);
    ctx.fillStyle = palette.cls[mark];
    ctx.fill();
  }
  return visited;
}
