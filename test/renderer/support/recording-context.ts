/**
 * A 2D context that records the text and the boxes the timeline draws (every character 6 px
 * wide), and the
 * palette's few colours the frame uses: the timeline's frame tests read what it says, and where.
 */
import type { Palette } from '../../../renderer/src/timeline/palette';

export function recordingContext() {
  const texts: { text: string; x: number; y: number }[] = [];
  const rects: { x: number; y: number; w: number; h: number }[] = [];
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
    fillRect: (x: number, y: number, w: number, h: number) => rects.push({ x, y, w, h }),
    fillText: (text: string, x: number, y: number) => texts.push({ text, x, y }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, rects };
}

export const palette = { muted: '#57606a', grid: '#d0d7de', bg: '#ffffff' } as Palette;

/**
 * A 2D context made of `calls` (the drawing calls a test watches) over `state` (the styles it
 * reads back): every other call does nothing, every other property is kept as set.
 */
export function canvasOf(
  state: Record<string | symbol, unknown>,
  calls: Record<string, (...args: never[]) => unknown>,
): CanvasRenderingContext2D {
  const ctx = new Proxy(state, {
    get: (target, key) =>
      typeof key === 'string' && key in calls
        ? calls[key]
        : key in target
          ? target[key]
          : () => undefined,
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  return ctx as unknown as CanvasRenderingContext2D;
}
