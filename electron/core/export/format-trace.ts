/**
 * Chrome Trace Event Format (the JSON Object Format), which ui.perfetto.dev and chrome://tracing
 * both open. Layout a support engineer can read at a glance:
 *  - one process per device (named by model when known), one thread per device service (named by
 *    the service), and process 1 for the app and backend;
 *  - each request a nestable async begin/end pair (`b`/`e`) keyed by its request ref (`id`), from
 *    the request to its completion (or refusal, abandonment, or the end of the log, so every
 *    begin has its end), named "<service>: <op>" so each service's requests share a track;
 *  - everything else (call returned, completion, overdue, given up, read data, session and
 *    command-session state, notifications, device arrival/removal, backend status, errors) as
 *    instant events (`i`); MBIM messages are the pcapng capture's, not drawn here.
 * Timestamps are microseconds of the journal's monotonic clock; `displayTimeUnit` is ms.
 */
import { runNumber } from './run-numbers.js';
import { deviceName } from '../../../shared/device-name.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { normalizeServiceId } from '../../../shared/model.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { answerText, exportedField } from '../../../shared/commands/answer-text.js';
import { TimeZoneTally } from '../../../shared/journal/time-zone.js';
import { commandName } from '../../../shared/commands/names.js';
import type { ExportContext, FormatWriterFactory } from './format-writer.js';
import type { FoldedRequest, RequestFold } from '../../../shared/request/fold.js';
import { foldedCommandId, writerFold, type SharedFold } from './shared-fold.js';
import { RunClock } from '../../../shared/journal/run-clock.js';
import { MATCH_WORDS, OUTCOME_WORDS, shownCode } from '../../../shared/request/words.js';
import type { RequestOutcome } from '../../../shared/request/outcome.js';
import { serviceKey } from '../../../shared/model.js';
import type { TextBuffer } from './text-buffer.js';
import { rangeIso, keptFromBefore } from '../../../shared/export-range.js';
import { jsonNumber as num, jsonString as str } from './json-text.js';

const APP_PID = 1;
const APP_TID = 1;
const DEVICE_TID = 1;

interface TraceEvent {
  name: string;
  ph: 'M' | 'b' | 'e' | 'i';
  pid: number;
  tid?: number;
  ts?: number;
  cat?: string;
  id?: string;
  s?: 'g' | 'p' | 't';
  args?: Record<string, unknown>;
}

/** A track of events: its process and thread, and their JSON text, made once per track. */
interface Lane {
  pid: number;
  tid: number;
  /** `"pid":…,"tid":…`, as JSON.stringify writes them. */
  ids: string;
  /** The JSON text of its spans' names (`spanJson`), by service name and operation. */
  spanNames: Map<string, Map<string, string>>;
}

/** Span names kept per lane: a lane has a few operations under one service name. */
const MAX_SPAN_NAMES = 64;

/**
 * `"SMS: close"` as JSON text, made once per lane, service name and operation: a request's begin
 * and end both name it, and a lane's requests repeat a few names.
 */
function spanJson(lane: Lane, serviceName: string, op: string): string {
  let byOp = lane.spanNames.get(serviceName);
  const known = byOp?.get(op);
  if (known !== undefined) return known;
  const json = str(spanName(serviceName, op));
  if (!byOp) {
    if (lane.spanNames.size >= MAX_SPAN_NAMES) return json;
    byOp = new Map();
    lane.spanNames.set(serviceName, byOp);
  }
  if (byOp.size < MAX_SPAN_NAMES) byOp.set(op, json);
  return json;
}

/** `"outcome":"late","outcomeLabel":"Late"`: each outcome's, made once. */
const OUTCOMES = new Map<RequestOutcome, string>();

function outcomeJson(outcome: RequestOutcome): string {
  let json = OUTCOMES.get(outcome);
  if (json === undefined) {
    json = `"outcome":${str(outcome)},"outcomeLabel":${str(OUTCOME_WORDS[outcome].label)}`;
    OUTCOMES.set(outcome, json);
  }
  return json;
}

/** `"cat":"completion"`: each kind's, made once (instant events are of a dozen kinds). */
const CATEGORIES = new Map<string, string>();

function categoryJson(kind: string): string {
  let json = CATEGORIES.get(kind);
  if (json === undefined) {
    json = `"cat":${str(kind)}`;
    CATEGORIES.set(kind, json);
  }
  return json;
}

function ids(pid: number, tid: number): string {
  return `"pid":${num(pid)},"tid":${num(tid)}`;
}

