/**
 * Which of the log's rows that said their request was sending or waiting still say true (shared
 * `stillSays`): a row's "Waiting" is drawn as the request's state only while the request is still
 * waiting, as the "Still waiting" filter lists it (./passing-rows.ts); after its completion the
 * row keeps its word, muted, as what was true when it was logged. Rows are known by seq, which
 * stays the same as rows are evicted and merged.
 *
 * Known still only when every row after it is held: across a hole (rows missing in between, where
 * the request may have moved on unseen) or a run-start (a new run's requests are numbered from r1
 * again, and the old run's will never move on), a row is no longer known to be still. So this
 * holds only the rows of requests in flight: as few as the filter's.
 */
import {
  isPassing,
  REQUEST_OUTCOMES,
  stillSays,
  type RequestOutcome,
} from '../../../shared/request/outcome';

const OUTCOMES: ReadonlySet<string> = new Set(REQUEST_OUTCOMES);

/** A request's outcome, as a record holds it (a log's words are checked, not trusted). */
function isOutcome(value: string | null | undefined): value is RequestOutcome {
  return typeof value === 'string' && OUTCOMES.has(value);
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
   * may itself say sending or waiting.
   */
  note(
    seq: number,
    kind: string | null | undefined,
    ref: string | null | undefined,
    outcome: string | null | undefined,
  ): void {
    if (kind === 'run-start') {
      this.forgetAll();
      return;
    }
    if (typeof ref !== 'string' || !isOutcome(outcome)) return;
    const rows = this.byRef.get(ref);
    const kept = rows ? rows.filter((row) => this.stays(row, outcome)) : [];
    if (isPassing(outcome)) {
      kept.push(seq);
      this.said.set(seq, outcome);
    }
    if (kept.length > 0) this.byRef.set(ref, kept);
    else this.byRef.delete(ref);
  }

  /** Rows are missing before the next one: none before it is known to be still. */
  forgetAll(): void {
    this.byRef.clear();
    this.said.clear();
  }

  /** The rows from `fromSeq` to `toSeq` were dropped from the window. */
  dropBetween(fromSeq: number, toSeq: number): void {
    for (const [ref, rows] of this.byRef) {
      const kept = rows.filter((row) => row < fromSeq || row > toSeq);
      if (kept.length === rows.length) continue;
      for (const row of rows) if (row >= fromSeq && row <= toSeq) this.said.delete(row);
      if (kept.length > 0) this.byRef.set(ref, kept);
      else this.byRef.delete(ref);
    }
  }

  /** Whether row `seq` still says what it said, now that its request says `now`. */
  private stays(seq: number, now: RequestOutcome): boolean {
    const said = this.said.get(seq);
    if (said !== undefined && stillSays(said, now)) return true;
    this.said.delete(seq);
    return false;
  }
}
