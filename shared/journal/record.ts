/**
 * The journal's record format: one JSON object per line, versioned so that a support engineer's
 * tool (and this app) can read a log written months earlier. Every record carries a sequence
 * number, wall-clock time and monotonic time; the rest depends on `kind`.
 *
 * HRESULTs are written as 8-digit hex strings with their symbolic names, because that is what a
 * human searches for; numbers would make `0x80070005` read as `2147942405`.
 */
import type {
  DeviceInfo,
  InterfaceId,
  ReadyState,
  ServiceId,
  RequestOp,
  SessionState,
} from '../model.js';
import type { CompletionMatch, RequestOutcome } from '../request/outcome.js';
import type { TimeZone } from './time-zone.js';

export const JOURNAL_FORMAT = 'mbn-diag-journal';
/**
 * 2: every record about a request carries the request's `outcome` after it, a call that threw is a
 * `call-failed` record of its own (v1 wrote an `error` whose context named the request), and
 * `request-returned` says `outcome` where v1 said `state`. Version 1 logs are read through
 * `electron/core/journal-upgrade.ts`. Device-service commands were added to version 2 without a
 * bump, because they only add: new `op` values, optional fields, and two kinds
 * (`command-session-state`, `event-notification`) that an older reader lists as unreadable lines
 * while it reads everything else. Run-start's `timeZone` was added the same way: optional, so a
 * log without it still reads (its zone is said to be unknown), and an older reader keeps the field
 * it does not know without looking at it. A refused request's `message` (request-returned) was
 * added the same way.
 */
export const JOURNAL_VERSION = 2;

interface RecordBase {
  /** Format version of this record. */
  v: typeof JOURNAL_VERSION;
  /** Strictly increasing within a run. */
  seq: number;
  /** Wall-clock time, ISO 8601 UTC with milliseconds. */
  time: string;
  /** Monotonic milliseconds since the run started (fractional); latencies come from this. */
  mono: number;
}

/** The device service a record is about, with its readable name for human readers. */
interface ServiceFields {
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  serviceName: string;
}

/** A reference to one tracked request, unique within a run (`r1`, `r2`, ...). */
export type RequestRef = string;

/** Fields of every record in a request's life: which request, and its outcome after the record. */
interface RequestFields extends ServiceFields {
  ref: RequestRef;
  op: RequestOp;
  outcome: RequestOutcome;
}

/** What did not hold when the request was sent anyway (the data or the command session's state). */
export const PRECONDITIONS = [
  'session-not-open',
  'session-already-open',
  'command-session-not-open',
  'command-session-already-open',
] as const;
export type Precondition = (typeof PRECONDITIONS)[number];

/**
 * How many payload bytes a record keeps as hex. A QUERY or SET is bounded by the service's
 * MaxCommandSize (a few KiB in practice); this bounds a misbehaving one, well under the reader's
 * 1 MiB line limit. `byteLength` always says the whole size. The cut is made a little earlier
 * rather than inside a number (recorded-cut.ts): the start of an IMEI was too short to redact.
 */
export const RECORDED_DATA_BYTES = 65_536;

/**
 * Fields that hold a device's bytes as hex: MBIM messages, and the payloads of commands and
 * notifications (a vendor's response can carry the IMEI as well as any MBIM one can). Identifiers
 * in them are found in the bytes, not in the hex digits, by exports and copies alike.
 */
export function isPayloadHex(kind: unknown, key: string): boolean {
  if (key === 'bytes') return kind === 'mbim-message';
  return (
    key === 'data' && (kind === 'request' || kind === 'completion' || kind === 'event-notification')
  );
}

/**
 * A record that is no request's outcome but tells of something gone wrong: an error, or the
 * backend saying it is unavailable. The log tints its row and the report its line alike.
 */
export function isTroubleRecord(record: JournalRecord): boolean {
  return troubleLabel(record) !== null;
}

/**
 * The word a trouble record shows where a request shows its outcome (the log's Outcome column, a
 * search hit, the report): "Any problem" selects it, and an empty cell did not say why.
 */
export function troubleLabel(record: JournalRecord): 'Unavailable' | 'Error' | null {
  if (record.kind === 'error') return 'Error';
  return record.kind === 'backend-status' && !record.available ? 'Unavailable' : null;
}

export interface RunStartRecord extends RecordBase {
  kind: 'run-start';
  format: typeof JOURNAL_FORMAT;
  runId: string;
  app: { name: string; version: string };
  os: { platform: string; release: string; arch: string };
  backend: { kind: string; label: string; reason: string };
  /**
   * The machine's time zone when the run started (shared/journal/time-zone.ts): every time here is
   * UTC, while a technician's notes are in the machine's own. Absent in logs written before it
   * was recorded.
   */
  timeZone?: TimeZone;
}

