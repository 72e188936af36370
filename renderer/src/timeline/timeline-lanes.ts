/**
 * The timeline's lanes: a row of the picture for the backend, each device and each of a device's
 * services, what each holds (its spans' columns, their per-pixel summary, its point marks), which
 * lane a log row goes in, and the order they are drawn in. Apart from the model because where a
 * row is drawn is one question and how its request is folded into a span is another.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { deviceName } from '../../../shared/device-name';
import { serviceKey } from '../../../shared/model';
import { GENERIC_SERVICE_NAME } from '../../../shared/well-known-services';
import { indexOfSeq, type Rows } from '../store/row-list';
import { SpanColumns } from './span-columns';
import { LaneSummary } from './span-summary';

/**
 * `backend-down`: the backend said it is unavailable (the MBN service gone, the modem lost).
 * `error`: an error record, in the backend's lane (the report's "Backend and errors" row).
 * `unmatched`: a completion no waiting request matched (a duplicate, an unknown request, one
 * after abandoning), on its service's lane where the report draws it.
 */
export type MarkKind =
  | 'read'
  | 'arrival'
  | 'removal'
  | 'backend'
  | 'backend-down'
  | 'notification'
  | 'error'
  | 'unmatched';

export interface TimelineMark {
  kind: MarkKind;
  t: number;
  seq: number;
  text: string;
}

/**
 * A mark told from its log row: its text is made when a tip shows it, from the row the log keeps
 * (found by seq), so a mark holds no row of its own.
 */
export class RowMark implements TimelineMark {
  constructor(
    readonly kind: MarkKind,
    readonly t: number,
    readonly seq: number,
    private readonly rows: Rows,
  ) {}

  get text(): string {
    return this.rows.at(indexOfSeq(this.rows, this.seq))?.text ?? '';
  }
}

/** A row of the picture: the backend, a device, or one of a device's services. */
export interface TimelineLane {
  key: string;
  kind: 'backend' | 'device' | 'service';
  interfaceId: string | null;
  label: string;
  /**
   * A service lane's device lane: its label names the device as the window does, so a selected
   * request says on which of two EM7565s it ran.
   */
  device?: TimelineLane;
  /**
   * Every span's start, duration, outcome and request seq, in seq order (the order rows arrive; a
   * request's start is its row's time): sorted by start within each of its segments, one unless
   * the recording machine's clock was set back (./segments.ts). What the timeline draws from.
   */
  columns: SpanColumns;
  /** The columns' per-pixel summary, for when spans are denser than pixels. */
  summary: LaneSummary;
  /** In the order their rows came: by time within each segment (./segments.ts `segmentsOf`). */
  marks: TimelineMark[];
}

const BACKEND_KEY = 'backend';

/** The lanes by key, made when a row first needs one; a Map, so views read them as one. */
export class Lanes extends Map<string, TimelineLane> {
  private ordered: TimelineLane[] | null = null;

  override clear(): void {
    super.clear();
    this.ordered = null;
  }

  /** Backend first, then each device followed by its services, in the order they appeared. */
  inOrder(): TimelineLane[] {
    if (this.ordered) return this.ordered;
    const all = [...this.values()];
    const out: TimelineLane[] = all.filter((l) => l.kind === 'backend');
    for (const device of all.filter((l) => l.kind === 'device')) {
      out.push(device);
      for (const lane of all)
        if (lane.kind === 'service' && lane.interfaceId === device.interfaceId) out.push(lane);
    }
    this.ordered = out;
    return out;
  }

  /** The lane of the service `row` is about (its device's lane made too), or null for none. */
  serviceLane(row: LogRow): TimelineLane | null {
    if (row.interfaceId === null || row.serviceId === null) return null;
    const key = serviceKey(row.interfaceId, row.serviceId);
    let lane = this.get(key);
    if (!lane) {
      const device = this.deviceLane(row.interfaceId);
      lane = this.lane(key, 'service', row.interfaceId, row.serviceName ?? row.serviceId);
      lane.device = device;
    }
    // A notification can come before the service was listed, under a generic name; a request
    // is sent only to a listed service, so its name is the one to show, as is any record's
    // once the lane has only the generic one (a service notified of, never asked anything).
    if (
      row.serviceName !== null &&
      (row.kind === 'request' ||
        (lane.label === GENERIC_SERVICE_NAME && row.serviceName !== GENERIC_SERVICE_NAME))
    )
      lane.label = row.serviceName;
    return lane;
  }

  deviceLane(interfaceId: string): TimelineLane {
    const key = `device|${interfaceId}`;
    // Named only when made: a name (shared/device-name.ts) takes regular expressions, and named
    // for every row folded, the device took most of the time a fold of the window took.
    return this.get(key) ?? this.lane(key, 'device', interfaceId, deviceName({ interfaceId }));
  }

  /** Each device lane reads as the window names its device (as the log's Device column does). */
  nameDevices(nameOf: (interfaceId: string) => string): void {
    for (const lane of this.values())
      if (lane.kind === 'device' && lane.interfaceId !== null)
        lane.label = nameOf(lane.interfaceId);
  }

  /** The backend's status and the log's errors: the report's top row, named as it is there. */
  backendLane(): TimelineLane {
    return this.lane(BACKEND_KEY, 'backend', null, 'Backend and errors');
  }

  lane(
    key: string,
    kind: TimelineLane['kind'],
    interfaceId: string | null,
    label: string,
  ): TimelineLane {
    let lane = this.get(key);
    if (!lane) {
      const columns = new SpanColumns();
      lane = {
        key,
        kind,
        interfaceId,
        label,
        columns,
        summary: new LaneSummary(columns),
        marks: [],
      };
      this.set(key, lane);
      this.ordered = null;
    }
    return lane;
  }
}

/**
 * Index of the first span that could still be visible at `t0`: the first from which on every span
 * could, when the lane's clock was set back (`SpanColumns.firstStartingAt`).
 */
export function firstVisible(lane: TimelineLane, t0: number): number {
  // Spans still waiting have no end yet; they are few, and found by scanning back from here.
  return lane.columns.firstVisible(t0);
}

/** "EM7565 (…8E47) · Sierra diagnostics stream": a service lane with its device's name. */
export function laneName(lane: TimelineLane): string {
  return lane.device ? `${lane.device.label} · ${lane.label}` : lane.label;
}
