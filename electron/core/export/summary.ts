/**
 * What a report says about a log as a whole: the environment it came from and, per device
 * service, how its requests went. Collected record by record in bounded memory (one small entry
 * per device and per service, each with a fixed-size latency histogram), so a million-event log
 * costs no more than a short one.
 */
import { succeeded } from '../../../shared/hresult.js';
import type { JournalRecord, RunStartRecord } from '../../../shared/journal/record.js';
import { normalizeServiceId } from '../../../shared/model.js';
import { LatencyHistogram } from './latency-histogram.js';

export interface DeviceSummary {
  interfaceId: string;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  /** As it appears in the export: a token such as `IMEI-1` when redacted. */
  deviceId: string | null;
  readyState: string | null;
  arrivals: number;
  removals: number;
}

export interface ServiceSummary {
  interfaceId: string;
  serviceId: string;
  serviceName: string;
  requests: number;
  /** Completions with a success status that matched a request. */
  succeeded: number;
  /** Completions with a failure status that matched a request. */
  failed: number;
  /** Refused at once (failure HRESULT from the call, or the call threw). */
  rejected: number;
  overdue: number;
  late: number;
  abandoned: number;
  /** Completions for requests never sent, duplicates, or after abandoning. */
  strayCompletions: number;
  readData: number;
  latency: LatencyHistogram;
}

export interface LogSummary {
  runStart: RunStartRecord | undefined;
  runs: number;
  records: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Monotonic span of the log (ms), from the earliest to the latest record. */
  firstMono: number | null;
  lastMono: number | null;
  byKind: Map<string, number>;
  devices: Map<string, DeviceSummary>;
  services: Map<string, ServiceSummary>;
  errors: number;
  backendUnavailable: number;
}

/** Caps so that a corrupt log with endless distinct IDs cannot exhaust memory. */
const MAX_DEVICES = 256;
const MAX_SERVICES = 1024;

const REF_IN_CONTEXT = /\((r\d+)\)$/;

export class SummaryCollector {
  readonly summary: LogSummary = {
    runStart: undefined,
    runs: 0,
    records: 0,
    firstTime: null,
    lastTime: null,
    firstMono: null,
    lastMono: null,
    byKind: new Map(),
    devices: new Map(),
    services: new Map(),
    errors: 0,
    backendUnavailable: 0,
  };
  /** Service of each request still in flight, so a call that threw counts against its service. */
  private readonly inFlight = new Map<string, string>();

