/**
 * A call refused at once ends as it begins: zoomed in until its millisecond is wide, it must not
 * draw as the full bar of a request that failed, which the legend gives another meaning.
 */
import { describe, expect, it } from 'vitest';
import { drawBoxes, REFUSED_BAR } from '../../renderer/src/timeline/draw-spans';
import type { Palette } from '../../renderer/src/timeline/palette';

/** The bars a class's boxes draw: the rectangles asked of the context. */
function bars(cls: 'refused' | 'failed'): { h: number; w: number }[] {
  const rects: { h: number; w: number }[] = [];
  const noop = () => undefined;
  const ctx = {
    beginPath: noop,
    rect: (_x: number, _y: number, w: number, h: number) => rects.push({ w, h }),
    fill: noop,
    stroke: noop,
    moveTo: noop,
    lineTo: noop,
    closePath: noop,
    setLineDash: noop,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
  } as unknown as CanvasRenderingContext2D;
  const palette = { bg: '#fff', cls: { refused: '#c00', failed: '#c00' } } as unknown as Palette;
  drawBoxes(ctx, cls, [100, 900], 50, palette);
  return rects;
}

describe('a refused call zoomed in', () => {
  it('draws a hairline under its diamond, not the bar of a failed request', () => {
    const [refused] = bars('refused');
    const [failed] = bars('failed');
    expect(refused?.w).toBe(900);
    expect(refused?.h).toBe(REFUSED_BAR);
    expect(failed?.h).toBeGreaterThanOrEqual(REFUSED_BAR * 3);
  });
});
