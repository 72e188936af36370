import { describe, expect, it } from 'vitest';
import { NOT_LOADED } from '../../shared/log-window';
import { drawNotLoaded } from '../../renderer/src/timeline/draw-not-loaded';
import { AXIS_HEIGHT, LABEL_WIDTH, xOf, type Viewport } from '../../renderer/src/timeline/geometry';
import type { Palette } from '../../renderer/src/timeline/palette';

/** Keeps the rectangles filled and the words written, which is what a technician sees of it. */
class RecordingContext {
  fillStyle = '';
  strokeStyle = '';
  lineWidth = 1;
  globalAlpha = 1;
  font = '';
  textBaseline = '';
  textAlign = '';
  rects: [number, number, number, number][] = [];
  words: { text: string; x: number }[] = [];
  save(): void {}
  restore(): void {}
  beginPath(): void {}
  moveTo(): void {}
  lineTo(): void {}
  stroke(): void {}
  fillRect(x: number, y: number, w: number, h: number): void {
    this.rects.push([x, y, w, h]);
  }
  measureText(text: string): { width: number } {
    return { width: text.length * 6 };
  }
  fillText(text: string, x: number): void {
    this.words.push({ text, x });
  }
}

const PALETTE = { grid: '#d0d7de', muted: '#57606a' } as Palette;
const VIEW: Viewport = { t0: 0, t1: 60_000, width: 1366, height: 200, axisTop: 0 };

describe('stretches not loaded on the timeline', () => {
  it('are shaded across the lanes between their times and named where they are wide enough', () => {
    const ctx = new RecordingContext();
    drawNotLoaded(
      ctx as unknown as CanvasRenderingContext2D,
      [{ from: 10_000, to: 50_000 }],
      VIEW,
      3,
      PALETTE,
    );
    const x0 = xOf(VIEW, 10_000);
    const x1 = xOf(VIEW, 50_000);
    expect(ctx.rects).toEqual([[x0, AXIS_HEIGHT, x1 - x0, VIEW.height - AXIS_HEIGHT]]);
    expect(ctx.words).toEqual([{ text: NOT_LOADED, x: (x0 + x1) / 2 }]);
  });

  it('stay out of the labels, and say nothing where there is no room or nothing is missing', () => {
    const ctx = new RecordingContext();
    drawNotLoaded(
      ctx as unknown as CanvasRenderingContext2D,
      [
        { from: -30_000, to: 100 },
        { from: 30_000, to: 30_020 },
        { from: 70_000, to: 80_000 },
      ],
      VIEW,
      3,
      PALETTE,
    );
    expect(ctx.rects.map(([x]) => x)).toEqual([LABEL_WIDTH]);
    expect(ctx.words).toEqual([]);
    const none = new RecordingContext();
    drawNotLoaded(none as unknown as CanvasRenderingContext2D, [], VIEW, 3, PALETTE);
    expect(none.rects).toEqual([]);
  });
});
