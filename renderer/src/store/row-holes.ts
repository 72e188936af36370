/**
 * Where the rows a window holds do not follow on: the one rule by which the log finds its holes
 * (rows to page in, and the lines that say so between its rows) and the timeline its stretches
 * "not loaded". Seqs are consecutive in a run's journal and a saved log's positions alike, so a
 * row numbered more than one past the row before it has rows between them the window lacks.
 */
import { MAX_PAGE } from '../../../shared/log-window';
import type { RowList } from './row-list';

/** Rows the window does not hold between two it does: seqs `fromSeq` to `toSeq`, both in. */
export interface Hole {
  fromSeq: number;
  toSeq: number;
}

/** The hole between row `before` and the next row held, `seq` (ascending); null when none. */
export function holeBetween(before: number, seq: number): Hole | null {
  return seq > before + 1 ? { fromSeq: before + 1, toSeq: seq - 1 } : null;
}

/** How many rows a hole lacks. */
export function holeSize(hole: Hole): number {
  return hole.toSeq - hole.fromSeq + 1;
}

/** The rows of `hole` its line brings in: a page from its start, where the technician read to. */
export function holePage(hole: Hole): Hole {
  // A page: the most one seek may ask for.
  return { fromSeq: hole.fromSeq, toSeq: Math.min(hole.toSeq, hole.fromSeq + MAX_PAGE - 1) };
}

/** The holes between `rows` (ordered by seq) from index `from` to the last, in order. */
export function holesIn(rows: RowList, from = 1): Hole[] {
  const holes: Hole[] = [];
  let before = rows.seqAt(Math.max(0, from - 1));
  for (let i = Math.max(1, from); i < rows.length; i++) {
    const seq = rows.seqAt(i) ?? 0;
    const hole = before === undefined ? null : holeBetween(before, seq);
    if (hole) holes.push(hole);
    before = seq;
  }
  return holes;
}