const APP_IDS = ids(APP_PID, APP_TID);

function toMicros(mono: number): number {
  return Math.round(mono * 1000);
}

/**
 * A request's async id: its ref, which a later run numbers from r1 again, so with the run's number
 * after the first run's (two spans of one id on one track were paired across the runs): as its
 * folder numbers it (run-numbers.ts).
 */
function spanId(ref: string, run: number): string {
  return str(run <= 1 ? ref : `${ref} (run ${String(run)})`);
}

function spanName(serviceName: string, op: string): string {
  return `${serviceName}: ${op}`;
}

/**
 * Records kept from before a range listed in the trace's metadata at most: a modem listed again
 * and again all week would make it megabytes, written as one string; the rest are counted.
 */
const KEPT_LISTED = 1000;

export class TraceWriter {
  private first = true;
  private readonly devicePids = new Map<string, number>();
  private readonly serviceTids = new Map<string, Lane>();
  /** Each device's `"pid":…,"tid":…` for its own events (see Lane.ids). */
  private readonly deviceIds = new Map<number, string>();
  private readonly nextTid = new Map<number, number>();
  private readonly deviceNames = new Map<number, string>();
  /** Its own fold, or none when a bundle drives a shared one (shared-fold.ts). */
  private readonly requests: RequestFold | undefined;
  /** The fold it asks about requests: its own, or the shared one. */
  private readonly fold: RequestFold;
  /** A record's details text (made once per record for a bundle's writers: SharedFold). */
  private readonly details: (record: JournalRecord) => string;
  /** The runs' time zones, for the trace's metadata (an event's `time` is UTC). */
  private readonly timeZones = new TimeZoneTally();
  /** What a range's export kept from before it, for the metadata (`keep`), to KEPT_LISTED. */
  private readonly kept: { time: string; kind: string; details: string }[] = [];
  private keptUnlisted = 0;
  /** One time axis across the log's runs (each run's monotonic clock starts again). */
  private readonly clock = new RunClock();
  /** Each run's number (run-numbers.ts), by its order in the log (the clock's and fold's). */
  private readonly runNumbers = new Map<number, number>();

  constructor(
    private readonly out: TextBuffer,
    private readonly context: ExportContext,
    shared?: SharedFold,
  ) {
    const folds = writerFold(shared, (request) => this.endSpan(request));
    this.requests = folds.driven;
    this.fold = folds.fold;
    this.details = shared ? (record) => shared.details(record) : describeRecord;
    out.push('{"traceEvents":[\n');
    this.meta('process_name', APP_PID, undefined, { name: `${context.app.name} (app, backend)` });
    this.meta('process_sort_index', APP_PID, undefined, { sort_index: 0 });
    this.meta('thread_name', APP_PID, APP_TID, { name: 'Run, backend and errors' });
  }

  write(record: JournalRecord): void {
    this.clock.observe(record);
    if (record.kind === 'run-start')
      this.runNumbers.set(
        this.clock.run,
        runNumber(record, this.clock.run, this.context.folderRuns).n,
      );
    if (keptFromBefore(record, this.context.range)) {
      this.keep(record);
      return;
    }
    const ts = toMicros(this.clock.at(record.mono));
    switch (record.kind) {
      case 'request': {
        const lane = this.lane(record.interfaceId, record.serviceId, record.serviceName);
        // By hand, key for key what JSON.stringify wrote of the event object (see emit).
        const ref = str(record.ref);
        const op = str(record.op);
        const service = str(record.serviceName);
        this.emitJson(
          `{"name":${spanJson(lane, record.serviceName, record.op)},"ph":"b","cat":"request","id":${spanId(record.ref, this.runNumber(this.clock.run))},${lane.ids},"ts":${num(ts)},"args":{"ref":${ref},"op":${op},"service":${service},"serviceId":${str(record.serviceId)},"seq":${num(record.seq)}${record.precondition ? `,"precondition":${str(record.precondition)}` : ''}${commandArgs(record.serviceId, record.commandId ?? null)}}}`,
        );
        break;
      }
      case 'request-returned':
      case 'completion':
      case 'overdue':
      case 'abandoned':
      case 'given-up':
      case 'call-failed':
      case 'session-state':
      case 'command-session-state':
      case 'event-notification':
      case 'read-data': {
        const lane = this.lane(record.interfaceId, record.serviceId, record.serviceName);
        const commandId = foldedCommandId(this.fold, record);
        // What a QUERY or SET was answered, decoded, as the CLI shows it (answer-text.ts).
        const answer = answerText(record, commandId, exportedField(this.context.redacted));
        const more = `${commandArgs(record.serviceId, commandId)}${answer === undefined ? '' : `,"answer":${str(answer)}`}`;
        this.instant(record, lane.ids, 't', instantName(record), more);
        break;
      }
      case 'device-arrival':
      case 'device-removal':
      case 'device-info': {
        const pid = this.device(record.interfaceId);
        if (record.model) this.nameDevice(pid, record.interfaceId, deviceName(record));
        this.instant(
          record,
          this.deviceIds.get(pid) ?? ids(pid, DEVICE_TID),
          'p',
          instantName(record),
        );
        break;
      }
      case 'run-start':
        this.timeZones.add(record.timeZone);
        this.instant(record, APP_IDS, 't', instantName(record));
        break;
      case 'backend-status':
      case 'error':
        this.instant(record, APP_IDS, 't', instantName(record));
        break;
    }
    this.requests?.observe(record);
  }

