/**
 * What a report says about a log as a whole: the environment it came from and, per device
 * service, how its requests went. Collected record by record in bounded memory (one small entry
 * per device and per service, each with a fixed-size latency histogram), so a million-event log
 * costs no more than a short one.
 */
import type { JournalRecord, RunStartRecord } from '../../../shared/journal/record.js';
import { parseHresult, succeeded } from '../../../shared/hresult.js';
import { serviceKey } from '../../../shared/model.js';
import { LatencyHistogram } from './latency-histogram.js';
import { nextStep, type NextStep } from '../../../shared/request/next-steps.js';
import { deviceName, deviceNames } from '../../../shared/device-name.js';
import { TimeZoneTally } from '../../../shared/journal/time-zone.js';
import { type ExportRange, keptFromBefore } from '../../../shared/export-range.js';

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
  /** Requests whose completion reported success (in time, or late). */
  succeeded: number;
  /** Requests whose completion reported a failure (in time, or late). */
  failed: number;
  /** Refused at once, or the call failed: no request was started. */
  refused: number;
  /** Requests declared overdue (some of them later completed late). */
  overdue: number;
  /** Requests whose completion came after they were overdue. */
  late: number;
  abandoned: number;
  /** Overdue requests the technician stopped waiting for (some completed late afterwards). */
  givenUp: number;
  /** Completions for requests never sent, duplicates, or after abandoning. */
  strayCompletions: number;
  readData: number;
  latency: LatencyHistogram;
  /** What to try next for the problems seen, with how many records called for each. */
  nextSteps: Map<NextStep, number>;
}

/** A run of the log, as its run-start says it, and how many of the log's records are its. */
interface RunListed {
  start: RunStartRecord;
  records: number;
}

/** Runs listed one by one (a folder of a month of CLI commands holds thousands); the rest counted. */
const MAX_RUNS_LISTED = 100;

export interface LogSummary {
  runStart: RunStartRecord | undefined;
  runs: number;
  /**
   * The first MAX_RUNS_LISTED runs, in the log's order: a log of every run of a folder (a week of
   * nightly runs) said only the first's ID, and no more of the others than how many there were.
   */
  runsListed: RunListed[];
  /** The run-start of the run being read (the last met). */
  lastRunStart: RunStartRecord | undefined;
  /** The time zones the runs were recorded in: every run's, not the first run's alone. */
  timeZones: TimeZoneTally;
  records: number;
  /**
   * Of `records`, those a range's export kept from before its range (the run's start, devices'
   * details): its figure counts the range's own, as the export's confirmation does.
   */
  keptFromBefore: number;
  firstTime: string | null;
  lastTime: string | null;
  /**
   * Monotonic span of the log (ms), from the earliest to the latest record (of a range's export,
   * of its entries: not what it kept from before the range).
   */
  firstMono: number | null;
  lastMono: number | null;
  /**
   * A run started after the first entry: the monotonic clock started again, so the span is the
   * wall clock's, from the first entry's time to the last's (`spanMs`).
   */
  restarted: boolean;
  byKind: Map<string, number>;
  devices: Map<string, DeviceSummary>;
  services: Map<string, ServiceSummary>;
  errors: number;
  backendUnavailable: number;
}

/** Caps so that a corrupt log with endless distinct IDs cannot exhaust memory. */
const MAX_DEVICES = 256;
const MAX_SERVICES = 1024;

type RequestLifeRecord = Extract<
  JournalRecord,
  {
    kind: 'request-returned' | 'call-failed' | 'completion' | 'overdue' | 'abandoned' | 'given-up';
  }
>;

export class SummaryCollector {
  readonly summary: LogSummary = {
    runStart: undefined,
    runs: 0,
    runsListed: [],
    lastRunStart: undefined,
    timeZones: new TimeZoneTally(),
    records: 0,
    keptFromBefore: 0,
    firstTime: null,
    lastTime: null,
    firstMono: null,
    lastMono: null,
    restarted: false,
    byKind: new Map(),
    devices: new Map(),
    services: new Map(),
    errors: 0,
    backendUnavailable: 0,
  };

  /**
   * Each overdue request's advice counted so far, by run and ref, until what comes after it: a
   * report advised "keep waiting a little" for a request whose late completion it showed beside.
   */
  private readonly overdueAdvice = new Map<string, { svc: ServiceSummary; step: NextStep }>();

  /** `range`: the export's, whose records from before it say what its rows need, not when. */
  constructor(private readonly range?: ExportRange) {}

