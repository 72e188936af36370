/**
 * The canvas timeline's data, built from the same `LogRow`s the log shows, so a span and its log
 * rows can never disagree. Requests are folded from the rows' records by the shared fold
 * (`shared/request/fold.ts`), the one the report and the trace use, so the window's timeline
 * tells each request's outcome exactly as they do. Built incrementally: live rows cost only
 * themselves.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { serviceKey } from '../../../shared/model';
import { RequestFold, type FoldedRequest } from '../../../shared/request/fold';
import { spanMark, type SpanMark } from '../../../shared/request/marks';
import type { RequestOutcome } from '../../../shared/request/outcome';
import { OUTCOME_INDEX, SpanColumns } from './span-columns';
import { LaneSummary } from './span-summary';

export type MarkKind = 'read' | 'arrival' | 'removal' | 'backend' | 'notification';

export interface TimelineSpan {
  ref: string;
  lane: TimelineLane;
  /** Wall-clock ms. */
  start: number;
  /** Wall-clock ms, or NaN while it is still waiting (drawn up to the newest time). */
  end: number;
  /** How it is drawn: the shared mark of its outcome. */
  cls: SpanMark;
  /** The request as the shared fold tells it: outcome, IDs, codes, latency. */
  request: FoldedRequest;
  /** Seq of the request row: what selecting the span selects in the log. */
  seq: number;
  /** Its place in the lane's columns (and in `lane.spans`). */
  index: number;
}

export interface TimelineMark {
  kind: MarkKind;
  t: number;
  seq: number;
  text: string;
}

/** A row of the picture: the backend, a device, or one of a device's services. */
export interface TimelineLane {
  key: string;
  kind: 'backend' | 'device' | 'service';
  interfaceId: string | null;
  label: string;
  /**
   * Every span's start, duration and outcome, sorted by start (rows arrive in seq order, and a
   * request's start is its row's time): what the timeline draws from.
   */
  columns: SpanColumns;
  /** The columns' per-pixel summary, for when spans are denser than pixels. */
  summary: LaneSummary;
  /**
   * The span objects of `columns`, index for index, for tooltips and selection. Spans loaded
   * straight into the columns (`appendSpan`) have none: then `spans` is shorter than `columns`.
   */
  spans: TimelineSpan[];
  marks: TimelineMark[];
}

const BACKEND_KEY = 'backend';

export class TimelineModel {
  readonly lanes = new Map<string, TimelineLane>();
  /** Every log row that belongs to a request, to its span: the log → timeline half of selection. */
  readonly spanBySeq = new Map<number, TimelineSpan>();
  spanCount = 0;
  minTime = Number.POSITIVE_INFINITY;
  maxTime = Number.NEGATIVE_INFINITY;
  /** Bumped on every change, so views know when to redraw. */
  revision = 0;
  /** Spans of the current run by ref (a new run numbers from r1 again), and those still open. */
  private byRef = new Map<string, TimelineSpan>();
  private open = new Map<string, TimelineSpan>();
  private fold = this.newFold();
  private ended = false;
  private ordered: TimelineLane[] | null = null;
  private source: readonly LogRow[] | null = null;
  private consumed = 0;

  /**
   * Brings the model up to date with `rows` (ordered by seq). The same array grown at its end
   * costs only the new rows; any other array (history merged in, old rows evicted) is rebuilt.
   */
  sync(rows: readonly LogRow[], logEnded = false): void {
    if (rows !== this.source || rows.length < this.consumed) this.reset(rows);
    if (logEnded && !this.ended && rows.length === this.consumed) {
      // The log ends here: what still waits has no outcome in it (the exports say the same).
      this.ended = true;
      this.fold.finish();
      this.revision++;
    }
    if (rows.length === this.consumed) return;
    for (let i = this.consumed; i < rows.length; i++) {
      const row = rows[i];
      if (row) this.add(row);
    }
    this.consumed = rows.length;
    this.revision++;
    if (logEnded) this.sync(rows, logEnded);
  }

  /** Requests still waiting: drawn up to the newest time, whatever the culling says. */
  waiting(): Iterable<TimelineSpan> {
    return this.open.values();
  }

  /** Backend first, then each device followed by its services, in the order they appeared. */
  orderedLanes(): TimelineLane[] {
    if (this.ordered) return this.ordered;
    const all = [...this.lanes.values()];
    const out: TimelineLane[] = all.filter((l) => l.kind === 'backend');
    for (const device of all.filter((l) => l.kind === 'device')) {
      out.push(device);
      for (const lane of all)
        if (lane.kind === 'service' && lane.interfaceId === device.interfaceId) out.push(lane);
    }
    this.ordered = out;
    return out;
  }

  private reset(rows: readonly LogRow[]): void {
    this.lanes.clear();
    this.spanBySeq.clear();
    this.open = new Map();
    this.byRef = new Map();
    this.fold = this.newFold();
    this.ended = false;
    this.ordered = null;
    this.spanCount = 0;
    this.minTime = Number.POSITIVE_INFINITY;
    this.maxTime = Number.NEGATIVE_INFINITY;
    this.source = rows;
    this.consumed = 0;
    this.revision++;
  }

  private newFold(): RequestFold {
    return new RequestFold({
      ended: (request) => {
        const span = this.open.get(request.ref);
        if (span) this.finish(span, request);
      },
    });
  }

