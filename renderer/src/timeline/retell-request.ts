/**
 * A request told again from its own log rows, by a fold of its own: how the timeline describes an
 * ended request it no longer holds (it keeps columns, not one object per request). Apart from the
 * model because it reads the rows the log keeps, not the model's state, and must end the request
 * exactly where the shared fold would have, stray completions and a run's end included.
 */
import { RequestFold, type FoldedRequest } from '../../../shared/request/fold';
import type { Rows } from '../store/row-list';

/**
 * After a request ended, its later rows are still read for stray completions until this many
 * newer requests were sent: as long as the shared fold remembers an ended request.
 */
const STRAY_WINDOW = 10_000;

/**
 * The story of the request sent in row `at` of `rows`: folded from its request row to its end,
 * and on for stray completions as long as the shared fold would have counted them. A request that
 * never ended in its run (or, once `logEnded`, in the log) ends where they did. Null when row
 * `at` is no request.
 */
export function retellRequest(rows: Rows, at: number, logEnded: boolean): FoldedRequest | null {
  const first = rows.at(at);
  if (!first || first.kind !== 'request' || first.ref === null) return null;
  const ref = first.ref;
  // Set by the fold's listener: an object, so the loop below sees it change.
  const state = { done: false };
  const fold = new RequestFold({ ended: () => (state.done = true) });
  const request = fold.observe(first.record) ?? null;
  let runEnd = -1;
  let sentSince = 0;
  for (let i = at + 1; i < rows.length && sentSince < STRAY_WINDOW; i++) {
    const row = rows.at(i);
    if (!row) continue;
    if (row.kind === 'run-start') {
      runEnd = i - 1;
      break;
    }
    if (row.ref === ref) fold.observe(row.record);
    else if (state.done && row.kind === 'request') sentSince++;
  }
  if (!state.done && (runEnd >= 0 || logEnded)) {
    // It never ended in its run (or in the log): it ends where they did, as the fold said, at
    // the time of the run's (or the log's) last record.
    const last = rows.at(runEnd >= 0 ? runEnd : rows.length - 1);
    if (last && last.ref !== ref) fold.observe(last.record);
    fold.finish();
  }
  return request;
}
