/**
 * A legend's picture of an outcome's mark, drawn from the same pieces as the report's legend and
 * spans (shared/request/mark-looks.ts), in the window's theme colours: the CSS swatches drawn
 * beside it had drifted from the report's, a dashed outline meaning another outcome in each.
 */
import { HATCH, MARK_LOOKS, markParts, type MarkColour } from '../../../shared/request/mark-looks';
import type { SpanMark } from '../../../shared/request/marks';

/** The swatch's size: a bar of the canvas's height with room for its end symbol. */
const W = 30;
const H = 18;

/** A colour role as the window's theme variable (style, not an attribute: attributes take no var()). */
export function cssColour(colour: MarkColour): string {
  return colour === 'muted' ? 'var(--muted)' : `var(--tl-${colour})`;
}

const hatchId = (colour: MarkColour): string => `tl-legend-hatch-${colour}`;

export function MarkSwatch({ mark }: { mark: SpanMark }) {
  const diamond = MARK_LOOKS[mark].shape === 'diamond';
  // A diamond stands alone in the middle; a bar leaves room at its right for its end symbol.
  const parts = diamond
    ? markParts(mark, W / 2, 0, H / 2, 10)
    : markParts(mark, 2, W - 8, H / 2, 10);
  return (
    <svg
      className={`mark-swatch cls-${mark}`}
      width={W}
      height={H}
      viewBox={`0 0 ${String(W)} ${String(H)}`}
      aria-hidden="true"
    >
      {parts.map((p, i) =>
        p.kind === 'path' ? (
          <path
            key={i}
            d={p.d}
            style={{
              fill: p.fill === null ? 'none' : cssColour(p.fill),
              stroke: p.stroke === null ? 'none' : cssColour(p.stroke),
              strokeWidth: p.width,
            }}
          />
        ) : (
          <rect
            key={i}
            x={p.x}
            y={p.y}
            width={p.width}
            height={p.height}
            style={{
              fill:
                p.fill === 'none'
                  ? 'none'
                  : p.hatch
                    ? `url(#${hatchId(p.fill)})`
                    : cssColour(p.fill),
              stroke: p.stroke === null ? 'none' : cssColour(p.stroke),
              strokeWidth: 1.5,
              strokeDasharray: p.dash ?? undefined,
            }}
          />
        ),
      )}
    </svg>
  );
}

/** The hatches the swatches fill with, once for the legend, on the panel's colour. */
export function MarkHatches() {
  const colours = [
    ...new Set(
      Object.values(MARK_LOOKS)
        .filter((l) => l.fill === 'hatch')
        .map((l) => l.colour),
    ),
  ];
  const d = HATCH.lines
    .map(([x0, y0, x1, y1]) => `M${String(x0)} ${String(y0)}L${String(x1)} ${String(y1)}`)
    .join('');
  return (
    <svg width="0" height="0" className="mark-hatches" aria-hidden="true">
      <defs>
        {colours.map((c) => (
          <pattern
            key={c}
            id={hatchId(c)}
            width={HATCH.size}
            height={HATCH.size}
            patternUnits="userSpaceOnUse"
          >
            <rect width={HATCH.size} height={HATCH.size} style={{ fill: 'var(--panel)' }} />
            <path d={d} style={{ stroke: cssColour(c), strokeWidth: HATCH.width }} />
          </pattern>
        ))}
      </defs>
    </svg>
  );
}
