import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Palette } from '../../renderer/src/timeline/palette';
import { DenseRaster } from '../../renderer/src/timeline/draw-dense';
import type { TimelineMark } from '../../renderer/src/timeline/timeline-lanes';

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
  cls: { ok: '#1a7f37' },
} as unknown as Palette;
/** The read colour as the little-endian word the image holds (RGBA bytes). */
const READ = (0xff << 24) | (0x6a << 16) | (0x60 << 8) | 0x57;

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

describe('the dense lanes’ image', () => {
  beforeAll(() => {
    globals.OffscreenCanvas = FakeOffscreenCanvas;
    globals.ImageData = FakeImageData;
  });
  afterAll(() => {
    delete globals.OffscreenCanvas;
    delete globals.ImageData;
  });

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
    expect(new Set(painted.map((i) => pixels[i]))).toEqual(new Set([READ >>> 0]));
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
    expect(pixels?.[3 * 100 + 70]).toBe(READ >>> 0);
  });
});
