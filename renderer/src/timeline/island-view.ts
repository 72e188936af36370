/**
 * Where the timeline goes when a selection lands in rows a jump brought in (Go to time, a click
 * on the overview strip, a search hit): a few hundred entries, not loaded either side. Centred on
 * them at the zoom it had, the timeline of a week-long log showed five hours hatched "not
 * loaded" with the jump's twelve seconds a sliver in the middle; it now shows those entries,
 * with a little of the hatching either side to say where they end.
 */
import type { Loaded } from './timeline-model';
import type { TimeRange } from './viewport';

/** Of the view's width, the most the stretch may fill and still be zoomed to. */
const NARROW = 0.5;
/** The hatching shown either side, as a share of the stretch's own length. */
const MARGIN = 0.1;
/** The least span zoomed to: a stretch of one instant still shows a second. */
const LEAST_MS = 1000;

/**
 * The view for the stretch `stretch` a selection was found in, when it is a jump's: bounded by
 * entries not loaded on both sides, another stretch than the last selection's (`lastFirstSeq`;
 * within one, the technician's own zoom stands), and under half the view. Else null.
 */
export function islandView(
  stretch: Loaded,
  view: TimeRange,
  lastFirstSeq: number | null,
): TimeRange | null {
  if (!Number.isFinite(stretch.from) || !Number.isFinite(stretch.to)) return null;
  if (stretch.firstSeq === lastFirstSeq) return null;
  const length = Math.max(stretch.to - stretch.from, LEAST_MS);
  if (length > (view.t1 - view.t0) * NARROW) return null;
  const mid = (stretch.from + stretch.to) / 2;
  const half = (length * (1 + 2 * MARGIN)) / 2;
  return { t0: mid - half, t1: mid + half };
}
