import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOutcome } from '../../shared/request/outcome';
import type { Palette } from '../../renderer/src/timeline/palette';
import { DenseRaster } from '../../renderer/src/timeline/draw-dense';
import { SpanColumns } from '../../renderer/src/timeline/span-columns';
import { LaneSummary } from '../../renderer/src/timeline/span-summary';
import type { TimelineLane, TimelineMark } from '../../renderer/src/timeline/timeline-lanes';

/**
 * Node has no OffscreenCanvas: a stand-in that keeps what the raster puts into it and turns a
 * '#rrggbb' fill into its pixel, so the image a frame composites can be read back.
 */
let images = 0;
class FakeImageData {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
    images++;
  }
}
class FakeContext {
  fillStyle = '#000000';
  put: FakeImageData | null = null;
  fillRect(): void {}
  getImageData(): { data: number[] } {
    const hex = this.fillStyle.slice(1);
    return { data: [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(255) };
  }
  putImageData(image: FakeImageData): void {
    this.put = image;
  }
}
class FakeOffscreenCanvas {
  private readonly context = new FakeContext();
  getContext(): FakeContext {
    return this.context;
  }
}
const globals = globalThis as Record<string, unknown>;

const PALETTE = {
  bg: '#ffffff',
  read: '#57606a',
  cls: {
    ok: '#1a7f37',
    failed: '#cf222e',
    refused: '#cf222e',
    waiting: '#0969da',
    overdue: '#9a6700',
    late: '#bc4c00',
    // A shade off the read colour, so the two are told apart.
    abandoned: '#57606b',
  },
} as unknown as Palette;
/** A '#rrggbb' colour as the little-endian word the image holds (RGBA bytes). */
function word(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
const READ = word(PALETTE.read);
const OK = word(PALETTE.cls.ok);
const FAILED = word(PALETTE.cls.failed);

function composited(raster: DenseRaster): Uint32Array | null {
  let drawn: FakeContext | null = null;
  const target = {
    imageSmoothingEnabled: true,
    drawImage: (canvas: FakeOffscreenCanvas) => (drawn = canvas.getContext()),
  } as unknown as CanvasRenderingContext2D;
  raster.finish(target, 0, 0);
  const image = (drawn as FakeContext | null)?.put;
  return image ? new Uint32Array(image.data.buffer) : null;
}

// Every test here draws through these stand-ins for the browser's canvas.
beforeAll(() => {
  globals.OffscreenCanvas = FakeOffscreenCanvas;
  globals.ImageData = FakeImageData;
});
afterAll(() => {
  delete globals.OffscreenCanvas;
  delete globals.ImageData;
});

describe('the dense lanes’ image', () => {
  it('paints read ticks one pixel column each, above the bar, where they happened', () => {
    const raster = new DenseRaster();
    const view = { t0: 0, t1: 100, width: 300, height: 100 };
    const marks: TimelineMark[] = [
      { kind: 'read', t: 10, seq: 1, text: '' },
      { kind: 'read', t: 10.2, seq: 2, text: '' },
      { kind: 'arrival', t: 30, seq: 3, text: '' },
      { kind: 'read', t: 50, seq: 4, text: '' },
      { kind: 'read', t: 150, seq: 5, text: '' },
    ];
    raster.begin(100, 28);
    raster.ticks(marks, 0, view, 1, 14, PALETTE);
    const pixels = composited(raster);
    if (!pixels) throw new Error('nothing composited');
    const painted = [...pixels.keys()].filter((i) => pixels[i] !== 0);
    // Columns 10 and 50, rows 3 to 6 (11 to 8 px above the lane's middle): the arrival is not
    // a read, and the read at 150 ms is out of view.
    expect(painted.map((i) => [i % 100, Math.floor(i / 100)])).toEqual(
      [3, 4, 5, 6].flatMap((y) => [
        [10, y],
        [50, y],
      ]),
    );
    expect(new Set(painted.map((i) => pixels[i]))).toEqual(new Set([READ]));
  });

  it('keeps its image through a frame with nothing dense, and clears it for the next', () => {
    const raster = new DenseRaster();
    const view = { t0: 0, t1: 100, width: 300, height: 100 };
    const read: TimelineMark[] = [{ kind: 'read', t: 20, seq: 1, text: '' }];
    raster.begin(100, 28);
    raster.ticks(read, 0, view, 1, 14, PALETTE);
    expect(composited(raster)).not.toBeNull();
    const made = images;
    // A frame with no dense lane (an empty timeline drawn in between) composites nothing and
    // makes nothing; the next dense frame of the same size reuses the image, cleared.
    raster.begin(100, 0);
    expect(composited(raster)).toBeNull();
    raster.begin(100, 28);
    raster.ticks([{ kind: 'read', t: 70, seq: 2, text: '' }], 0, view, 1, 14, PALETTE);
    const pixels = composited(raster);
    expect(images).toBe(made);
    expect(pixels?.[3 * 100 + 20]).toBe(0);
    expect(pixels?.[3 * 100 + 70]).toBe(READ);
  });
});

const T0 = Date.UTC(2026, 0, 1, 8);
/** The image's width in columns, and a lane's middle row: its bar is rows 8-19, a tick 4-23. */
const WIDTH = 100;
const MID = 14;
const BAR_ROWS = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
/** Rows of a problem's tick above the bar and below it. */
const ABOVE = [4, 5, 6, 7];
const BELOW = [20, 21, 22, 23];

/** A lane of instant requests, one a ms from T0, `outcome(i)` each, with its summary prepared. */
function laneOf(n: number, outcome: (i: number) => RequestOutcome): TimelineLane {
  const columns = new SpanColumns();
  for (let i = 0; i < n; i++) columns.push(T0 + i, T0 + i, outcome(i));
  const summary = new LaneSummary(columns);
  summary.prepare();
  return {
    key: 'lane',
    kind: 'service',
    interfaceId: null,
    label: 'SMS',
    columns,
    summary,
    marks: [],
  };
}

/**
 * Paints the lane with `t1 - t0` ms across WIDTH columns (and its read ticks, if any); returns
 * what each column shows: its bar's colours, and the colours above and below it.
 */
function paint(
  lane: TimelineLane,
  t0: number,
  t1: number,
): { bar: Set<number>; above: Set<number>; below: Set<number> }[] {
  const raster = new DenseRaster();
  const view = { t0, t1, width: WIDTH, height: 28 };
  raster.begin(WIDTH, 28);
  raster.lane(lane, view, MID, PALETTE);
  raster.ticks(lane.marks, 0, view, WIDTH / (t1 - t0), MID, PALETTE);
  const pixels = composited(raster);
  if (!pixels) throw new Error('nothing composited');
  const at = (rows: number[], c: number) => new Set(rows.map((y) => pixels[y * WIDTH + c] ?? 0));
  return Array.from({ length: WIDTH }, (_, c) => ({
    bar: at(BAR_ROWS, c),
    above: at(ABOVE, c),
    below: at(BELOW, c),
  }));
}

const only = (colour: number) => new Set([colour]);

describe('a dense lane’s columns', () => {
  it('draws a stretch where one request in ten failed as succeeded, with the failures’ ticks', () => {
    // Three stretches of 200 requests a column: all failed, nine in ten failed, one in ten.
    const lane = laneOf(30_000, (i) =>
      i < 10_000 || (i < 20_000 ? i % 10 !== 0 : i % 10 === 0) ? 'failed' : 'succeeded',
    );
    const columns = paint(lane, T0, T0 + 30_000);
    // Away from where the stretches meet (buckets put requests within a column of where they are).
    const all = columns.slice(1, 32);
    const mostly = columns.slice(35, 65);
    const few = columns.slice(68, 99);
    for (const column of [...all, ...mostly]) {
      expect(column.bar).toEqual(only(FAILED));
      expect(column.above).toEqual(only(FAILED));
      expect(column.below).toEqual(only(FAILED));
    }
    // The lane reads as it went: mostly succeeded, and something failed all along.
    for (const column of few) {
      expect(column.bar).toEqual(only(OK));
      expect(column.above).toEqual(only(FAILED));
      expect(column.below).toEqual(only(FAILED));
    }
  });

  it('draws a column of two requests, one of them failed, as succeeded with a failure’s tick', () => {
    // Two requests a column, read from the spans themselves: every other column holds a failure.
    const lane = laneOf(200, (i) => (i % 4 === 1 ? 'failed' : 'succeeded'));
    const columns = paint(lane, T0, T0 + 200);
    expect(new Set(columns.flatMap((column) => [...column.bar]))).toEqual(only(OK));
    for (let c = 0; c < WIDTH; c += 2) {
      expect(columns[c]?.above).toEqual(only(FAILED));
      expect(columns[c]?.below).toEqual(only(FAILED));
    }
  });

  for (const n of [200, 20_000]) {
    it(`still shows one failed request among ${n.toLocaleString('en-US')}, where it is`, () => {
      const failedAt = Math.floor(n * 0.61);
      const lane = laneOf(n, (i) => (i === failedAt ? 'failed' : 'succeeded'));
      // With data read beside every request, whose ticks go where a problem's tick does.
      lane.marks = Array.from({ length: n }, (_, i) => ({
        kind: 'read',
        t: T0 + i,
        seq: i,
        text: '',
      }));
      const columns = paint(lane, T0, T0 + n);
      const ticked = [...columns.keys()].filter((c) => columns[c]?.below.has(FAILED));
      // Two pixels wide, within a column of where it is, above the bar as well as below (read
      // ticks, drawn after, do not hide it); the lane's bar stays succeeded.
      expect(ticked.length).toBe(2);
      expect(Math.abs((ticked[0] ?? 0) - 61)).toBeLessThanOrEqual(1);
      for (const c of ticked) expect(columns[c]?.above).toEqual(only(FAILED));
      expect(new Set(columns.flatMap((column) => [...column.bar]))).toEqual(only(OK));
    });
  }
});