  observe(record: JournalRecord): void {
    const s = this.summary;
    s.records += 1;
    s.byKind.set(record.kind, (s.byKind.get(record.kind) ?? 0) + 1);
    s.firstTime ??= record.time;
    s.lastTime = record.time;
    if (s.firstMono === null || record.mono < s.firstMono) s.firstMono = record.mono;
    if (s.lastMono === null || record.mono > s.lastMono) s.lastMono = record.mono;
    switch (record.kind) {
      case 'run-start':
        s.runs += 1;
        s.runStart ??= record;
        this.inFlight.clear();
        break;
      case 'device-info':
      case 'device-arrival':
      case 'device-removal': {
        const d = this.device(record.interfaceId);
        if (!d) break;
        if (record.manufacturer !== undefined) d.manufacturer = record.manufacturer;
        if (record.model !== undefined) d.model = record.model;
        if (record.firmware !== undefined) d.firmware = record.firmware;
        if (record.deviceId !== undefined) d.deviceId = record.deviceId;
        if (record.readyState !== undefined) d.readyState = record.readyState;
        if (record.kind === 'device-arrival') d.arrivals += 1;
        if (record.kind === 'device-removal') d.removals += 1;
        break;
      }
      case 'request': {
        const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
        if (svc) svc.requests += 1;
        this.device(record.interfaceId);
        if (this.inFlight.size < 100_000)
          this.inFlight.set(record.ref, serviceKey(record.interfaceId, record.serviceId));
        break;
      }
      case 'request-returned': {
        if (record.state === 'rejected' || record.state === 'failed') {
          const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
          if (svc) svc.rejected += 1;
          this.inFlight.delete(record.ref);
        }
        break;
      }
      case 'completion': {
        const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
        if (!svc) break;
        const matched =
          record.ref !== null &&
          (record.match === 'matched' ||
            record.match === 'late' ||
            record.match === 'before-return');
        if (!matched) {
          svc.strayCompletions += 1;
          break;
        }
        if (record.ref !== null) this.inFlight.delete(record.ref);
        if (succeeded(Number.parseInt(record.status, 16))) svc.succeeded += 1;
        else svc.failed += 1;
        if (record.match === 'late') svc.late += 1;
        if (record.latencyMs !== null) svc.latency.add(record.latencyMs);
        break;
      }
      case 'overdue': {
        const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
        if (svc) svc.overdue += 1;
        break;
      }
      case 'abandoned': {
        const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
        if (svc) svc.abandoned += 1;
        this.inFlight.delete(record.ref);
        break;
      }
      case 'read-data': {
        const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
        if (svc) svc.readData += 1;
        break;
      }
      case 'error': {
        s.errors += 1;
        const ref = REF_IN_CONTEXT.exec(record.context)?.[1];
        const key = ref === undefined ? undefined : this.inFlight.get(ref);
        if (ref !== undefined && key !== undefined) {
          const svc = s.services.get(key);
          if (svc) svc.rejected += 1;
          this.inFlight.delete(ref);
        }
        break;
      }
      case 'backend-status':
        if (!record.available) s.backendUnavailable += 1;
        break;
      default:
        break;
    }
  }

  private device(interfaceId: string): DeviceSummary | undefined {
    const known = this.summary.devices.get(interfaceId);
    if (known || this.summary.devices.size >= MAX_DEVICES) return known;
    const d: DeviceSummary = {
      interfaceId,
      manufacturer: null,
      model: null,
      firmware: null,
      deviceId: null,
      readyState: null,
      arrivals: 0,
      removals: 0,
    };
    this.summary.devices.set(interfaceId, d);
    return d;
  }

  private service(
    interfaceId: string,
    serviceId: string,
    serviceName: string,
  ): ServiceSummary | undefined {
    const key = serviceKey(interfaceId, serviceId);
    const known = this.summary.services.get(key);
    if (known || this.summary.services.size >= MAX_SERVICES) return known;
    this.device(interfaceId);
    const svc: ServiceSummary = {
      interfaceId,
      serviceId,
      serviceName,
      requests: 0,
      succeeded: 0,
      failed: 0,
      rejected: 0,
      overdue: 0,
      late: 0,
      abandoned: 0,
      strayCompletions: 0,
      readData: 0,
      latency: new LatencyHistogram(),
    };
    this.summary.services.set(key, svc);
    return svc;
  }
}

const keys = new Map<string, Map<string, string>>();

/**
 * One key per device service, whatever braces and case its ID was written with. Memoised: it is
 * asked for on nearly every record, and the set of services in a log is small (bounded anyway).
 */
export function serviceKey(interfaceId: string, serviceId: string): string {
  let byService = keys.get(interfaceId);
  if (!byService) {
    if (keys.size > 4096) keys.clear();
    byService = new Map();
    keys.set(interfaceId, byService);
  }
  let key = byService.get(serviceId);
  if (key === undefined) {
    if (byService.size > 4096) byService.clear();
    key = `${interfaceId}\u0000${normalizeServiceId(serviceId)}`;
    byService.set(serviceId, key);
  }
  return key;
}

/** Succeeded ÷ requests, or null when there were none. */
export function successRate(svc: ServiceSummary): number | null {
  return svc.requests === 0 ? null : svc.succeeded / svc.requests;
}

/** How a device is named for people: model and manufacturer when known, else its interface ID. */
export function deviceLabel(device: DeviceSummary | undefined, interfaceId: string): string {
  if (!device?.model) return interfaceId;
  return device.manufacturer ? `${device.model} (${device.manufacturer})` : device.model;
}
