/**
 * The width a log column of names asks for (Device, Service): that of the longest name its rows
 * give, as the rows draw it. At a fixed 140 px a 13-inch laptop's log read "unknown … (…f0001)"
 * and "Sierra diagnostics st…" in every row while the details beside them had 500 px to spare;
 * the stylesheet bounds what is asked for, so the time, the outcome and the details stay on
 * screen (styles.css, .log-row).
 */

let canvas: HTMLCanvasElement | null = null;

/**
 * Pixels `names` take at most, drawn in `cell`'s font (a row's cell), and `between` em more;
 * null where none is known.
 */
export function namesColumnWidth(
  names: Iterable<string>,
  cell: Element,
  between = 0,
): number | null {
  const style = getComputedStyle(cell);
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  let widest = 0;
  for (const name of names) widest = Math.max(widest, context.measureText(name).width);
  if (widest === 0) return null;
  // A pixel either side for the browser's rounding of text the canvas measured in fractions.
  return Math.ceil(widest + between * parseFloat(style.fontSize) + 2);
}
