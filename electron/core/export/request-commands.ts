/**
 * The command each QUERY or SET request sent, by ref, for the CSV rows of its other records: only
 * the request record carries its command ID, and a support engineer who filters the CSV by it
 * must find the return, the completion (the result) and the rest too. The report and the trace
 * ask their RequestFold instead; the CSV folds no requests, and most of its rows are made on
 * helper threads that never see the request (line-check-pool.ts), so this keeps just what its
 * command columns need, on the calling thread, which takes the records in file order.
 *
 * Bounded for a log of any size:
 * - a request is kept while more of its records may come: until one gives it an outcome that ends
 *   it, as RequestFold ends requests (an overdue or given-up one may still complete late). Past
 *   WAITING_LIMIT requests waiting at once (their ends missing from the log), the oldest
 *   WAITING_LIMIT are forgotten together, and their later rows say no command;
 * - an ended one is kept for ENDED_RECORDS to twice that many records more (the call's return that
 *   a completion overtook, a duplicate completion), or until ENDED_LIMIT more have ended, then
 *   forgotten: a stray completion after that says no command;
 * - a run-start forgets them all (the next run numbers its requests from r1 again).
 * A row whose request is not known says no command rather than a wrong one. While nothing is
 * kept (`empty`), a writer takes the rows made ahead as they are, unlooked at: most of a log's
 * life, and all of a log without commands.
 *
 * The full path (`observe`) and a writer that takes rows made ahead (`passed`, `has`) must count
 * every record once, in file order: what is forgotten when depends on that count, and the two
 * paths give the same bytes only if they forget the same.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import { hasEnded, type RequestOutcome } from '../../../shared/request/outcome.js';
import { recordCommandId, refOf, type RequestCommand } from '../../../shared/request/story.js';

const WAITING_LIMIT = 8192;
const ENDED_LIMIT = 8192;
const ENDED_RECORDS = 100_000;

type Kept = Map<string, RequestCommand>;

export class RequestCommands {
  private waiting: Kept = new Map();
  private waitingOlder: Kept = new Map();
  private ended: Kept = new Map();
  private endedOlder: Kept = new Map();
  /** Records counted so far, and when the ended ones next move on (a multiple of ENDED_RECORDS). */
  private records = 0;
  private turnAt = ENDED_RECORDS;

  /** Nothing is kept: no row of a passing line can need a command. */
  get empty(): boolean {
    return (
      this.waiting.size === 0 &&
      this.waitingOlder.size === 0 &&
      this.ended.size === 0 &&
      this.endedOlder.size === 0
    );
  }

  /** Whether the request `ref` names is kept: a row of it may need its command. */
  has(ref: string): boolean {
    return this.find(ref) !== undefined;
  }

  /**
   * Learns from the next record, and returns the command ID its row shows: the record's own, or
   * its request's when known and of the same service.
   */
  observe(record: JournalRecord): number | null {
    if (record.kind === 'run-start') {
      for (const kept of [this.waiting, this.waitingOlder, this.ended, this.endedOlder])
        kept.clear();
      this.passed(1);
      return null;
    }
    const ref = refOf(record);
    let command: number | null = null;
    if (ref !== null) {
      if (record.kind === 'request') {
        // A request under a ref already kept is another run's (its run-start rotated away).
        if (!this.empty) this.forget(ref);
        command = record.commandId ?? null;
        if (command !== null)
          this.wait(ref, {
            op: record.op,
            interfaceId: record.interfaceId,
            serviceId: record.serviceId,
            commandId: command,
          });
      } else {
        const request = this.find(ref);
        command = recordCommandId(record, request);
        const outcome = 'outcome' in record ? record.outcome : null;
        if (request && command !== null && outcome !== null && endsRequest(outcome))
          this.end(ref, request);
      }
    }
    this.passed(1);
    return command;
  }

  /** `count` records taken as they were made, without a look (their requests are not kept). */
  passed(count: number): void {
    this.records += count;
    while (this.records >= this.turnAt) {
      this.turnAt += ENDED_RECORDS;
      this.turnEnded();
    }
  }

  private find(ref: string): RequestCommand | undefined {
    return (
      this.waiting.get(ref) ??
      this.waitingOlder.get(ref) ??
      this.ended.get(ref) ??
      this.endedOlder.get(ref)
    );
  }

  private wait(ref: string, request: RequestCommand): void {
    if (this.waiting.size >= WAITING_LIMIT) {
      const older = this.waitingOlder;
      older.clear();
      this.waitingOlder = this.waiting;
      this.waiting = older;
    }
    this.waiting.set(ref, request);
  }

  private end(ref: string, request: RequestCommand): void {
    if (!this.waiting.delete(ref) && !this.waitingOlder.delete(ref)) return;
    if (this.ended.size >= ENDED_LIMIT) this.turnEnded();
    this.ended.set(ref, request);
  }

  private forget(ref: string): void {
    this.waiting.delete(ref);
    this.waitingOlder.delete(ref);
    this.ended.delete(ref);
    this.endedOlder.delete(ref);
  }

  private turnEnded(): void {
    const older = this.endedOlder;
    older.clear();
    this.endedOlder = this.ended;
    this.ended = older;
  }
}

/** As RequestFold ends a request: overdue and given up still wait for a late completion. */
function endsRequest(outcome: RequestOutcome): boolean {
  return hasEnded(outcome) && outcome !== 'given-up';
}
