/**
 * One time axis across the runs of a log, for the pictures drawn on the journal's monotonic clock
 * (the HTML report's timeline, the Chrome trace). Each run's `mono` starts again at its
 * run-start, so a log holding two runs (two days' logs put together, a restart in a range) drew
 * the second run's requests over the first's: requests made one after the other looked
 * simultaneous. Within a run the monotonic clock stays (it measures latencies, and never steps);
 * each later run is placed where its run-start's wall-clock time puts it, after the first's, and
 * never before anything already drawn (a clock set back, runs of two machines).
 *
 * Every record goes through `observe`, in order, before its time is asked for. A request belongs
 * to the run it was sent in (`FoldedRequest.run`, counted the same way), and a fold ends a run's
 * requests at the next run-start: so a request's run is the current one or the one before, the
 * only two offsets kept.
 */
import type { JournalRecord } from './record.js';

export class RunClock {
  /** Run-starts seen: the number of the run the next record is in (0 before the first). */
  private runs = 0;
  private offset = 0;
  private previousOffset = 0;
  /** The first run's start: its wall clock (epoch ms) and where it is on the axis. */
  private anchor: { wall: number; axis: number } | null = null;
  private moved = false;
  /** The latest time on the axis so far. */
  private latest = Number.NEGATIVE_INFINITY;

  observe(record: JournalRecord): void {
    if (record.kind === 'run-start') {
      const wall = Date.parse(record.time);
      const placed =
        this.anchor && Number.isFinite(wall) ? this.anchor.axis + (wall - this.anchor.wall) : null;
      // The first run starts where its clock says (after any records before it); a later one
      // where its wall clock puts it, but never before what is drawn already.
      const floor = this.runs === 0 ? Math.max(this.latest, record.mono) : this.latest;
      const start = placed === null ? floor : Math.max(placed, floor);
      if (this.runs > 0 && start !== placed) this.moved = true;
      this.runs += 1;
      this.previousOffset = this.offset;
      this.offset = start - record.mono;
      if (!this.anchor && Number.isFinite(wall))
        this.anchor = { wall, axis: record.mono + this.offset };
    }
    const t = record.mono + this.offset;
    if (t > this.latest) this.latest = t;
  }

  /**
   * Whether every later run is where its start's wall-clock time puts it (none was moved on past
   * what was drawn before it): then the axis reads as times of day from the first run's start.
   */
  get onWallClock(): boolean {
    return !this.moved;
  }

  /** The run the last record observed is in (as RequestFold numbers a request's `run`). */
  get run(): number {
    return this.runs;
  }

  /** Where `mono` of run `run` (default: the current one) is on the axis, in ms. */
  at(mono: number, run = this.runs): number {
    return mono + (run === this.runs - 1 ? this.previousOffset : this.offset);
  }
}