interface RequestRecord extends RecordBase, RequestFields {
  kind: 'request';
  outcome: 'sending';
  /** Whether the data session was open when the request was sent (`null`: unknown). */
  sessionOpenBefore: boolean | null;
  /** Set when the precondition did not hold and the technician sent it anyway. */
  precondition?: Precondition;
  /** Bytes written, for `write`; bytes sent, for `query` and `set`. */
  byteLength?: number;
  /** `query` and `set`: the command ID (CID) sent. */
  commandId?: number;
  /**
   * `query` and `set`: whether the service listed the command in its supported commands (absent
   * when they were never asked for). `false` means the technician chose to send it anyway.
   */
  commandListed?: boolean;
  /**
   * `query` and `set`: the bytes sent, as hex (the first RECORDED_DATA_BYTES). May hold personal
   * identifiers: redacted on export.
   */
  data?: string;
}

interface RequestReturnedRecord extends RecordBase, RequestFields {
  kind: 'request-returned';
  requestId: number | null;
  /** What the call returned at once (not the completion's status). */
  hresult: string;
  hresultName: string;
  /**
   * `waiting` when accepted, `refused` when the call failed at once; a completion that overtook
   * the return has already ended it (`succeeded`, `failed`).
   */
  /** Milliseconds the call itself took to return. */
  callMs: number;
  /**
   * A refused call's words, when the backend said more than its HRESULT (the MBIM backend naming
   * the DSS sessions a modem allows); absent otherwise.
   */
  message?: string;
}

interface CompletionRecord extends RecordBase, ServiceFields {
  kind: 'completion';
  op: RequestOp;
  requestId: number;
  /** The completion's status (an HRESULT). */
  status: string;
  statusName: string;
  match: CompletionMatch;
  /** The request this completes (or repeats a completion of); `null` for an unknown request. */
  ref: RequestRef | null;
  /** The request's outcome after this completion; `null` when it changed nothing (a stray). */
  outcome: RequestOutcome | null;
  /** Request sent → completion received, monotonic; `null` when unmatched. */
  latencyMs: number | null;
  /** `supported-commands`, on success: the command IDs the service listed. */
  commandIds?: number[];
  /** `query` and `set`: the response ID the service gave. */
  responseId?: number;
  /** `query` and `set`: the response's size in bytes. */
  byteLength?: number;
  /** `query` and `set`: the response bytes as hex (the first RECORDED_DATA_BYTES); redacted on export. */
  data?: string;
}

interface OverdueRecord extends RecordBase, RequestFields {
  kind: 'overdue';
  outcome: 'overdue';
  requestId: number | null;
  timeoutMs: number;
}

/**
 * The technician stopped waiting for an overdue request (the service can be used again). Not the
 * device's answer: a completion that comes afterwards is still matched, and makes it `late`.
 */
interface GivenUpRecord extends RecordBase, RequestFields {
  kind: 'given-up';
  outcome: 'given-up';
  requestId: number | null;
  /** How long it had been waiting, sent → given up, monotonic ms. */
  waitedMs: number;
}

export const ABANDON_REASONS = ['device-removed', 'backend-closed'] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

interface AbandonedRecord extends RecordBase, RequestFields {
  kind: 'abandoned';
  outcome: 'abandoned';
  requestId: number | null;
  reason: AbandonReason;
}

/** The call threw instead of returning an HRESULT (the backend failed): no request was started. */
interface CallFailedRecord extends RecordBase, RequestFields {
  kind: 'call-failed';
  outcome: 'call-failed';
  message: string;
}

interface SessionStateRecord extends RecordBase, ServiceFields {
  kind: 'session-state';
  from: SessionState;
  to: SessionState;
}

/** The command session's state moved (OpenCommandSession, CloseCommandSession, a listing). */
interface CommandSessionStateRecord extends RecordBase, ServiceFields {
  kind: 'command-session-state';
  from: SessionState;
  to: SessionState;
}

/** `OnEventNotification`: the service told something unasked. Not part of any request. */
interface EventNotificationRecord extends RecordBase, ServiceFields {
  kind: 'event-notification';
  eventId: number;
  byteLength: number;
  /** The bytes as hex (the first RECORDED_DATA_BYTES); redacted on export. */
  data: string;
}

interface ReadDataRecord extends RecordBase, ServiceFields {
  kind: 'read-data';
  byteLength: number;
  /** The first bytes as hex, enough to recognise a payload without bloating the log. */
  preview: string;
}

interface DeviceRecord extends RecordBase {
  kind: 'device-arrival' | 'device-removal';
  interfaceId: InterfaceId;
  /** Known device details at the time (absent when the device was never listed). */
  model?: string;
  manufacturer?: string;
  firmware?: string;
  deviceId?: string;
  readyState?: ReadyState;
}

