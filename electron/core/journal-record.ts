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
  RequestState,
  ServiceId,
  SessionOp,
  SessionState,
} from './model.js';

export const JOURNAL_FORMAT = 'mbn-diag-journal';
export const JOURNAL_VERSION = 1;

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

export interface RunStartRecord extends RecordBase {
  kind: 'run-start';
  format: typeof JOURNAL_FORMAT;
  runId: string;
  app: { name: string; version: string };
  os: { platform: string; release: string; arch: string };
  backend: { kind: string; label: string; reason: string };
}

export interface RequestRecord extends RecordBase, ServiceFields {
  kind: 'request';
  ref: RequestRef;
  op: SessionOp;
  /** Whether the data session was open when the request was sent (`null`: unknown). */
  sessionOpenBefore: boolean | null;
  /** Set when the precondition did not hold and the technician sent it anyway. */
  precondition?: 'session-not-open' | 'session-already-open';
  /** Bytes written, for `write`. */
  byteLength?: number;
}

export interface RequestReturnedRecord extends RecordBase, ServiceFields {
  kind: 'request-returned';
  ref: RequestRef;
  op: SessionOp;
  requestId: number | null;
  hresult: string;
  hresultName: string;
  /** `pending` when accepted, `rejected` when the call failed at once. */
  state: Extract<RequestState, 'pending' | 'rejected' | 'succeeded' | 'failed'>;
  /** Milliseconds the call itself took to return. */
  callMs: number;
}

/** How a completion related to what the tracker knew. */
export type CompletionMatch =
  /** It completed a pending request. */
  | 'matched'
  /** It completed a request that was already overdue. */
  | 'late'
  /** It arrived before the call had returned its request ID, and was matched afterwards. */
  | 'before-return'
  /** No request with this ID was ever seen for this service. */
  | 'unknown-request'
  /** The request had already completed. */
  | 'duplicate'
  /** The request had been abandoned (device removed) before this completion came. */
  | 'after-abandon';

export interface CompletionRecord extends RecordBase, ServiceFields {
  kind: 'completion';
  op: SessionOp;
  requestId: number;
  status: string;
  statusName: string;
  match: CompletionMatch;
  /** The request this completes, when one was matched. */
  ref: RequestRef | null;
  /** Request sent → completion received, monotonic; `null` when unmatched. */
  latencyMs: number | null;
}

export interface OverdueRecord extends RecordBase, ServiceFields {
  kind: 'overdue';
  ref: RequestRef;
  op: SessionOp;
  requestId: number | null;
  timeoutMs: number;
}

export interface AbandonedRecord extends RecordBase, ServiceFields {
  kind: 'abandoned';
  ref: RequestRef;
  op: SessionOp;
  requestId: number | null;
  reason: 'device-removed' | 'backend-closed';
}

export interface SessionStateRecord extends RecordBase, ServiceFields {
  kind: 'session-state';
  from: SessionState;
  to: SessionState;
}

export interface ReadDataRecord extends RecordBase, ServiceFields {
  kind: 'read-data';
  byteLength: number;
  /** The first bytes as hex, enough to recognise a payload without bloating the log. */
  preview: string;
}

export interface DeviceRecord extends RecordBase {
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
export interface DeviceInfoRecord extends RecordBase, DeviceInfo {
  kind: 'device-info';
}

export interface BackendStatusRecord extends RecordBase {
  kind: 'backend-status';
  backend: string;
  available: boolean;
  message: string;
}

export interface ErrorRecord extends RecordBase {
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
  /** The whole message as hex (fragments joined). Holds personal identifiers: redact on export. */
  bytes: string;
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
  | SessionStateRecord
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
