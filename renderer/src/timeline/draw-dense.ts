/**
 * Lanes whose requests in view are denser than pixels, painted from their per-pixel summary
 * (`span-summary.ts`) straight into pixels. Each pixel column of a lane is a slice of its bar, and
 * a column holding any problem outcome also gets a tall solid tick, two pixels wide, so one
 * failed request among thousands of succeeded ones is still seen.
 *
 * The bar's colour is what most of the column's requests did. Where problems are most of them,
 * or all of them, the bar is the worst mark's colour (hatched for overdue and late, as a span is)
 * and the tick runs through it: a solid problem column. Where they are not, the bar keeps the
 * colour of the requests that went fine and the tick shows only above and below it. Painting
 * every column in its worst mark made a lane where one request in ten failed look half failed,
 * at about three requests a column, and wholly failed when zoomed out (a technician reads the
 * area, and reads "most of it failed"); painting by majority alone would hide the one failure.
 * So the bar says how it mostly went and the tick says that something went wrong there.
 *
 * Every dense lane goes into one image, composited once: the cost is the plot's area, never the
 * number of requests, where thousands of alternating runs drawn as rectangles cost the rasterizer
 * tens of milliseconds.
 */
import { SPAN_MARKS, spanMark, type SpanMark } from '../../../shared/request/marks';
import { isProblem, REQUEST_OUTCOMES } from '../../../shared/request/outcome';
import type { Viewport } from './geometry';
import type { Palette } from './palette';
import { columnMasks, type ColumnTally } from './column-masks';
import { markBit, PROBLEM_BIT } from './span-summary';
import type { TimelineLane, TimelineMark } from './timeline-lanes';

/**
 * How a column's marks rank, problems before the rest, the ones that need the technician most
 * first: a column's tick, and the bar of a column whose problems are most of its requests, take
 * the first of its marks; the bar of any other column the first of its marks a request that went
 * fine can have. A drawing order, not an outcome rule: which outcomes are problems comes from the
 * shared `isProblem`, through the mask's problem bit and the tally.
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
export const WORST: readonly (SpanMark | null)[] = Array.from(
  { length: 128 },
  (_, mask) => WORST_FIRST.find((mark) => (mask & markBit(mark)) !== 0) ?? null,
);

/** Marks a request that went fine can have (from the shared `isProblem`): succeeded, waiting. */
const FINE_MARKS = new Set(REQUEST_OUTCOMES.filter((o) => !isProblem(o)).map(spanMark));

/**
 * The worst mark of each 7-bit mask among those a request that went fine can have: the bar of a
 * column whose problems are not most of its requests (null: every mark in it is a problem's).
 */
const WORST_FINE: readonly (SpanMark | null)[] = Array.from(
  { length: 128 },
  (_, mask) =>
    WORST_FIRST.find((mark) => FINE_MARKS.has(mark) && (mask & markBit(mark)) !== 0) ?? null,
);

/**
 * Whether a column's problems are most of its requests (those starting in it). In a column where
 * none starts, only requests from earlier columns reaching in, the bar keeps the colour of what
 * went fine, if anything there did.
 */
function mostlyProblems(requests: number, problems: number): boolean {
  return requests > 0 && problems * 2 > requests;
}

const HATCHED = new Set<SpanMark>(['overdue', 'late']);

/** The bar's half height and the problem tick's, around the lane's middle, in CSS pixels. */
const BAR_HALF = 6;
const TICK_HALF = 10;

/** RGBA of CSS colours, as the little-endian words an ImageData's Uint32Array view holds. */
const RGBA = new Map<string, number>();

function rgba(colour: string): number {
  const cached = RGBA.get(colour);
  if (cached !== undefined) return cached;
  const probe = new OffscreenCanvas(1, 1).getContext('2d');
  let word = 0xff888888;
  if (probe) {
    probe.fillStyle = colour;
    probe.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0, a = 0] = probe.getImageData(0, 0, 1, 1).data;
    word = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  RGBA.set(colour, word);
  return word;
}

/** One image the size of the plot's lanes, reused while the size stays. */
export class DenseRaster {
  private canvas: OffscreenCanvas | null = null;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  private used = false;
  /** Scratch: one byte per plot column, and the requests and problems starting in each. */
  masks = new Uint8Array(0);
  private tally: ColumnTally = { requests: new Float64Array(0), problems: new Float64Array(0) };
  /** The marks' and background's pixel words, for the palette they were made from. */
  private colours: number[] = [];
  private bg = 0;
  private palette: Palette | null = null;

  /** False when this runtime has no OffscreenCanvas (dense lanes are then drawn span by span). */
  static available(): boolean {
    return typeof OffscreenCanvas !== 'undefined';
  }

  /** The size the frame being drawn asks for, made (or cleared) when its first dense lane comes. */
  private wanted = { width: 1, height: 1 };
  /** Whether the image holds anything since it was last cleared. */
  private dirty = false;

  /**
   * Starts a frame of `width` columns and `height` rows. Nothing is allocated or cleared until a
   * lane of the frame is dense: a frame with none (an empty or sparse timeline, or another model
   * drawn in between, as the benchmark's empty baseline is) leaves the image as it was, so the
   * next dense frame of the same size does not make a new one (a 3 MB image, and garbage).
   */
  begin(width: number, height: number): void {
    this.wanted = { width: Math.max(1, Math.ceil(width)), height: Math.max(1, Math.ceil(height)) };
    this.used = false;
  }

