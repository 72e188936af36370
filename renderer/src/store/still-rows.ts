/**
 * Which of the log's rows that said their request was sending or waiting still say true (shared
 * `stillSays`): what the "Still sending" and "Still waiting" filters list, and the rows whose
 * pill keeps those colours (OutcomePill). A row's "Waiting" after its request's completion is
 * what was true when it was logged; a technician asking what is in flight must not be shown it
 * as in flight. Rows are known by seq, which stays the same as rows are evicted and merged.
 *
 * Known still only when every row after it is held: across a hole (rows missing in between, where
 * the request may have moved on unseen) or a run-start (a new run's requests are numbered from r1
 * again, and the old run's will never move on), a row is no longer known to be still. So this
 * holds only the rows of requests in flight.
 */
import {
  isPassing,
  isRequestOutcome,
  stillSays,
  type RequestOutcome,
} from '../../../shared/request/outcome';

const NONE: readonly number[] = [];

/**
 * Whether a row of this kind and outcome can change which rows are still (`note`): a run-start, or
 * a request's outcome. Asked once per distinct kind and outcome by a scan of every row.
 */
export function movesRequests(
  kind: string | null | undefined,
  outcome: string | null | undefined,
): boolean {
  return kind === 'run-start' || isRequestOutcome(outcome);
}

export class StillRows {
  /** The seqs of the rows still saying their outcome, by their request's ref. */
  private readonly byRef = new Map<string, number[]>();
  /** What each of those rows said (sending or waiting), by seq. */
  private readonly said = new Map<number, RequestOutcome>();

  /** Whether the row `seq` said sending or waiting, and its request still is. */
  has(seq: number): boolean {
    return this.said.has(seq);
  }

  /**
   * The next row, in seq order after every row noted so far: it may move rows' requests on, and
   * may itself say sending or waiting. Returns the seqs no longer still.
   */
  note(
    seq: number,
    kind: string | null | undefined,
    ref: string | null | undefined,
    outcome: string | null | undefined,
  ): readonly number[] {
    if (kind === 'run-start') return this.forgetAll();
    // Past a run-start, what movesRequests says: only a request's outcome moves one.
    if (typeof ref !== 'string' || !isRequestOutcome(outcome)) return NONE;
    const rows = this.byRef.get(ref);
    // Most rows of a live log: their request has no row still, and they say no passing outcome.
    if (rows === undefined && !isPassing(outcome)) return NONE;
    let gone: number[] | undefined;
    const kept: number[] = [];
    for (const row of rows ?? NONE) {
      const said = this.said.get(row);
      if (said !== undefined && stillSays(said, outcome)) kept.push(row);
      else {
        this.said.delete(row);
        (gone ??= []).push(row);
      }
    }
    if (isPassing(outcome)) {
      kept.push(seq);
      this.said.set(seq, outcome);
    }
    if (kept.length > 0) this.byRef.set(ref, kept);
    else this.byRef.delete(ref);
    return gone ?? NONE;
  }

  /** Rows are missing before the next one: none before it is known to be still. Returns them. */
  forgetAll(): readonly number[] {
    if (this.said.size === 0) return NONE;
    const gone = [...this.said.keys()];
    this.byRef.clear();
    this.said.clear();
    return gone;
  }

  /** Forgets the rows up to `seq`: dropped from the window, or before rows dropped (a hole). */
  forgetThrough(seq: number): void {
    for (const [ref, rows] of this.byRef) {
      const kept = rows.filter((row) => row > seq);
      if (kept.length === rows.length) continue;
      for (const row of rows) if (row <= seq) this.said.delete(row);
      if (kept.length > 0) this.byRef.set(ref, kept);
      else this.byRef.delete(ref);
    }
  }
}
