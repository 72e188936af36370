/**
 * What the report's timeline picture needs, gathered in bounded memory while the log streams by.
 *
 * Up to DETAIL_LIMIT requests and markers are kept one by one and drawn exactly. Past that the
 * picture switches to density: every lane is cut into BINS columns and each column remembers
 * which outcomes happened in it. The log's length is not known until its end, so the columns
 * start 1 ms wide and double (merging neighbours) whenever a record falls past the last one;
 * memory stays BINS counters per lane and outcome whatever the duration.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { FoldedRequest } from '../../../shared/request/fold.js';
import { SPAN_MARKS, spanMark } from '../../../shared/request/marks.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { serviceKey } from '../../../shared/model.js';
import { type ExportRange, keptFromBefore } from '../../../shared/export-range.js';

const DETAIL_LIMIT = 4000;
export const BINS = 400;

/** What a density column counts: each span mark, and data reads. */
export const CLASSES = [...SPAN_MARKS, 'read'] as const;
export type DensityClass = (typeof CLASSES)[number];

export interface Lane {
  index: number;
  interfaceId: string;
  serviceId: string;
  serviceName: string;
}

/**
 * `backend-down`: the backend went away (its status says unavailable); `backend`: any other status.
 * `unmatched`: a completion no waiting request matched. Each is told in the log's words (the
 * window's timeline tells its marks so).
 */
type MarkKind = 'read' | 'unmatched' | 'arrival' | 'removal' | 'backend' | 'backend-down' | 'error';

export interface Mark {
  kind: MarkKind;
  t: number;
  /**
   * Service lane for read data and unmatched completions; device for arrival/removal; neither for
   * backend and errors.
   */
  lane?: number;
  interfaceId?: string;
  title: string;
}

const MAX_LANES = 512;
const MAX_DEVICE_MARKS = 2000;

export class TimelineCollector {
  readonly lanes: Lane[] = [];
  private readonly laneByKey = new Map<string, Lane>();
  readonly devices: string[] = [];
  spans: FoldedRequest[] = [];
  marks: Mark[] = [];
  /** Device arrival/removal, backend and error marks are rare and always kept (up to a cap). */
  readonly fixedMarks: Mark[] = [];
  detailed = true;
  binWidth = 1;
  /** Per lane: BINS × CLASSES counters. */
  readonly bins: Uint32Array[] = [];
  endMono = 0;
  requests = 0;
  /**
   * The axis's zero (monotonic ms): the run's start; in a range's export, its first entry
   * (`startTime`), so that the hour asked for is drawn across the picture, not squeezed into its
   * last pixel after the days since the run started (unless the range holds a restart: `rebase`).
   */
  startMono = 0;
  startTime: string | null = null;
  private awaitingStart: boolean;

  constructor(private readonly range?: ExportRange) {
    this.awaitingStart = range !== undefined;
  }

  addSpan(span: FoldedRequest): void {
    const lane = this.lane(span.interfaceId, span.serviceId, span.serviceName);
    if (!lane) return;
    const end = span.endMono ?? span.sentMono;
    this.requests += 1;
    this.start(span.sentMono, null);
    this.extend(end);
    this.bin(lane.index, span.sentMono, end, spanMark(span.outcome));
    if (this.detailed) {
      this.spans.push(span);
      this.checkDetail();
    }
  }

  observe(record: JournalRecord): void {
    if (keptFromBefore(record, this.range)) {
      if (record.kind === 'device-info') this.device(record.interfaceId);
      return;
    }
    this.start(record.mono, record.time);
    // A restart: its clock starts again. Any other record a little before the first (the
    // journal writes a completion that came during a call after the call's return) is drawn in
    // the first column.
    if (record.kind === 'run-start' && record.mono < this.startMono) this.rebase();
    this.extend(record.mono);
    switch (record.kind) {
      case 'read-data': {
        const lane = this.lane(record.interfaceId, record.serviceId, record.serviceName);
        if (!lane) break;
        this.bin(lane.index, record.mono, record.mono, 'read');
        if (this.detailed) {
          this.marks.push({
            kind: 'read',
            t: record.mono,
            lane: lane.index,
            title: `${record.byteLength} bytes read`,
          });
          this.checkDetail();
        }
        break;
      }
      case 'completion': {
        // Completions that matched no waiting request: duplicates, unknown IDs, after abandoning.
        // Told in the log's words (describeRecord), as the window's timeline tells its marks.
        if (record.outcome !== null) break;
        const lane = this.lane(record.interfaceId, record.serviceId, record.serviceName);
        if (lane && this.detailed) {
          this.marks.push({
            kind: 'unmatched',
            t: record.mono,
            lane: lane.index,
            title: describeRecord(record),
          });
          this.checkDetail();
        }
        break;
      }
      case 'device-arrival':
      case 'device-removal':
      case 'device-info':
        this.device(record.interfaceId);
        if (record.kind !== 'device-info')
          this.fixed({
            kind: record.kind === 'device-arrival' ? 'arrival' : 'removal',
            t: record.mono,
            interfaceId: record.interfaceId,
            title: describeRecord(record),
          });
        break;
      case 'backend-status':
        this.fixed({
          kind: record.available ? 'backend' : 'backend-down',
          t: record.mono,
          title: describeRecord(record),
        });
        break;
      case 'error':
        this.fixed({ kind: 'error', t: record.mono, title: describeRecord(record) });
        break;
      default:
        break;
    }
  }

