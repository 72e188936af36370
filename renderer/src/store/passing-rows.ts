/**
 * The rows a "still sending" or "still waiting" filter shows, by their request: such a row is
 * shown only while its request is still where the row said (shared `stillSays`), so a record that
 * moves the request on (its return, completion, give-up, abandon, failed call) takes the request's
 * rows out of the view as it arrives, found by its ref rather than by a pass over the log. Kept
 * by the log model only while such a filter is on; it holds the rows shown, so it stays as small
 * as the requests in flight.
 */
import { REQUEST_OUTCOMES, stillSays, type RequestOutcome } from '../../../shared/request/outcome';

const OUTCOMES: ReadonlySet<string> = new Set(REQUEST_OUTCOMES);

/** A request's outcome, as a record holds it (a log's words are checked, not trusted). */
function isOutcome(value: string | null | undefined): value is RequestOutcome {
  return typeof value === 'string' && OUTCOMES.has(value);
}

const NONE: readonly number[] = [];

export class PassingRows {
  /**
   * Row indices shown, by the ref of their request: one index (a request says `said` once), or
   * several where a log repeats one.
   */
  private readonly byRef = new Map<string, number | number[]>();

  /** `said`: the filter's outcome, one of the passing ones (shared `isPassing`). */
  constructor(private readonly said: RequestOutcome) {}

  /** How many requests have rows shown. */
  get size(): number {
    return this.byRef.size;
  }

  /** Row `index`, shown, says `said` of request `ref`: it stays while the request is still there. */
  keep(ref: string, index: number): void {
    const rows = this.byRef.get(ref);
    if (rows === undefined) this.byRef.set(ref, index);
    else if (typeof rows === 'number') this.byRef.set(ref, [rows, index]);
    else rows.push(index);
  }

  /**
   * Whether a row of this kind and outcome (as its record holds them) may put rows shown out of
   * date: a run-start, or a record that leaves its request past `said`. A completion that matched
   * none of our requests (no outcome) changes none.
   */
  outdates(kind: string | null | undefined, outcome: string | null | undefined): boolean {
    if (kind === 'run-start') return true;
    return isOutcome(outcome) && !stillSays(this.said, outcome);
  }

  /** A later row: the rows shown it puts out of date (forgotten here), if any. */
  after(
    kind: string | null | undefined,
    ref: string | null | undefined,
    outcome: string | null | undefined,
  ): readonly number[] {
    // A new run numbers its requests from r1 again, and what the last one left in flight will
    // never move on: none of it is in flight now.
    if (kind === 'run-start') return this.forgetAll();
    if (typeof ref !== 'string' || !this.outdates(kind, outcome)) return NONE;
    const rows = this.byRef.get(ref);
    if (rows === undefined) return NONE;
    this.byRef.delete(ref);
    return typeof rows === 'number' ? [rows] : rows;
  }

  /**
   * Every row shown, forgotten: rows are missing after them, where their requests may have moved
   * on unseen. A row is shown as in flight only when the log says so (the rows, once paged in,
   * are filtered again).
   */
  forgetAll(): readonly number[] {
    const rows = [...this.byRef.values()].flat();
    if (rows.length === 0) return NONE;
    this.byRef.clear();
    return rows;
  }
}
