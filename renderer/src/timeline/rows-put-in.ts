/**
 * Where rows a jump (Go to time, an overview click, a search hit) or a page of earlier entries put
 * in among those the timeline folded now end: the index after the last of them in the rows made
 * again, found from the stretches the fold saw not loaded (the rows put in fill them, or come
 * before the first row folded). What the timeline folds first, so the stretch jumped to shows at
 * once rather than after the window's 250,000 rows are folded again (./timeline-model.ts).
 */
import { firstAtLeastIn as firstAtLeast, type Rows } from '../store/row-list';
import type { NotLoaded } from './timeline-model';

/**
 * The index after the last row of `rows` the fold did not hold, where it held the rows from
 * `firstSeq` with the stretches `notLoaded` between them: 0 when every row was held (rows were
 * dropped, not put in). Rows after the last row folded (come since) are not counted.
 */
export function putInEnd(rows: Rows, firstSeq: number, notLoaded: readonly NotLoaded[]): number {
  let end = 0;
  // Before the first row folded (a page of earlier entries).
  const first = firstAtLeast(rows, firstSeq);
  if (first > 0) end = first;
  for (const gap of notLoaded) {
    const after = firstAtLeast(rows, gap.toSeq);
    const last = rows.at(after - 1)?.seq ?? 0;
    if (last > gap.fromSeq) end = Math.max(end, after);
  }
  return end;
}
