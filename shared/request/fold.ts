/**
 * Requests from a stream of journal records: the fold every reader of a log uses (saved logs,
 * exports, the window's timeline), applying the same reducer the session tracker applied when it
 * wrote them. It adds only what reading needs: when each request was sent and ended, and ending
 * what a run or the log left waiting as `unfinished`.
 *
 * Memory is bounded: waiting requests are kept by ref (past `limit` the oldest is ended early as
 * `unfinished`), and recently ended ones are remembered only to count stray completions.
 */
import type { JournalRecord, RequestRef } from '../journal/record.js';
import { applyToStory, refOf, storyFromRequest, type RequestStory } from './story.js';
import { closesRecords } from './outcome.js';

export interface FoldedRequest extends RequestStory {
  /** Sequence number of the request record: what selects the request in a log. */
  sentSeq: number;
  sentMono: number;
  sentTime: string;
  /** When it ended (monotonic ms, wall clock); `null` while it waits. */
  endMono: number | null;
  endTime: string | null;
  overdueMono: number | null;
  /**
   * The run it was sent in: the run-starts before it (0 before any). Its monotonic times are that
   * run's clock (RunClock places them on one axis across runs).
   */
  run: number;
}

export interface FoldListener {
  /** A record changed this request (including the request record that started it). */
  changed?(request: FoldedRequest, record: JournalRecord): void;
  /** The request ended (its outcome will not change again, stray completions aside). */
  ended?(request: FoldedRequest): void;
}

const ENDED_MEMORY = 10_000;

export class RequestFold {
  private readonly waiting = new Map<RequestRef, FoldedRequest>();
  private readonly recentlyEnded = new Map<RequestRef, FoldedRequest>();
  /**
   * The refs of `recentlyEnded` in the order they went in, so the oldest is found at once: asking
   * the Map for its first key walks past every entry deleted since it last rehashed (thousands),
   * which made the fold of a million-event log take seconds.
   */
  private endedOrder: RequestRef[] = [];
  private endedOldest = 0;
  private lastMono = 0;
  private lastTime = '';
  private runs = 0;

  constructor(
    private readonly listener: FoldListener = {},
    private readonly limit = 200_000,
  ) {}

  /**
   * The request `ref` names, waiting or recently ended (as `observe` finds it): what a row of one
   * of its later records needs of it, such as the command it sent.
   */
  known(ref: RequestRef): FoldedRequest | undefined {
    return this.waiting.get(ref) ?? this.recentlyEnded.get(ref);
  }

  /** Requests still waiting, oldest first. */
  open(): IterableIterator<FoldedRequest> {
    return this.waiting.values();
  }

  /** Folds one record; returns the request it belongs to, if any is known. */
  observe(record: JournalRecord): FoldedRequest | undefined {
    if (record.kind === 'run-start') {
      // A new run numbers its requests from r1 again and restarts the clock.
      this.finish();
      this.runs += 1;
      this.recentlyEnded.clear();
      this.endedOrder = [];
      this.endedOldest = 0;
      this.lastMono = record.mono;
      this.lastTime = record.time;
      return undefined;
    }
    if (record.mono > this.lastMono) this.lastMono = record.mono;
    this.lastTime = record.time;
    const ref = refOf(record);
    if (ref === null) return undefined;
    if (record.kind === 'request') return this.start(record);
    const request = this.waiting.get(ref) ?? this.recentlyEnded.get(ref);
    if (!request || !applyToStory(request, record)) return request;
    if (record.kind === 'overdue') request.overdueMono = record.mono;
    this.listener.changed?.(request, record);
    if (this.waiting.has(ref) && endsRequest(request)) this.end(request, record.mono, record.time);
    return request;
  }

  /** Ends every request still waiting at the last time seen: the log (or a run) ends here. */
  finish(): void {
    for (const request of [...this.waiting.values()]) this.endUnfinished(request);
  }

  private start(record: Extract<JournalRecord, { kind: 'request' }>): FoldedRequest {
    // Fields added one by one rather than spreading the story into a new literal: copying its 22
    // properties by spread took V8's slow path, and folding a 200k-event log went from about
    // 1 s to 0.3 s without it (the objects have fast properties either way).
    const request = storyFromRequest(record) as FoldedRequest;
    request.sentSeq = record.seq;
    request.sentMono = record.mono;
    request.sentTime = record.time;
    request.endMono = null;
    request.endTime = null;
    request.overdueMono = null;
    request.run = this.runs;
    this.waiting.set(request.ref, request);
    this.listener.changed?.(request, record);
    if (this.waiting.size > this.limit) {
      const oldest = this.waiting.values().next().value;
      if (oldest) this.endUnfinished(oldest);
    }
    return request;
  }

  private endUnfinished(request: FoldedRequest): void {
    // Overdue stays overdue (that is what was known); anything still in flight is unfinished.
    if (request.outcome === 'sending' || request.outcome === 'waiting')
      request.outcome = 'unfinished';
    this.end(request, this.lastMono, this.lastTime);
  }

  private end(request: FoldedRequest, mono: number, time: string): void {
    this.waiting.delete(request.ref);
    // Records are stamped when written: never end before the start.
    request.endMono = Math.max(mono, request.sentMono);
    request.endTime = request.endMono === mono ? time : request.sentTime;
    if (!this.recentlyEnded.has(request.ref)) this.endedOrder.push(request.ref);
    this.recentlyEnded.set(request.ref, request);
    if (this.recentlyEnded.size > ENDED_MEMORY) {
      const oldest = this.endedOrder[this.endedOldest];
      this.endedOldest += 1;
      if (oldest !== undefined) this.recentlyEnded.delete(oldest);
      // Drop the consumed half now and then, so the order list stays about ENDED_MEMORY long.
      if (this.endedOldest >= ENDED_MEMORY) {
        this.endedOrder = this.endedOrder.slice(this.endedOldest);
        this.endedOldest = 0;
      }
    }
    this.listener.ended?.(request);
  }
}

/** Whether a record ended the request for reading purposes (closesRecords). */
function endsRequest(request: FoldedRequest): boolean {
  return closesRecords(request.outcome);
}