  private runNumber(order: number): number {
    return this.runNumbers.get(order) ?? order;
  }

  finish(): void {
    this.requests?.finish();
    // Each device's name once, as it was last known (its model, once a record said it).
    for (const [pid, name] of this.deviceNames) this.meta('process_name', pid, undefined, { name });
    const c = this.context;
    this.out.push(
      `\n],"displayTimeUnit":"ms","otherData":${JSON.stringify({
        producer: `${c.app.name} ${c.app.version}`,
        source: c.sourceLabel,
        generatedAt: c.generatedAt.toISOString(),
        ...(c.range ? { range: rangeIso(c.range) } : {}),
        ...(this.kept.length > 0 ? { keptFromBefore: this.kept } : {}),
        ...(this.keptUnlisted > 0 ? { keptFromBeforeNotListed: this.keptUnlisted } : {}),
        redacted: c.redacted,
        clock:
          "journal monotonic time, microseconds since the log's first run started; a later run placed by the time its start was logged",
        timeZone: `${this.timeZones.words()}; each event's "time" is UTC`,
      })}}\n`,
    );
  }

  /**
   * A run's start or a device's details kept from before a range (time-range-filter.ts): it names
   * the devices and says the time zones as in a whole export, and is listed in the metadata, not
   * drawn: an event days before the range made the trace open on those days, the range a sliver
   * at their end.
   */
  private keep(record: JournalRecord): void {
    if (record.kind === 'run-start') this.timeZones.add(record.timeZone);
    if (record.kind === 'device-info' && record.model) {
      const pid = this.device(record.interfaceId);
      this.nameDevice(pid, record.interfaceId, deviceName(record));
    }
    if (this.kept.length < KEPT_LISTED)
      this.kept.push({ time: record.time, kind: record.kind, details: this.details(record) });
    else this.keptUnlisted += 1;
    this.requests?.observe(record);
  }

  private endSpan(request: FoldedRequest): void {
    const lane = this.lane(request.interfaceId, request.serviceId, request.serviceName);
    const end = this.clock.at(request.endMono ?? request.sentMono, request.run);
    const code = shownCode(request);
    this.emitJson(
      `{"name":${spanJson(lane, request.serviceName, request.op)},"ph":"e","cat":"request","id":${spanId(request.ref, this.runNumber(request.run))},${lane.ids},"ts":${num(toMicros(end))},"args":{${outcomeJson(request.outcome)},"requestId":${request.requestId === null ? 'null' : num(request.requestId)}${request.latencyMs === null ? '' : `,"latencyMs":${num(request.latencyMs)}`}${code ? `,"hresult":${str(code.code.hex)},"hresultName":${str(code.code.name)},"hresultFrom":${str(code.from)}` : ''}${request.wentOverdue ? ',"overdue":true' : ''}${commandArgs(request.serviceId, request.commandId)}}}`,
    );
  }

  /** `ids`: the event's `"pid":…,"tid":…`; `more`: further args (commandArgs). */
  private instant(
    record: JournalRecord,
    ids: string,
    scope: 'p' | 't',
    name: string,
    more = '',
  ): void {
    this.emitJson(
      `{"name":${str(name)},"ph":"i","s":"${scope}",${categoryJson(record.kind)},${ids},"ts":${num(toMicros(this.clock.at(record.mono)))},"args":{"seq":${num(record.seq)},"time":${str(record.time)},"details":${str(this.details(record))}${more}}}`,
    );
  }

  private device(interfaceId: string): number {
    let pid = this.devicePids.get(interfaceId);
    if (pid === undefined) {
      pid = this.devicePids.size + 2;
      this.devicePids.set(interfaceId, pid);
      this.deviceIds.set(pid, ids(pid, DEVICE_TID));
      this.nextTid.set(pid, DEVICE_TID + 1);
      this.nameDevice(pid, interfaceId, undefined);
      this.meta('process_sort_index', pid, undefined, { sort_index: pid });
      this.meta('thread_name', pid, DEVICE_TID, { name: 'Device events' });
      this.meta('thread_sort_index', pid, DEVICE_TID, { sort_index: 0 });
    }
    return pid;
  }

  /**
   * `Device EM7565 (…8E47) {GUID}`: named as every view names it, with its whole ID. Written once,
   * at the end, with the last name known: a device seen before its model was written twice, first
   * "unknown model", and a viewer that keeps a process's first name showed that.
   */
  private nameDevice(pid: number, interfaceId: string, named: string | undefined): void {
    if (named === undefined && this.deviceNames.has(pid)) return;
    this.deviceNames.set(pid, `Device ${named ?? deviceName({ interfaceId })} ${interfaceId}`);
  }

  private lane(interfaceId: string, serviceId: string, serviceName: string): Lane {
    const key = serviceKey(interfaceId, serviceId);
    let lane = this.serviceTids.get(key);
    if (!lane) {
      const pid = this.device(interfaceId);
      const tid = this.nextTid.get(pid) ?? DEVICE_TID + 1;
      this.nextTid.set(pid, tid + 1);
      lane = { pid, tid, ids: ids(pid, tid), spanNames: new Map() };
      this.serviceTids.set(key, lane);
      this.meta('thread_name', pid, tid, {
        name: `${serviceName} (${normalizeServiceId(serviceId)})`,
      });
      this.meta('thread_sort_index', pid, tid, { sort_index: tid });
    }
    return lane;
  }

  private meta(name: string, pid: number, tid: number | undefined, args: object): void {
    this.emit({ name, ph: 'M', pid, ...(tid === undefined ? {} : { tid }), args: { ...args } });
  }

  private emit(event: TraceEvent): void {
    this.emitJson(JSON.stringify(event));
  }

  private emitJson(json: string): void {
    this.out.push(this.first ? json : `,\n${json}`);
    this.first = false;
  }
}

/**
 * `,"commandId":3,"commandName":"RADIO_STATE"`: the command a QUERY or SET request sent, in the
 * args of each of its events (its completion's too, which does not carry it), so a reader of any
 * of them, or a query over the args, finds what it answered; the name only for a well-known one.
 */
function commandArgs(serviceId: string, commandId: number | null): string {
  if (commandId === null) return '';
  const name = commandName(serviceId, commandId);
  return `,"commandId":${num(commandId)}${name === undefined ? '' : `,"commandName":${str(name)}`}`;
}

function instantName(record: JournalRecord): string {
  switch (record.kind) {
    case 'request-returned':
      return record.outcome === 'refused'
        ? `${record.op} refused: ${record.hresultName}`
        : `${record.op} returned #${record.requestId ?? '?'}`;
    case 'completion':
      return `${record.op} completion: ${record.statusName}${record.match === 'matched' ? '' : ` (${MATCH_WORDS[record.match]})`}`;
    case 'overdue':
      return `${record.op} overdue`;
    case 'abandoned':
      return `${record.op} abandoned`;
    case 'given-up':
      return `${record.op} given up by the user`;
    case 'call-failed':
      return `${record.op} call failed`;
    case 'session-state':
      return `session ${record.from} → ${record.to}`;
    case 'command-session-state':
      return `command session ${record.from} → ${record.to}`;
    case 'event-notification':
      return `notification ${record.eventId}`;
    case 'read-data':
      return `read ${record.byteLength} bytes`;
    case 'device-arrival':
      return 'device arrived';
    case 'mbim-message':
      return `MBIM ${record.direction} ${record.type}${record.cidName ? ` ${record.cidName}` : ''}`;
    case 'device-removal':
      return 'device removed';
    case 'device-info':
      return `device info: ${record.readyState}`;
    case 'backend-status':
      return `backend ${record.available ? 'available' : 'unavailable'}`;
    case 'error':
      return 'error';
    case 'run-start':
      return 'run start';
    case 'request':
      return 'request';
  }
}

export const traceWriter: FormatWriterFactory = (out, context) => new TraceWriter(out, context);
