/**
 * What a reader tells an outcome's mark by — shape, fill, outline, end symbol, colour — read back
 * from an SVG swatch (the report's legend, the window's legend), so the tests can hold both to
 * the shared description (shared/request/mark-looks.ts) and the canvas's drawing.
 */
export interface Look {
  shape: 'bar' | 'diamond';
  fill: 'solid' | 'hatch' | 'none';
  outline: 'none' | 'solid' | 'dashed';
  end: 'none' | 'bar' | 'cross' | 'arrow';
  colour: string;
}

/** An end symbol by its strokes: one line a bar, two a cross, a bent line an arrow. */
export function endOf(moves: number, lines: number): Look['end'] {
  if (moves === 0) return 'none';
  if (moves === 2) return 'cross';
  return lines === 2 ? 'arrow' : 'bar';
}

/**
 * The look of the mark an SVG swatch draws: colours in attributes (the report) or in style (the
 * window, whose colours are theme variables), each passed through `resolve`.
 */
export function svgLook(svg: string, resolve: (colour: string) => string): Look {
  const body = svg.replace(/<defs>.*?<\/defs>/gs, '').replace(/<pattern.*?<\/pattern>/gs, '');
  const paint = (el: string, name: 'fill' | 'stroke'): string | null => {
    const value =
      new RegExp(`${name}:\\s*([^;"]+)`).exec(el)?.[1] ??
      new RegExp(` ${name}="([^"]+)"`).exec(el)?.[1] ??
      null;
    return value === null || value.trim() === 'none' ? null : value.trim();
  };
  const rects = [...body.matchAll(/<rect[^>]*>/g)].map((m) => m[0]);
  const paths = [...body.matchAll(/<path[^>]*>/g)].map((m) => m[0]);
  const width = (el: string) => Number(/width="([\d.]+)"/.exec(el)?.[1] ?? 0);
  const main = [...rects].sort((a, b) => width(b) - width(a))[0] ?? '';
  const diamond = paths.find((p) => p.includes('Z"') && paint(p, 'fill') !== null);
  if (diamond)
    return {
      shape: 'diamond',
      fill: 'solid',
      outline: 'none',
      end: 'none',
      colour: resolve(paint(diamond, 'fill') ?? ''),
    };
  const mainFill = paint(main, 'fill');
  const stroke = paint(main, 'stroke');
  const endPath = paths.find((p) => paint(p, 'stroke') !== null);
  const d = /d="([^"]*)"/.exec(endPath ?? '')?.[1] ?? '';
  // A tall narrow rectangle beside the bar is an end bar too (as the report drew Late).
  const endBar = rects.some((r) => r !== main && width(r) <= 3);
  const hatched = rects.some((r) => paint(r, 'fill')?.startsWith('url(') === true);
  const solid = mainFill !== null && mainFill !== '#fff' && !mainFill.startsWith('url(');
  return {
    shape: 'bar',
    fill: hatched ? 'hatch' : solid ? 'solid' : 'none',
    outline: stroke === null ? 'none' : /dash/i.test(main) ? 'dashed' : 'solid',
    end: endPath
      ? endOf((d.match(/M/g) ?? []).length, (d.match(/L/g) ?? []).length)
      : endBar
        ? 'bar'
        : 'none',
    colour: resolve(
      solid ? mainFill : (stroke ?? paint(endPath ?? '', 'stroke') ?? mainFill ?? ''),
    ),
  };
}
