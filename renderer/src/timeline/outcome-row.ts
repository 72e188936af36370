/**
 * The log row that says how a request ended, for a request picked on the timeline: a technician's
 * review picked a failed request and the log selected its "Request sent" row, "Sending", with the
 * Failed row out of sight.
 */
import { indexOfSeq, type Rows } from '../store/row-list';

/**
 * How far after a request's row its outcome is looked for: a busy log's completions come within
 * a few hundred rows; one later than this leaves the last row found.
 */
const ROWS_TO_OUTCOME = 5_000;

/**
 * For the request whose row is `seq`: its last row (the completion, the call's refusal, its
 * abandoning) among the next ROWS_TO_OUTCOME rows of its run, or its own row when none came yet.
 * Any other `seq` is itself.
 */
export function outcomeRowSeq(rows: Rows | null, seq: number): number {
  const at = rows ? indexOfSeq(rows, seq) : -1;
  const request = rows?.at(at);
  if (!rows || !request || request.kind !== 'request' || request.ref === null) return seq;
  let last = seq;
  const end = Math.min(rows.length, at + 1 + ROWS_TO_OUTCOME);
  for (let i = at + 1; i < end; i++) {
    const row = rows.at(i);
    if (!row || row.kind === 'run-start') break;
    if (row.ref === request.ref) last = row.seq;
  }
  return last;
}
