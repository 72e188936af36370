/**
 * The command each QUERY or SET request sent, by ref, for the rows of its other records: only the
 * request record carries its command ID, and a reader of any row of the request must see what it
 * sent, its completion (the result) above all. One rule for every view that reads records in
 * order without folding requests: the CSV's command columns, the window's log and the CLI's
 * `watch` and `search` lines. (The report and the trace ask their RequestFold instead.) Most of a
 * CSV's rows are made on helper threads that never see the request (line-check-pool.ts), so this
 * keeps just what a row's command needs, on the calling thread, which takes the records in order.
 *
 * Bounded for a log of any size:
 * - a request is kept while more of its records may come: until one gives it an outcome that ends
 *   it, as RequestFold ends requests (an overdue or given-up one may still complete late). When
 *   WAITING_LIMIT wait at once (their ends missing from the log), the older half is forgotten;
 * - an ended one is kept for ENDED_RECORDS to twice that many records more (the call's return that
 *   a completion overtook, a duplicate completion), then forgotten; when ENDED_LIMIT are kept, the
 *   older half is;
 * - a run-start forgets them all (the next run numbers its requests from r1 again), and so does a
 *   reader that skips records it cannot see (`forgetAll`: a gap in a window's rows, a search's
 *   hits of another run).
 * A row of a request that is forgotten, or not in what was read, says no command rather than a
 * wrong one. While nothing is kept (`empty`), a CSV writer takes the rows made ahead as they are,
 * unlooked at: most of a log's life, and all of a log without commands.
 *
 * The full path (`observe`) and a writer that takes rows made ahead (`passed`, `kept`, `moment`)
 * must count every record once, in file order: what is forgotten when depends on that count, and
 * the two paths give the same bytes only if they forget the same.
 */
import type { JournalRecord } from '../journal/record.js';
import { closesRecords, type RequestOutcome } from './outcome.js';
import { refKey, type RefKey } from './ref-key.js';
import { isOfRequest, refOf, type RequestCommand } from './story.js';

const WAITING_LIMIT = 8192;
const ENDED_LIMIT = 8192;
const ENDED_RECORDS = 100_000;

interface Kept extends RequestCommand {
  commandId: number;
  /** When it began to wait, or ended (counting each separately): which half is older. */
  order: number;
  /** The record count when it ended; -1 while it waits. */
  endedAt: number;
}

export class RequestCommands {
  private readonly kept = new Map<RefKey, Kept>();
  private waiting = 0;
  private ended = 0;
  private waitOrder = 0;
  private endOrder = 0;
  /** Records counted so far, and when the ended ones are next swept (a multiple of ENDED_RECORDS). */
  private records = 0;
  private sweepAt = ENDED_RECORDS;

  /** Nothing is kept: no row of a passing line can need a command. */
  get empty(): boolean {
    return this.kept.size === 0;
  }

  /** Whether the request `ref` names is kept: a row of it may need its command (`moment`). */
  has(ref: RefKey): boolean {
    return this.kept.has(ref);
  }

  /**
   * Learns from the next record, and returns the command ID its row shows: the record's own, or
   * its request's when known and the record is of it.
   */
  observe(record: JournalRecord): number | null {
    if (record.kind === 'run-start') {
      this.forgetAll();
      this.passed(1);
      return null;
    }
    const ref = refOf(record);
    if (ref === null || !('op' in record)) {
      this.passed(1);
      return null;
    }
    const key = refKey(ref);
    if (record.kind === 'request' && record.commandId !== undefined) {
      this.forget(key);
      this.wait(key, record);
      this.passed(1);
      return record.commandId;
    }
    return this.moment(
      record.kind,
      key,
      record.op,
      record.interfaceId,
      record.serviceId,
      'outcome' in record ? record.outcome : null,
    );
  }

  /**
   * The next record, one of a request's life with no command of its own, read from its fields
   * (a row made ahead, from its line's text): the command ID its row shows, as `observe` says.
   */
  moment(
    kind: string,
    ref: RefKey,
    op: string,
    interfaceId: string,
    serviceId: string,
    outcome: string | null,
  ): number | null {
    this.passed(1);
    const request = this.kept.get(ref);
    if (request === undefined) return null;
    // A request under a ref already kept is another run's (its run-start rotated away).
    if (kind === 'request') {
      this.forget(ref);
      return null;
    }
    if (!isOfRequest(request, op, interfaceId, serviceId)) return null;
    if (request.endedAt < 0 && outcome !== null && closesRecords(outcome as RequestOutcome))
      this.end(request);
    return request.commandId;
  }

  /**
   * Forgets every request: the next records may be of another run, whose refs name other requests
   * (a run-start, or records the reader could not see between the last and the next).
   */
  forgetAll(): void {
    this.kept.clear();
    this.waiting = 0;
    this.ended = 0;
  }

  /** `count` records taken as they were made, without a look (their requests are not kept). */
  passed(count: number): void {
    this.records += count;
    while (this.records >= this.sweepAt) {
      // Those ended ENDED_RECORDS before this multiple of it: the same whether the records were
      // counted one at a time or many at once.
      const before = this.sweepAt - ENDED_RECORDS;
      this.sweepAt += ENDED_RECORDS;
      if (this.ended > 0) this.sweep((kept) => kept.endedAt >= 0 && kept.endedAt < before);
    }
  }

  private wait(ref: RefKey, request: Extract<JournalRecord, { kind: 'request' }>): void {
    if (this.waiting >= WAITING_LIMIT) {
      const older = this.waitOrder - WAITING_LIMIT / 2;
      this.sweep((kept) => kept.endedAt < 0 && kept.order < older);
    }
    this.kept.set(ref, {
      op: request.op,
      interfaceId: request.interfaceId,
      serviceId: request.serviceId,
      commandId: request.commandId ?? 0,
      order: this.waitOrder++,
      endedAt: -1,
    });
    this.waiting += 1;
  }

  private end(request: Kept): void {
    if (this.ended >= ENDED_LIMIT) {
      const older = this.endOrder - ENDED_LIMIT / 2;
      this.sweep((kept) => kept.endedAt >= 0 && kept.order < older);
    }
    request.endedAt = this.records;
    request.order = this.endOrder++;
    this.waiting -= 1;
    this.ended += 1;
  }

  private forget(ref: RefKey): void {
    const kept = this.kept.get(ref);
    if (kept === undefined) return;
    this.kept.delete(ref);
    if (kept.endedAt < 0) this.waiting -= 1;
    else this.ended -= 1;
  }

  /** Forgets every request `old` says, in one pass over what is kept. */
  private sweep(old: (kept: Kept) => boolean): void {
    for (const [ref, kept] of this.kept) if (old(kept)) this.forget(ref);
  }
}
