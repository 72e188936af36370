/**
 * The timeline's legend: each span's colour and each mark's shape, in the colours they are drawn
 * in. Under 900 px (half a 13-inch screen) it wraps to three lines, the height of a lane and a
 * half; under 740 px high (a 13-inch screen's window: 768 less the taskbar and the title bar) its
 * two lines were what cut the selected request's details off under a saved log's banner. There it
 * starts folded behind its heading, which opens it over the lanes (Escape, the heading, or a
 * click or the focus elsewhere closes it). Elsewhere it is always open and the heading is not
 * drawn (timeline.css). Crossing the size starts it again as that size starts it.
 */
import { useEffect, useRef } from 'react';
import { NOT_LOADED, STILL_IN_FILE } from '../../../shared/log-window';
import { POINT_LOOKS } from '../../../shared/request/mark-looks';
import { SPAN_MARKS } from '../../../shared/request/marks';
import { useMediaQuery } from '../components/use-media-query';
import { kindWord } from './mark-tally';
import { cssColour, MarkHatches, MarkSwatch } from './MarkSwatch';
import { CLASS_LABELS } from './SpanDetails';

/** The log's word for the stretches hatched, as the log's lines and the banner say it. */
const NOT_LOADED_HEADING = NOT_LOADED.charAt(0).toUpperCase() + NOT_LOADED.slice(1);

/**
 * Half a 13-inch screen, or a 13-inch screen's window, as ranges: at a scaled screen's fractional
 * widths (899.5 px) max-width 899px and min-width 900px both failed, and the legend was neither
 * folded nor open without its heading. timeline.css says the same.
 */
const FOLDED = '(width < 900px) or (height < 740px)';

/** `notLoaded`: the window holds stretches of the log apart, with the rest of it between. */
export function Legend({ notLoaded }: { notLoaded: boolean }) {
  const folded = useMediaQuery(FOLDED);
  const box = useRef<HTMLDetailsElement>(null);
  // Opened over the lanes, it closes as a menu does: a click or the focus elsewhere, or Escape.
  useEffect(() => {
    if (!folded) return;
    const away = (event: Event) => {
      const details = box.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [folded]);
  return (
    <details
      ref={box}
      className="timeline-legend-box"
      open={!folded}
      key={folded ? 'folded' : 'open'}
      onKeyDown={(event) => {
        if (!folded || event.key !== 'Escape' || !event.currentTarget.open) return;
        event.currentTarget.open = false;
        event.stopPropagation();
      }}
    >
      <summary>Legend: what the colours and marks mean</summary>
      <MarkHatches />
      <LegendList notLoaded={notLoaded} />
    </details>
  );
}

/** The legend's entries (exported for the test that reads them). */
export function LegendList({ notLoaded }: { notLoaded: boolean }) {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {SPAN_MARKS.map((cls) => (
        <li key={cls}>
          <MarkSwatch mark={cls} />
          {CLASS_LABELS[cls]}
        </li>
      ))}
      {notLoaded ? (
        // Short, its way in said on hover: written out, it took a line of its own beside the
        // marks, and the log below kept three readable rows at 1366×768.
        <li title="Not in the window: its line in the log, Go to time or the overview brings it in.">
          <span className="swatch not-loaded" aria-hidden="true" />
          {NOT_LOADED_HEADING}: {STILL_IN_FILE}
        </li>
      ) : null}
      {/* Each mark in the colour it is drawn in, as the report's legend: the backend's two
          diamonds differ by it alone. Text that wraps between words (timeline.css), not a row of
          flex items. An error and a completion no request matched in the words the report's
          legend and the tips say them in. */}
      <li className="legend-marks">
        <Point kind="arrival" /> device arrived · <Point kind="removal" /> device removed ·{' '}
        <Point kind="backend" /> backend status (<Point kind="backend-down" /> unavailable) ·{' '}
        <Point kind="error" /> {kindWord('error')} · <Point kind="notification" /> notification ·{' '}
        <Point kind="unmatched" /> {kindWord('unmatched')} · <Point kind="read" /> data read
      </li>
    </ul>
  );
}

/** A point mark as the canvas draws it: its symbol in its colour, or white on a disc of it. */
function Point({ kind }: { kind: keyof typeof POINT_LOOKS }) {
  const look = POINT_LOOKS[kind];
  if (look.paint === 'badge')
    return (
      <span
        className={`mark-${kind} mark-badge`}
        style={{ backgroundColor: cssColour(look.colour), color: 'var(--panel)' }}
      >
        {look.symbol}
      </span>
    );
  return (
    <span className={`mark-${kind}`} style={{ color: cssColour(look.colour) }}>
      {look.symbol}
    </span>
  );
}
