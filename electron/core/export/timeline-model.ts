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
import { RunClock } from '../../../shared/journal/run-clock.js';
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
   * The axis's zero (ms of `clock`): the run's start; in a range's export, its first entry
   * (`startTime`), so that the hour asked for is drawn across the picture, not squeezed into its
   * last pixel after the days since the run started.
   */
  startMono = 0;
  startTime: string | null = null;
  private awaitingStart: boolean;
  /**
   * One axis across the log's runs: each run's monotonic clock starts again, and a second run's
   * requests were drawn over the first's (a restart in a range went back to the run's start).
   */
  private readonly clock = new RunClock();

  constructor(private readonly range?: ExportRange) {
    this.awaitingStart = range !== undefined;
  }

  addSpan(span: FoldedRequest): void {
    const lane = this.lane(span.interfaceId, span.serviceId, span.serviceName);
    if (!lane) return;
    const sent = this.clock.at(span.sentMono, span.run);
    const end = this.clock.at(span.endMono ?? span.sentMono, span.run);
    this.requests += 1;
    this.start(sent, null);
    this.extend(end);
    this.bin(lane.index, sent, end, spanMark(span.outcome));
    if (this.detailed) {
      // Kept on the picture's axis (a few thousand at most: copied).
      this.spans.push({
        ...span,
        sentMono: sent,
        endMono: span.endMono === null ? null : end,
        overdueMono: span.overdueMono === null ? null : this.clock.at(span.overdueMono, span.run),
      });
      this.checkDetail();
    }
  }

  /** The runs drawn (their run-starts seen). */
  get runs(): number {
    return this.clock.run;
  }

  /** Whether each run is drawn where its start's wall-clock time puts it (RunClock). */
  get onWallClock(): boolean {
    return this.clock.onWallClock;
  }

  observe(record: JournalRecord): void {
    this.clock.observe(record);
    if (keptFromBefore(record, this.range)) {
      if (record.kind === 'device-info') this.device(record.interfaceId);
      return;
    }
    // A record a little before the first (the journal writes a completion that came during a
    // call after the call's return) is drawn in the first column.
    const t = this.clock.at(record.mono);
    this.start(t, record.time);
    this.extend(t);
    switch (record.kind) {
      case 'read-data': {
        const lane = this.lane(record.interfaceId, record.serviceId, record.serviceName);
        if (!lane) break;
        this.bin(lane.index, t, t, 'read');
        if (this.detailed) {
          this.marks.push({
            kind: 'read',
            t,
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
            t,
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
            t,
            interfaceId: record.interfaceId,
            title: describeRecord(record),
          });
        break;
      case 'backend-status':
        this.fixed({
          kind: record.available ? 'backend' : 'backend-down',
          t,
          title: describeRecord(record),
        });
        break;
      case 'error':
        this.fixed({ kind: 'error', t, title: describeRecord(record) });
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