  /** The image for this frame, transparent: made when the size changed, else cleared if used. */
  private start(): ImageData {
    const { width: w, height: h } = this.wanted;
    if (!this.canvas || !this.image || this.image.width !== w || this.image.height !== h) {
      this.canvas = new OffscreenCanvas(w, h);
      this.image = new ImageData(w, h);
      this.pixels = new Uint32Array(this.image.data.buffer);
      this.masks = new Uint8Array(w);
      this.tally = { requests: new Float64Array(w), problems: new Float64Array(w) };
    } else if (this.dirty) {
      this.pixels.fill(0);
    }
    this.used = true;
    this.dirty = true;
    return this.image;
  }

  /**
   * Paints one lane (its middle at `mid`, in rows of this image) from its summary; returns how
   * many spans or buckets were read to do it.
   */
  lane(lane: TimelineLane, view: Viewport, mid: number, palette: Palette): number {
    const image = this.used && this.image ? this.image : this.start();
    const { masks, pixels, tally } = this;
    const width = image.width;
    const scale = width / (view.t1 - view.t0);
    const visited = columnMasks(lane.columns, lane.summary, view.t0, view.t1, scale, masks, tally);
    if (palette !== this.palette) {
      // Once per palette, not per lane and frame: a frame allocates nothing here.
      this.colours = SPAN_MARKS.map((mark) => rgba(palette.cls[mark]));
      this.bg = rgba(palette.bg);
      this.palette = palette;
    }
    const { colours, bg } = this;
    const { requests, problems } = tally;
    const barTop = mid - BAR_HALF;
    const barBottom = mid + BAR_HALF;
    const top = Math.max(0, mid - TICK_HALF);
    const bottom = Math.min(image.height, mid + TICK_HALF);
    // The tick a column hands on to the next (0: none), and whether it runs through the bar.
    let carried = 0;
    let carriedSolid = false;
    for (let c = 0; c < width; c++) {
      const mask = masks[c] ?? 0;
      const worst = WORST[mask & 0x7f] ?? null;
      let tick = 0;
      let solid = false;
      if (worst) {
        const fine = WORST_FINE[mask & 0x7f] ?? null;
        const problem = (mask & PROBLEM_BIT) !== 0;
        // A problem column is drawn as one where problems are most of its requests (or all).
        solid = problem && (!fine || mostlyProblems(requests[c] ?? 0, problems[c] ?? 0));
        const bar = problem && !solid && fine ? fine : worst;
        const colour = colours[SPAN_MARKS.indexOf(bar)] ?? 0;
        const hatched = HATCHED.has(bar);
        for (let y = barTop; y < barBottom; y++) {
          // Diagonal stripes, 2 px in 6, as the overdue and late spans' pattern.
          pixels[y * width + c] = hatched && (c + y) % 6 >= 2 ? bg : colour;
        }
        if (problem) tick = colours[SPAN_MARKS.indexOf(worst)] ?? 0;
      }
      // The column's own tick, else the one before's: at least two pixels wide. Through a solid
      // problem column's bar (and its neighbour's, as one failure alone in its column always
      // was), else above and below the bar only, which keeps the colour of what went fine.
      const paint = tick || carried;
      const through = tick ? solid : carriedSolid;
      if (paint)
        for (let y = top; y < bottom; y++)
          if (through || y < barTop || y >= barBottom) pixels[y * width + c] = paint;
      carried = tick;
      carriedSolid = solid;
    }
    return visited;
  }

  /**
   * Paints a lane's read-data ticks (from `marks[first]` on, before `to`: one segment of them,
   * ./segments.ts; its middle at `mid`, `scale` plot px per ms): one pixel column each, 4 px tall above the bar, where the path drawing puts them,
   * but never over a problem's tick there (painted first, by `lane`): read data comes with most
   * requests, and would otherwise hide the part of a problem's tick that shows above the bar.
   */
  ticks(
    marks: readonly TimelineMark[],
    first: number,
    view: Viewport,
    scale: number,
    mid: number,
    palette: Palette,
    to = marks.length,
  ): void {
    const image = this.used && this.image ? this.image : this.start();
    const { pixels } = this;
    const width = image.width;
    const word = rgba(palette.read);
    const top = Math.max(0, mid - 11);
    const bottom = Math.min(image.height, mid - 7);
    let last = -1;
    for (let k = first; k < to; k++) {
      const mark = marks[k];
      if (!mark || mark.t > view.t1) break;
      if (mark.kind !== 'read') continue;
      const c = Math.round((mark.t - view.t0) * scale);
      if (c === last || c < 0 || c >= width) continue;
      last = c;
      for (let y = top; y < bottom; y++)
        if (pixels[y * width + c] === 0) pixels[y * width + c] = word;
    }
  }

  /** Draws the frame's dense lanes at (left, top) of `ctx`, if there were any. */
  finish(ctx: CanvasRenderingContext2D, left: number, top: number): void {
    if (!this.used || !this.canvas || !this.image) return;
    const target = this.canvas.getContext('2d');
    if (!target) return;
    target.putImageData(this.image, 0, 0);
    const smoothing = ctx.imageSmoothingEnabled;
    // Scaled to device pixels as whole blocks: a column stays one crisp column.
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.canvas, left, top);
    ctx.imageSmoothingEnabled = smoothing;
  }
}
