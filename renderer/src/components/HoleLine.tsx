/**
 * The log's line where its rows do not follow on (../store/log-lines.ts): how many entries are not
 * loaded there and which, and a button that brings them in a page at a time, as "Load earlier"
 * does for the live log's start. One slot of the list, a row of the table to a screen reader.
 */
import { holeNote, loadHoleLabel } from '../files/window-note';
import type { Hole } from '../store/row-holes';

/** The line is drawn only while on screen: the keys reach its action from the rows beside it. */
const KEY_HINT = 'Or, in the log, Enter on the entry above or below this line';

interface HoleLineProps {
  hole: Hole;
  /** In the live log (its entries are in the run's journal, not a saved file). */
  live: boolean;
  /** Its slot in the list, and where that is. */
  slot: number;
  top: number;
  height: number;
  /** Its rows are being brought in; `busy`: some hole's are (one at a time). */
  loading: boolean;
  busy: boolean;
  /** Why its rows could not be brought in, the last time. */
  error: string | null;
  onLoad: (hole: Hole) => void;
}

export function HoleLine({
  hole,
  live,
  slot,
  top,
  height,
  loading,
  busy,
  error,
  onLoad,
}: HoleLineProps) {
  const note = holeNote(hole, live);
  return (
    <div
      role="row"
      aria-rowindex={slot + 2}
      className="log-hole"
      data-slot={slot}
      style={{ transform: `translateY(${String(top)}px)`, height }}
    >
      <span role="cell" aria-colspan={7}>
        <span className="log-hole-note" title={note}>
          {note}
        </span>
        <button
          type="button"
          className="small"
          title={KEY_HINT}
          disabled={busy}
          onClick={() => onLoad(hole)}
        >
          {loading ? 'Loading…' : loadHoleLabel(hole)}
        </button>
        {error === null ? null : (
          <span className="log-hole-error" role="alert">
            Not brought in: {error}
          </span>
        )}
      </span>
    </div>
  );
}