  private fixed(mark: Mark): void {
    if (this.fixedMarks.length < MAX_DEVICE_MARKS) this.fixedMarks.push(mark);
  }

  private checkDetail(): void {
    if (this.spans.length + this.marks.length > DETAIL_LIMIT) {
      this.detailed = false;
      this.spans = [];
      this.marks = [];
    }
  }

  private device(interfaceId: string): void {
    if (!this.devices.includes(interfaceId) && this.devices.length < MAX_LANES)
      this.devices.push(interfaceId);
  }

  private lane(interfaceId: string, serviceId: string, serviceName: string): Lane | undefined {
    const key = serviceKey(interfaceId, serviceId);
    const known = this.laneByKey.get(key);
    if (known || this.lanes.length >= MAX_LANES) return known;
    this.device(interfaceId);
    const lane: Lane = { index: this.lanes.length, interfaceId, serviceId, serviceName };
    this.lanes.push(lane);
    this.laneByKey.set(key, lane);
    this.bins.push(new Uint32Array(BINS * CLASSES.length));
    return lane;
  }

  /** The axis's zero, at the first entry drawn, when it is the range's (`startMono`). */
  private start(mono: number, time: string | null): void {
    if (!this.awaitingStart) return;
    this.awaitingStart = false;
    this.startMono = mono;
    this.startTime = time;
    this.endMono = mono;
  }

  /**
   * Back to the run's start as the axis's zero: a range holding a restart (its clock starts again
   * at 0) cannot be drawn from its first entry, or the later run's requests would fall before the
   * picture (left out of its columns). Columns counted so far move to where they stand from 0
   * (to the column where they begin: within one column's width).
   */
  private rebase(): void {
    const shift = this.startMono;
    this.startMono = 0;
    this.startTime = null;
    while (this.endMono >= this.binWidth * BINS) this.coarsen();
    const by = Math.floor(shift / this.binWidth);
    if (by === 0) return;
    const k = CLASSES.length;
    for (const counts of this.bins)
      for (let i = BINS - 1; i >= 0; i--)
        for (let c = 0; c < k; c++)
          counts[i * k + c] = i - by >= 0 ? (counts[(i - by) * k + c] ?? 0) : 0;
  }

  private extend(t: number): void {
    if (t > this.endMono) this.endMono = t;
    while (t - this.startMono >= this.binWidth * BINS) this.coarsen();
  }

  /** Halves the resolution: column i takes what columns 2i and 2i+1 held. */
  private coarsen(): void {
    const k = CLASSES.length;
    for (const counts of this.bins) {
      for (let i = 0; i < BINS; i++) {
        for (let c = 0; c < k; c++) {
          const a = 2 * i < BINS ? (counts[2 * i * k + c] ?? 0) : 0;
          const b = 2 * i + 1 < BINS ? (counts[(2 * i + 1) * k + c] ?? 0) : 0;
          counts[i * k + c] = a + b;
        }
      }
    }
    this.binWidth *= 2;
  }

  private bin(lane: number, start: number, end: number, cls: DensityClass): void {
    const counts = this.bins[lane];
    if (!counts) return;
    const c = CLASSES.indexOf(cls);
    const first = Math.max(0, Math.floor((start - this.startMono) / this.binWidth));
    const last = Math.max(
      first,
      Math.min(BINS - 1, Math.floor((end - this.startMono) / this.binWidth)),
    );
    for (let i = first; i <= last; i++)
      counts[i * CLASSES.length + c] = (counts[i * CLASSES.length + c] ?? 0) + 1;
  }
}
