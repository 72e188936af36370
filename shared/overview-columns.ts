/**
 * The overview strip's one sharing out of a log's bins into its pixel columns, shared by main and
 * the window: the window draws each column from it (renderer/src/timeline/draw-overview.ts), and
 * main answers a window that says how many columns its strip has with one bin per column holding
 * exactly that column's share (electron/core/log-overview.ts), so a refresh of a live log sends
 * no more bins than the strip has pixels, and the strip draws what it drew from all of them.
 */

/** Most pixel columns a window's strip may ask for: more than a 4K screen is wide. */
export const OVERVIEW_MAX_COLUMNS = 8192;

/** One bar of the overview: a span of wall-clock time (epoch ms) and its counts. */
export interface OverviewBin {
  t0: number;
  t1: number;
  records: number;
  /** Problems (shared `isProblemRecord`): failed, refused, overdue, late, …, errors, outages. */
  problems: number;
}

/** Bins over a log's whole time range (null for a log with no timed record). */
interface Binned {
  readonly bins: readonly OverviewBin[];
  readonly t0: number | null;
  readonly t1: number | null;
}

/** Where `width` columns put times: a column's time width, and the column of a time. */
function grid(t0: number, t1: number, width: number) {
  const n = Math.max(1, Math.floor(width));
  const perColumn = Math.max(1, t1 - t0) / n;
  const at = (t: number) => Math.min(n - 1, Math.max(0, Math.floor((t - t0) / perColumn)));
  return { n, perColumn, at };
}

/**
 * Records and problem records per pixel column. A bin spanning several columns is shared out by
 * how much of its time falls in each, so a steady log draws flat (not spikes where bins meet).
 */
export function columnsOf(
  overview: Binned,
  width: number,
): { records: Float64Array; problems: Float64Array } {
  const { t0, t1 } = overview;
  const n = Math.max(1, Math.floor(width));
  const records = new Float64Array(n);
  const problems = new Float64Array(n);
  if (t0 === null || t1 === null) return { records, problems };
  const { perColumn, at } = grid(t0, t1, n);
  for (const bin of overview.bins) {
    const a = at(bin.t0);
    const b = Math.max(a, at(bin.t1));
    const span = bin.t1 - bin.t0;
    for (let x = a; x <= b; x++) {
      const from = Math.max(bin.t0, t0 + x * perColumn);
      const to = Math.min(bin.t1, t0 + (x + 1) * perColumn);
      // A bin within one column is all of it: its share is 1 exactly, not by the float sums of
      // the column's edges (a bin a window was sent per column must draw as it was counted).
      const share = a === b ? 1 : span > 0 ? Math.max(0, to - from) / span : 1 / (b - a + 1);
      records[x] = (records[x] ?? 0) + bin.records * share;
      problems[x] = (problems[x] ?? 0) + bin.problems * share;
    }
  }
  return { records, problems };
}

/**
 * At most `width` bins that `width` columns draw as they draw `bins`. The bins themselves when
 * they are no more (a week's log: a few hundred buckets, each over a few columns); else one per
 * column holding any, with that column's share (fractional where a bin spanned several) and the
 * time of what it holds, clipped to the column: `columnsOf` of these at the same width gives what
 * it gives of `bins` (each lies within its column), and the range stays the same (the first starts
 * at `t0`, the last ends at `t1`). At another width (the strip resized before it asks again) they
 * still share out by time.
 */
export function binsInColumns(overview: Binned, width: number): OverviewBin[] {
  const { t0, t1 } = overview;
  if (t0 === null || t1 === null) return [];
  if (overview.bins.length <= Math.max(1, Math.floor(width))) return [...overview.bins];
  const { records, problems } = columnsOf(overview, width);
  const { n, perColumn, at } = grid(t0, t1, width);
  // The earliest and latest time of what each column holds: each bin's ends in their columns,
  // and where it crosses a column's edge, the edge's millisecond (if the same sums put it there).
  const lo = new Float64Array(n).fill(Infinity);
  const hi = new Float64Array(n).fill(-Infinity);
  const seen = (x: number, t: number) => {
    if (at(t) !== x) return;
    lo[x] = Math.min(lo[x] ?? t, t);
    hi[x] = Math.max(hi[x] ?? t, t);
  };
  for (const bin of overview.bins) {
    const a = at(bin.t0);
    const b = Math.max(a, at(bin.t1));
    seen(a, bin.t0);
    seen(b, bin.t1);
    for (let x = a + 1; x <= b; x++) {
      const edge = Math.ceil(t0 + x * perColumn);
      seen(x - 1, Math.max(bin.t0, edge - 1));
      seen(x, Math.min(bin.t1, edge));
    }
  }
  const out: OverviewBin[] = [];
  for (let x = 0; x < n; x++) {
    const r = records[x] ?? 0;
    if (r <= 0) continue;
    // A column wholly inside a long bin, whose edges the sums put in its neighbours: its middle.
    const middle = t0 + (x + 0.5) * perColumn;
    const from = lo[x] ?? Infinity;
    const to = hi[x] ?? -Infinity;
    out.push({
      t0: from <= to ? from : middle,
      t1: from <= to ? to : middle,
      records: r,
      problems: problems[x] ?? 0,
    });
  }
  return out;
}
