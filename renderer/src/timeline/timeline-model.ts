/**
 * The canvas timeline's data, built from the same `LogRow`s the log shows, so a span and its log
 * rows can never disagree. Built incrementally: live rows cost only themselves.
 *
 * Why not `electron/core/export/spans.ts`: the renderer may import only types from the contract
 * and the core model (lint layers), and that module works on journal records (monotonic time),
 * which never reach the renderer. The outcome rules below follow it: a late completion is late,
 * a request that ended by the device going away is abandoned, one still waiting past its timeout
 * is overdue.
 */
import type { HresultView, LogRow } from '../../../electron/ipc/contract';

export type SpanClass = 'ok' | 'failed' | 'pending' | 'overdue' | 'late' | 'abandoned';
export type MarkKind = 'read' | 'arrival' | 'removal' | 'backend';

export interface TimelineSpan {
  ref: string;
  lane: TimelineLane;
  /** Wall-clock ms. */
  start: number;
  /** Wall-clock ms, or NaN while it is still waiting (drawn up to the newest time). */
  end: number;
  cls: SpanClass;
  op: string;
  requestId: number | null;
  hresult: HresultView | null;
  /** Whether `hresult` is what the call returned (accepted, refused) or the completion's status. */
  hresultFrom: 'call' | 'completion';
  latencyMs: number | null;
  /** Seq of the request row: what selecting the span selects in the log. */
  seq: number;
  /** It went overdue at some point (also true for late ones). */
  overdue: boolean;
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
  /** Sorted by start (rows arrive in seq order, and a request's start is its row's time). */
  spans: TimelineSpan[];
  marks: TimelineMark[];
  /** Longest finished span, so culling can search by start alone. */
  maxDuration: number;
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
  private open = new Map<string, TimelineSpan>();
  private ordered: TimelineLane[] | null = null;
  private source: readonly LogRow[] | null = null;
  private consumed = 0;

  /**
   * Brings the model up to date with `rows` (ordered by seq). The same array grown at its end
   * costs only the new rows; any other array (history merged in, old rows evicted) is rebuilt.
   */
  sync(rows: readonly LogRow[]): void {
    if (rows !== this.source || rows.length < this.consumed) this.reset(rows);
    if (rows.length === this.consumed) return;
    for (let i = this.consumed; i < rows.length; i++) {
      const row = rows[i];
      if (row) this.add(row);
    }
    this.consumed = rows.length;
    this.revision++;
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
    this.ordered = null;
    this.spanCount = 0;
    this.minTime = Number.POSITIVE_INFINITY;
    this.maxTime = Number.NEGATIVE_INFINITY;
    this.source = rows;
    this.consumed = 0;
    this.revision++;
  }

  private add(row: LogRow): void {
    const t = Date.parse(row.time);
    if (Number.isNaN(t)) return;
    if (t < this.minTime) this.minTime = t;
    if (t > this.maxTime) this.maxTime = t;
    switch (row.kind) {
      case 'run-start':
        // A new run numbers its requests from r1 again: what the last one left waiting ends here.
        for (const span of this.open.values()) this.finish(span, t, 'abandoned');
        this.open.clear();
        return;
      case 'request':
        this.startSpan(row, t);
        return;
      case 'request-returned':
      case 'completion':
      case 'overdue':
      case 'abandoned':
        this.updateSpan(row, t);
        return;
      case 'read-data':
        this.mark(this.serviceLane(row), 'read', row, t);
        return;
      case 'device-arrival':
      case 'device-removal':
        if (row.interfaceId)
          this.mark(
            this.deviceLane(row.interfaceId),
            row.kind === 'device-arrival' ? 'arrival' : 'removal',
            row,
            t,
          );
        return;
      case 'device-info':
        // "device <maker> <model>, firmware …": the lane reads as the modem's model (as the
        // device list does), not its interface GUID.
        if (row.interfaceId) {
          const name = /^device .*?(\S+),\s*firmware/.exec(row.text)?.[1];
          if (name) this.deviceLane(row.interfaceId).label = name;
        }
        return;
      case 'backend-status':
        this.mark(this.backendLane(), 'backend', row, t);
        return;
      default:
        return;
    }
  }

  private startSpan(row: LogRow, t: number): void {
    const lane = this.serviceLane(row);
    if (!lane || row.ref === null) return;
    const span: TimelineSpan = {
      ref: row.ref,
      lane,
      start: t,
      end: Number.NaN,
      cls: 'pending',
      op: opOf(row.text),
      requestId: row.requestId,
      hresult: null,
      hresultFrom: 'call',
      latencyMs: null,
      seq: row.seq,
      overdue: false,
    };
    lane.spans.push(span);
    this.open.set(row.ref, span);
    this.spanBySeq.set(row.seq, span);
    this.spanCount++;
  }

  private updateSpan(row: LogRow, t: number): void {
    if (row.ref === null) return;
    const span = this.open.get(row.ref);
    if (!span) return;
    this.spanBySeq.set(row.seq, span);
    if (row.requestId !== null) span.requestId = row.requestId;
    if (row.hresult) {
      span.hresult = row.hresult;
      span.hresultFrom = row.kind === 'completion' ? 'completion' : 'call';
    }
    if (row.kind === 'overdue') {
      span.overdue = true;
      span.cls = 'overdue';
    } else if (row.kind === 'abandoned') {
      this.finish(span, t, 'abandoned');
    } else if (row.kind === 'completion') {
      span.latencyMs = row.latencyMs;
      this.finish(span, t, row.outcome === 'late' || span.overdue ? 'late' : okOrFailed(row));
    } else if (row.outcome === 'rejected') {
      this.finish(span, t, 'failed');
    }
  }

  private finish(span: TimelineSpan, t: number, cls: SpanClass): void {
    span.end = Math.max(t, span.start);
    span.cls = cls;
    this.open.delete(span.ref);
    const duration = span.end - span.start;
    if (duration > span.lane.maxDuration) span.lane.maxDuration = duration;
  }

  private mark(lane: TimelineLane | null, kind: MarkKind, row: LogRow, t: number): void {
    lane?.marks.push({ kind, t, seq: row.seq, text: row.text });
  }

  private serviceLane(row: LogRow): TimelineLane | null {
    if (row.interfaceId === null || row.serviceId === null) return null;
    this.deviceLane(row.interfaceId);
    const key = `${row.interfaceId}|${row.serviceId.replace(/^\{|\}$/g, '').toLowerCase()}`;
    return this.lane(key, 'service', row.interfaceId, row.serviceName ?? row.serviceId);
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
      lane = { key, kind, interfaceId, label, spans: [], marks: [], maxDuration: 0 };
      this.lanes.set(key, lane);
      this.ordered = null;
    }
    return lane;
  }
}

function okOrFailed(row: LogRow): SpanClass {
  return row.outcome === 'succeeded' ? 'ok' : 'failed';
}

/** The request row's text starts with its operation ("close sent to …"). */
function opOf(text: string): string {
  return /^(\w+)/.exec(text)?.[1] ?? 'request';
}

/** Index of the first span that could still be visible at `t0`. Spans are sorted by start. */
export function firstVisible(lane: TimelineLane, t0: number): number {
  const from = t0 - lane.maxDuration;
  let lo = 0;
  let hi = lane.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const span = lane.spans[mid];
    if (span && span.start < from) lo = mid + 1;
    else hi = mid;
  }
  // Spans still waiting have no end yet; they are few, and found by scanning back from here.
  return lo;
}
