/**
 * Requests as spans, from the request record to whatever ended it: its completion, a refusal at
 * once, the call throwing, the device going away, or the end of the log. The trace and the report
 * timeline both draw these, so they agree on what a request's outcome was.
 *
 * Only requests still waiting are kept (keyed by ref). A log where requests never end could make
 * that grow, so past `limit` the oldest is ended early as `unfinished`.
 */
import { succeeded } from '../../../shared/hresult.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { SessionOp } from '../../../shared/model.js';

export type SpanOutcome = 'succeeded' | 'failed' | 'rejected' | 'abandoned' | 'unfinished';

export interface Span {
  ref: string;
  op: SessionOp;
  interfaceId: string;
  serviceId: string;
  serviceName: string;
  requestId: number | null;
  /** Monotonic ms. */
  start: number;
  end: number;
  outcome: SpanOutcome;
  /** It went overdue (a completion may still have come: then `late`). */
  overdue: boolean;
  /** When it went overdue (monotonic ms), or null. */
  overdueAt: number | null;
  late: boolean;
  /** HRESULT (or completion status) and its name, when there was one. */
  code: string | null;
  codeName: string | null;
}

type OpenSpan = Omit<Span, 'end' | 'outcome' | 'late' | 'code' | 'codeName'>;

/** The tracker records a call that threw as an error whose context ends with `(r12)`. */
const REF_IN_CONTEXT = /\((r\d+)\)$/;

export class SpanTracker {
  private readonly open = new Map<string, OpenSpan>();
  private lastMono = 0;

  constructor(
    private readonly onSpan: (span: Span) => void,
    private readonly limit = 200_000,
  ) {}

  /** Whether a request with this ref is still waiting. */
  isOpen(ref: string): boolean {
    return this.open.has(ref);
  }

  observe(record: JournalRecord): void {
    if (record.kind === 'run-start') {
      // A new run reuses refs and restarts the clock: what the last run left waiting ends here.
      this.finish();
      this.lastMono = record.mono;
      return;
    }
    if (record.mono > this.lastMono) this.lastMono = record.mono;
    switch (record.kind) {
      case 'request':
        this.open.set(record.ref, {
          ref: record.ref,
          op: record.op,
          interfaceId: record.interfaceId,
          serviceId: record.serviceId,
          serviceName: record.serviceName,
          requestId: null,
          start: record.mono,
          overdue: false,
          overdueAt: null,
        });
        if (this.open.size > this.limit) {
          const oldest = this.open.keys().next().value;
          if (oldest !== undefined) this.close(oldest, record.mono, 'unfinished', null, null);
        }
        break;
      case 'request-returned': {
        const span = this.open.get(record.ref);
        if (!span) break;
        span.requestId = record.requestId;
        if (record.state === 'rejected' || record.state === 'failed')
          this.close(record.ref, record.mono, 'rejected', record.hresult, record.hresultName);
        else if (record.state === 'succeeded')
          this.close(record.ref, record.mono, 'succeeded', record.hresult, record.hresultName);
        break;
      }
      case 'completion':
        if (record.ref !== null && this.open.has(record.ref)) {
          const outcome = succeeded(Number.parseInt(record.status, 16)) ? 'succeeded' : 'failed';
          this.close(
            record.ref,
            record.mono,
            outcome,
            record.status,
            record.statusName,
            record.match === 'late',
          );
        }
        break;
      case 'overdue': {
        const span = this.open.get(record.ref);
        if (span) {
          span.overdue = true;
          span.overdueAt = record.mono;
        }
        break;
      }
      case 'abandoned':
        this.close(record.ref, record.mono, 'abandoned', null, null);
        break;
      case 'error': {
        const ref = REF_IN_CONTEXT.exec(record.context)?.[1];
        if (ref !== undefined) this.close(ref, record.mono, 'rejected', null, 'call failed');
        break;
      }
      default:
        break;
    }
  }

  /** Ends every request still waiting at the last time seen (end of log or of a run). */
  finish(): void {
    for (const ref of [...this.open.keys()])
      this.close(ref, this.lastMono, 'unfinished', null, null);
  }

  private close(
    ref: string,
    end: number,
    outcome: SpanOutcome,
    code: string | null,
    codeName: string | null,
    late = false,
  ): void {
    const span = this.open.get(ref);
    if (!span) return;
    this.open.delete(ref);
    // Clocks are monotonic, but records are stamped when written: never end before the start.
    // Written out field by field: a spread here showed up in the benchmark's profile.
    this.onSpan({
      ref: span.ref,
      op: span.op,
      interfaceId: span.interfaceId,
      serviceId: span.serviceId,
      serviceName: span.serviceName,
      requestId: span.requestId,
      start: span.start,
      end: Math.max(end, span.start),
      outcome,
      overdue: span.overdue,
      overdueAt: span.overdueAt,
      late,
      code,
      codeName,
    });
  }
}
