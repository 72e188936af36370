/**
 * A 2D context that records the text the timeline draws (every character 6 px wide), and the
 * palette's few colours the frame uses: the timeline's frame tests read what it says, and where.
 */
import type { Palette } from '../../../renderer/src/timeline/palette';

export function recordingContext() {
  const texts: { text: string; x: number; y: number }[] = [];
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
    fillRect: () => undefined,
    fillText: (text: string, x: number, y: number) => texts.push({ text, x, y }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
}

export const palette = { muted: '#57606a', grid: '#d0d7de', bg: '#ffffff' } as Palette;