/** A device as listed, written the first time it is seen and whenever its details change. */
interface DeviceInfoRecord extends RecordBase, DeviceInfo {
  kind: 'device-info';
}

interface BackendStatusRecord extends RecordBase {
  kind: 'backend-status';
  backend: string;
  available: boolean;
  message: string;
}

interface ErrorRecord extends RecordBase {
  kind: 'error';
  message: string;
  context: string;
}

/** One MBIM message as it crossed the control channel (MBIM backend only), bytes and all. */
export interface MbimMessageFields {
  interfaceId: InterfaceId;
  direction: 'sent' | 'received';
  /** As seen on this side: mbim-proxy renumbers transaction IDs on the way to the modem. */
  transactionId: number;
  /** `command`, `command-done`, `indicate-status`, `open`, `function-error`, ... */
  type: string;
  /** Service UUID as printed on the wire, with its readable name. */
  service: string | null;
  serviceName: string | null;
  cid: number | null;
  cidName: string | null;
  /** MBIM status (or protocol error) of an answer, as hex and name. */
  status: string | null;
  statusName: string | null;
  /** The request (as in request-returned/completion) this message carried or answered. */
  requestId: number | null;
  fragments: number;
  /**
   * The message as hex (fragments joined), up to its first RECORDED_DATA_BYTES. Holds personal
   * identifiers: redact on export.
   */
  bytes: string;
  /**
   * The whole message's length, written only when `bytes` keeps just its start: a joined message
   * may be a MiB, and a journal line over the reader's 1 MiB limit is skipped as damaged, so the
   * message would be lost from every saved log and export.
   */
  byteLength?: number;
  /** Why the bytes did not decode, when they did not. */
  error?: string;
}

export interface MbimMessageRecord extends RecordBase, MbimMessageFields {
  kind: 'mbim-message';
}

export type JournalRecord =
  | RunStartRecord
  | RequestRecord
  | RequestReturnedRecord
  | CompletionRecord
  | OverdueRecord
  | AbandonedRecord
  | GivenUpRecord
  | CallFailedRecord
  | SessionStateRecord
  | CommandSessionStateRecord
  | EventNotificationRecord
  | ReadDataRecord
  | DeviceRecord
  | DeviceInfoRecord
  | BackendStatusRecord
  | ErrorRecord
  | MbimMessageRecord;

export type JournalKind = JournalRecord['kind'];

/** A record before the journal stamps it with `v`, `seq`, `time` and `mono`. */
export type JournalEntry = JournalRecord extends infer R
  ? R extends JournalRecord
    ? Omit<R, 'v' | 'seq' | 'time' | 'mono'>
    : never
  : never;

/**
 * The first line of a JSON Lines export (not a journal record: it has no `seq`, and readers skip
 * it). It says how the file was made, above all whether identifiers were redacted, so the file
 * says so on its own, outside a bundle. Versioned apart from the journal format.
 */
export const EXPORT_HEADER_KIND = 'export-header';
export const EXPORT_HEADER_FORMAT = 'mbn-diag-export';
export const EXPORT_HEADER_VERSION = 1;

export interface ExportHeader {
  kind: typeof EXPORT_HEADER_KIND;
  format: typeof EXPORT_HEADER_FORMAT;
  version: typeof EXPORT_HEADER_VERSION;
  /** Whether personal identifiers (IMEI, IMSI, ICCID, phone numbers) were replaced by tokens. */
  redacted: boolean;
  /** ISO 8601 UTC. */
  createdAt: string;
  createdBy: { name: string; version: string };
  /** What was exported (a file or folder name, redacted like the records). */
  source: string;
  /**
   * When what was exported is itself an export: `source`, then what that was made of, nearest
   * first, down to the log (`["r2.jsonl", "r1.jsonl", "log"]`; at most five, the nearest and the
   * original). Absent for an export of a journal, and in headers written before it was kept.
   */
  sources?: string[];
  /**
   * Only the records written in this range (ISO 8601 UTC, end excluded), and the run's start and
   * devices' details from before it; the whole log when absent.
   */
  range?: { from: string; to: string };
  /**
   * Of an export of every run of a journal folder: the folder's runs by name, oldest first, so
   * that an export of this file numbers them as the folder does and lists rows by run (absent
   * past MAX_HEADER_RUNS, and in headers written before it was kept).
   */
  folderRuns?: string[];
  /** The runs exported (by name) that ended abnormally: a crash, a power cut. */
  endedAbnormally?: string[];
}

/** Runs a header or manifest names at most: it stays a few tens of KB (source-header.ts). */
export const MAX_HEADER_RUNS = 1000;