  observe(record: JournalRecord): void {
    const s = this.summary;
    s.records += 1;
    // Its run's, while that is listed (a run-start counts for the run it begins, added below).
    const listed = s.runsListed[s.runs - 1];
    if (listed && record.kind !== 'run-start') listed.records += 1;
    s.byKind.set(record.kind, (s.byKind.get(record.kind) ?? 0) + 1);
    // A range's export keeps the run's start and the devices' details from before it: counted
    // as its records, but its span is the range's entries'. With them, the report of ten minutes
    // said "6130.0 min" and covered the days before.
    if (keptFromBefore(record, this.range)) s.keptFromBefore += 1;
    else {
      if (record.kind === 'run-start' && s.firstTime !== null) s.restarted = true;
      s.firstTime ??= record.time;
      s.lastTime = record.time;
      if (s.firstMono === null || record.mono < s.firstMono) s.firstMono = record.mono;
      if (s.lastMono === null || record.mono > s.lastMono) s.lastMono = record.mono;
    }
    switch (record.kind) {
      case 'run-start':
        s.runs += 1;
        s.runStart ??= record;
        s.lastRunStart = record;
        if (s.runsListed.length < MAX_RUNS_LISTED) s.runsListed.push({ start: record, records: 1 });
        s.timeZones.add(record.timeZone);
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
        break;
      }
      case 'call-failed':
        // A call that threw is an error of the backend's as well as a request that never started.
        s.errors += 1;
        this.countOutcome(record);
        break;
      case 'request-returned':
      case 'completion':
      case 'overdue':
      case 'abandoned':
      case 'given-up':
        this.countOutcome(record);
        break;
      case 'read-data': {
        const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
        if (svc) svc.readData += 1;
        break;
      }
      case 'error':
        s.errors += 1;
        break;
      case 'backend-status':
        if (!record.available) s.backendUnavailable += 1;
        break;
      default:
        break;
    }
  }

  /** Counts what the record says happened to its request (the outcome it carries). */
  private countOutcome(record: RequestLifeRecord): void {
    const svc = this.service(record.interfaceId, record.serviceId, record.serviceName);
    if (!svc) return;
    if (record.kind === 'completion' && record.outcome === null) {
      svc.strayCompletions += 1;
      return;
    }
    if (record.kind === 'completion' && record.latencyMs !== null)
      svc.latency.add(record.latencyMs);
    const outcome = record.outcome;
    if (outcome === null) return;
    const key = record.ref === null ? null : `${String(this.summary.runs)}:${record.ref}`;
    const stale = key === null ? undefined : this.overdueAdvice.get(key);
    const step = nextStep({
      op: record.op,
      outcome,
      status: record.kind === 'completion' ? record.status : null,
      callHresult: record.kind === 'request-returned' ? record.hresult : null,
      errorMessage: record.kind === 'request-returned' ? (record.message ?? null) : null,
      abandonReason: record.kind === 'abandoned' ? record.reason : null,
      // Abandoned as the command that timed out closed: the timeout's advice, not none.
      wentOverdue: stale !== undefined,
    });
    if (key !== null && stale) {
      // Overdue no more (it completed late, was given up, or its device went): that advice goes.
      const left = (stale.svc.nextSteps.get(stale.step) ?? 1) - 1;
      if (left > 0) stale.svc.nextSteps.set(stale.step, left);
      else stale.svc.nextSteps.delete(stale.step);
      this.overdueAdvice.delete(key);
    }
    if (step) {
      svc.nextSteps.set(step, (svc.nextSteps.get(step) ?? 0) + 1);
      if (outcome === 'overdue' && key !== null) this.overdueAdvice.set(key, { svc, step });
    }
    switch (outcome) {
      case 'succeeded':
        svc.succeeded += 1;
        break;
      case 'failed':
        svc.failed += 1;
        break;
      case 'late':
        svc.late += 1;
        if (record.kind === 'completion' && succeeded(parseHresult(record.status) ?? 0x80004005))
          svc.succeeded += 1;
        else svc.failed += 1;
        break;
      case 'refused':
      case 'call-failed':
        svc.refused += 1;
        break;
      case 'overdue':
        svc.overdue += 1;
        break;
      case 'abandoned':
        svc.abandoned += 1;
        break;
      case 'given-up':
        svc.givenUp += 1;
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
      refused: 0,
      overdue: 0,
      late: 0,
      abandoned: 0,
      givenUp: 0,
      strayCompletions: 0,
      readData: 0,
      latency: new LatencyHistogram(),
      nextSteps: new Map(),
    };
    this.summary.services.set(key, svc);
    return svc;
  }
}

/**
 * Requests with no completion by the log's end: still waiting (a log cut by a crash, say) or
 * given up. Each other request is in Succeeded, Failed, Refused or Abandoned, so with these the
 * columns add up to Requests (a review found a pending request counted nowhere, its row all zeros).
 */
export function noOutcome(svc: ServiceSummary): number {
  return Math.max(0, svc.requests - svc.succeeded - svc.failed - svc.refused - svc.abandoned);
}

/**
 * Succeeded ÷ the requests whose outcome the log holds, or null when it holds none: a service
 * whose one request was still waiting when the log stopped read "0.0%", in red.
 */
export function successRate(svc: ServiceSummary): number | null {
  const known = svc.requests - noOutcome(svc);
  return known === 0 ? null : svc.succeeded / known;
}

/**
 * What the report calls each device it saw, by the one rule every view reads
 * (shared/device-name.ts); a device only named by its records' interface ID is in it too.
 */
export function summaryDeviceNames(summary: LogSummary): (interfaceId: string) => string {
  const names = deviceNames(summary.devices.values());
  return (interfaceId) => names.get(interfaceId) ?? deviceName({ interfaceId });
}

/**
 * How long the log's entries span (ms): on the monotonic clock within one run, on the wall clock
 * across a restart (LogSummary.restarted). Null with no entries.
 */
export function spanMs(summary: LogSummary): number | null {
  if (summary.restarted && summary.firstTime !== null && summary.lastTime !== null)
    return Date.parse(summary.lastTime) - Date.parse(summary.firstTime);
  return summary.firstMono === null || summary.lastMono === null
    ? null
    : summary.lastMono - summary.firstMono;
}
