/**
 * The timeline's time axis: a tick label cut at the plot's right edge would read as another time
 * ("10:07:57" of 10:07:57.400), so a label is drawn only where it fits whole.
 */
import { describe, expect, it } from 'vitest';
import { drawAxis } from '../../renderer/src/timeline/draw-frame';
import type { Palette } from '../../renderer/src/timeline/palette';

/** A 2D context that records the text drawn; every character 6 px wide. */
function recordingContext() {
  const texts: { text: string; x: number }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'alphabetic',
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    stroke: () => undefined,
    measureText: (text: string) => ({ width: text.length * 6 }),
    fillText: (text: string, x: number) => texts.push({ text, x }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
}

const palette = { muted: '#57606a', grid: '#d0d7de' } as Palette;

describe('timeline axis', () => {
  it('draws every tick label whole, and none past the right edge', () => {
    const t0 = Date.UTC(2026, 11, 1, 10, 7, 56, 250);
    // Ticks every 200 ms; the last one lands a few pixels from the right edge.
    for (const width of [1366, 1000, 683]) {
      const view = { t0, t1: t0 + 1190, width, height: 200 };
      const { ctx, texts } = recordingContext();
      drawAxis(ctx, view, palette);
      expect(texts.length, `${String(width)} px`).toBeGreaterThan(1);
      for (const { text, x } of texts) {
        expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
        expect(x + text.length * 6, `${text} at ${String(width)} px`).toBeLessThanOrEqual(width);
      }
    }
  });
});
