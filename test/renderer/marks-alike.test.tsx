/**
 * The window draws each outcome as the shared description says (shared/request/mark-looks.ts),
 * on its canvas and in its legend alike; the report is held to the same description
 * (test/node/export/report-marks.test.ts), so one mark reads one way in both. Each mark is read
 * back from what is drawn: the canvas's calls, the legend's SVG.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drawBoxes } from '../../renderer/src/timeline/draw-spans';
import { MarkSwatch } from '../../renderer/src/timeline/MarkSwatch';
import { readPalette, type Palette } from '../../renderer/src/timeline/palette';
import { MARK_LOOKS } from '../../shared/request/mark-looks';
import { SPAN_MARKS, type SpanMark } from '../../shared/request/marks';
import { endOf, svgLook, type Look } from './support/mark-look';

const PATTERN = { pattern: true };
/** The window's colours by their theme variable's name: `var(--tl-ok)` and `--tl-ok` alike. */
const varName = (colour: string): string => colour.replace(/^var\((--[\w-]+)\)$/, '$1');

/** The look of a mark as the canvas draws it, from the calls drawBoxes makes. */
function canvasLook(mark: SpanMark, palette: Palette): Look {
  const calls: { op: string; style?: unknown; dash?: number[] }[] = [];
  let dash: number[] = [];
  const ctx = {
    fillStyle: '' as unknown,
    strokeStyle: '',
    lineWidth: 1,
    beginPath: () => calls.push({ op: 'begin' }),
    rect: () => undefined,
    fill: () => calls.push({ op: 'fill', style: ctx.fillStyle }),
    stroke: () => calls.push({ op: 'stroke', style: ctx.strokeStyle, dash }),
    moveTo: () => calls.push({ op: 'move' }),
    lineTo: () => calls.push({ op: 'line' }),
    closePath: () => calls.push({ op: 'close' }),
    setLineDash: (d: number[]) => {
      dash = d;
    },
    createPattern: () => PATTERN,
  };
  drawBoxes(ctx as unknown as CanvasRenderingContext2D, mark, [100, 60], 50, palette);
  const second = calls.findIndex((c, i) => i > 0 && c.op === 'begin');
  const body = second < 0 ? calls : calls.slice(0, second);
  const end = second < 0 ? [] : calls.slice(second);
  const fill = body.find((c) => c.op === 'fill');
  const outline = body.find((c) => c.op === 'stroke');
  const count = (op: string) => end.filter((c) => c.op === op).length;
  const diamond = count('close') > 0;
  return {
    shape: diamond ? 'diamond' : 'bar',
    fill: !fill ? 'none' : fill.style === PATTERN ? 'hatch' : 'solid',
    outline: !outline ? 'none' : (outline.dash?.length ?? 0) > 0 ? 'dashed' : 'solid',
    end: diamond ? 'none' : endOf(count('move'), count('line')),
    colour: palette.cls[mark],
  };
}

/** The shared description of a mark, its colour as the window's theme variable. */
function described(mark: SpanMark): Look {
  const { shape, fill, outline, end, colour } = MARK_LOOKS[mark];
  return { shape, fill, outline, end, colour: colour === 'muted' ? '--muted' : `--tl-${colour}` };
}

describe('each outcome mark in the window', () => {
  let palette: Palette;
  beforeAll(() => {
    // The palette reads the theme's variables: here each reads as its own name.
    vi.stubGlobal(
      'getComputedStyle',
      () => ({ getPropertyValue: (name: string) => name }) as CSSStyleDeclaration,
    );
    // A hatch is a pattern made on a small canvas of its own.
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        getContext() {
          const noop = () => undefined;
          return { fillRect: noop, beginPath: noop, moveTo: noop, lineTo: noop, stroke: noop };
        }
      },
    );
    palette = readPalette({} as Element);
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('is drawn on the canvas as the shared description says', () => {
    for (const mark of SPAN_MARKS)
      expect(canvasLook(mark, palette), `${mark} on the canvas`).toEqual(described(mark));
  });

  it('is pictured in the legend as the canvas draws it', () => {
    for (const mark of SPAN_MARKS) {
      const swatch = renderToStaticMarkup(<MarkSwatch mark={mark} />);
      expect(svgLook(swatch, varName), `${mark} in the legend`).toEqual(canvasLook(mark, palette));
    }
  });

  it('differs from every other mark by more than its colour', () => {
    const shapeOf = (m: SpanMark) => {
      const { colour: _c, ...rest } = described(m);
      return JSON.stringify(rest);
    };
    expect(new Set(SPAN_MARKS.map(shapeOf)).size).toBe(SPAN_MARKS.length);
  });
});