  private add(row: LogRow): void {
    const t = Date.parse(row.time);
    if (Number.isNaN(t)) return;
    if (t < this.minTime) this.minTime = t;
    if (t > this.maxTime) this.maxTime = t;
    const request = this.fold.observe(row.record);
    if (request) {
      const span =
        row.kind === 'request' ? this.startSpan(row, request, t) : this.byRef.get(request.ref);
      if (span) {
        span.cls = spanMark(request.outcome);
        if (span.lane.columns.outcome[span.index] !== OUTCOME_INDEX.get(request.outcome))
          span.lane.columns.update(span.index, span.end, request.outcome);
        this.spanBySeq.set(row.seq, span);
      }
      return;
    }
    const record = row.record;
    switch (record.kind) {
      case 'run-start':
        this.byRef.clear();
        return;
      case 'read-data':
        this.mark(this.serviceLane(row), 'read', row, t);
        return;
      case 'event-notification':
        this.mark(this.serviceLane(row), 'notification', row, t);
        return;
      case 'device-arrival':
      case 'device-removal':
        this.mark(
          this.deviceLane(record.interfaceId),
          record.kind === 'device-arrival' ? 'arrival' : 'removal',
          row,
          t,
        );
        return;
      case 'device-info':
        // The lane reads as the modem's model (as the device list does), not its interface GUID.
        this.deviceLane(record.interfaceId).label = record.model;
        return;
      case 'backend-status':
        this.mark(this.backendLane(), 'backend', row, t);
        return;
      default:
        return;
    }
  }

  private startSpan(row: LogRow, request: FoldedRequest, t: number): TimelineSpan | undefined {
    const lane = this.serviceLane(row);
    if (!lane) return undefined;
    if (lane.spans.length !== lane.columns.length) return undefined;
    const span: TimelineSpan = {
      ref: request.ref,
      lane,
      start: t,
      end: Number.NaN,
      cls: spanMark(request.outcome),
      request,
      seq: row.seq,
      index: lane.columns.push(t, Number.NaN, request.outcome),
    };
    lane.spans.push(span);
    this.open.set(request.ref, span);
    this.byRef.set(request.ref, span);
    this.spanCount++;
    return span;
  }

  private finish(span: TimelineSpan, request: FoldedRequest): void {
    const end = request.endTime === null ? Number.NaN : Date.parse(request.endTime);
    span.end = Number.isNaN(end) ? span.start : Math.max(end, span.start);
    span.cls = spanMark(request.outcome);
    this.open.delete(span.ref);
    span.lane.columns.update(span.index, span.end, request.outcome);
  }

  /**
   * Adds a span straight to its lane's columns, with no log row or request object behind it: the
   * load path for logs too large to hold an object per request (the benchmark's ten million).
   * Its tooltip gives its outcome and time, as a dense column's does; it cannot be selected.
   */
  appendSpan(
    lane: { interfaceId: string; serviceId: string; serviceName: string },
    start: number,
    end: number,
    outcome: RequestOutcome,
  ): void {
    this.deviceLane(lane.interfaceId);
    const key = serviceKey(lane.interfaceId, lane.serviceId);
    this.lane(key, 'service', lane.interfaceId, lane.serviceName).columns.push(start, end, outcome);
    this.spanCount++;
    if (start < this.minTime) this.minTime = start;
    const last = Number.isNaN(end) ? start : end;
    if (last > this.maxTime) this.maxTime = last;
    this.revision++;
  }

  private mark(lane: TimelineLane | null, kind: MarkKind, row: LogRow, t: number): void {
    lane?.marks.push({ kind, t, seq: row.seq, text: row.text });
  }

  private serviceLane(row: LogRow): TimelineLane | null {
    if (row.interfaceId === null || row.serviceId === null) return null;
    this.deviceLane(row.interfaceId);
    const key = serviceKey(row.interfaceId, row.serviceId);
    const lane = this.lane(key, 'service', row.interfaceId, row.serviceName ?? row.serviceId);
    // A notification can come before the service was listed, under a generic name; a request
    // is sent only to a listed service, so its name is the one to show.
    if (row.kind === 'request' && row.serviceName !== null) lane.label = row.serviceName;
    return lane;
  }

  private deviceLane(interfaceId: string): TimelineLane {
    return this.lane(`device|${interfaceId}`, 'device', interfaceId, interfaceId);
  }

  private backendLane(): TimelineLane {
    return this.lane(BACKEND_KEY, 'backend', null, 'Backend');
  }

  private lane(
    key: string,
    kind: TimelineLane['kind'],
    interfaceId: string | null,
    label: string,
  ): TimelineLane {
    let lane = this.lanes.get(key);
    if (!lane) {
      const columns = new SpanColumns();
      lane = {
        key,
        kind,
        interfaceId,
        label,
        columns,
        summary: new LaneSummary(columns),
        spans: [],
        marks: [],
      };
      this.lanes.set(key, lane);
      this.ordered = null;
    }
    return lane;
  }
}

/** Index of the first span that could still be visible at `t0`. Spans are sorted by start. */
export function firstVisible(lane: TimelineLane, t0: number): number {
  // Spans still waiting have no end yet; they are few, and found by scanning back from here.
  return lane.columns.firstVisible(t0);
}
