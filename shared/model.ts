/**
 * The domain as a technician sees it: modems (MBN interfaces), their device services, and the
 * data and command sessions on those services. Platform-neutral; every layer and the renderer share it.
 */
import type { MbimMessageFields } from './journal/record.js';

/** `IMbnInterface::InterfaceID`. Its exact format is undocumented, so it is kept verbatim. */
export type InterfaceId = string;
/** `MBN_DEVICE_SERVICE.deviceServiceID`, usually a GUID string; compared case- and brace-insensitively. */
export type ServiceId = string;

/** `MBN_READY_STATE`, plus `probing` for `E_PENDING` while the MBN service still probes the device. */
export const READY_STATES = [
  'off',
  'initialized',
  'sim-not-inserted',
  'bad-sim',
  'failure',
  'not-activated',
  'device-locked',
  'device-blocked',
  'no-esim-profile',
  'probing',
  'unknown',
] as const;
export type ReadyState = (typeof READY_STATES)[number];

export interface DeviceInfo {
  interfaceId: InterfaceId;
  manufacturer: string;
  model: string;
  firmware: string;
  /** IMEI (GSM) or ESN/MEID (CDMA): a personal identifier, masked in the UI and redacted in exports. */
  deviceId: string;
  readyState: ReadyState;
}

/** Whether the data session is open; `null` when the backend could not tell. */
type DataSessionOpen = boolean | null;

export interface ServiceInfo {
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  /** Readable name for well-known MBIM services, otherwise a generic label. */
  name: string;
  dataReadSupported: boolean;
  dataWriteSupported: boolean;
  dataSessionOpen: DataSessionOpen;
  /** `IMbnDeviceService::IsCommandSessionOpen`; `null` when the backend could not tell. */
  commandSessionOpen: boolean | null;
  /**
   * `IMbnDeviceServicesContext::MaxCommandSize`: the most bytes a QUERY or SET may carry;
   * `null` when the backend could not tell (nothing is refused for size then).
   */
  maxCommandSize: number | null;
}

/** The data-session calls of `IMbnDeviceService`: OpenDataSession, CloseDataSession, WriteData. */
const DATA_SESSION_OPS = ['open', 'close', 'write'] as const;
/**
 * The command calls of `IMbnDeviceService`: QuerySupportedCommands, Open/CloseCommandSession,
 * QueryCommand, SetCommand. The vendor-specific half of a device service.
 */
const COMMAND_OPS = [
  'supported-commands',
  'open-command-session',
  'close-command-session',
  'query',
  'set',
] as const;
/** Every asynchronous call of `IMbnDeviceService`: each is a request with a completion. */
export const REQUEST_OPS = [...DATA_SESSION_OPS, ...COMMAND_OPS] as const;
export type RequestOp = (typeof REQUEST_OPS)[number];
export type CommandOp = (typeof COMMAND_OPS)[number];

export function isCommandOp(op: RequestOp): op is CommandOp {
  return (COMMAND_OPS as readonly string[]).includes(op);
}

/** What `OpenDataSession`/`CloseDataSession`/`WriteData` return at once. */
export interface CallResult {
  /** The HRESULT as an unsigned 32-bit number. */
  hresult: number;
  /** The MBN-assigned request ID; meaningful only when the call succeeded. */
  requestId: number;
  /**
   * Why a failed call was refused, in words, when the backend knows more than its HRESULT says
   * (the MBIM backend refusing a DSS session ID the modem would not take). The MBN API has no
   * such words: the addon and the simulator never give them.
   */
  message?: string;
}

/** The answer a QUERY or SET completion carries (`OnQueryCommandComplete`/`OnSetCommandComplete`). */
export interface CommandResponse {
  responseId: number;
  /** A copy of the bytes; the MBN service frees its array when the callback returns. */
  data: Uint8Array;
}

/** Everything a backend reports without being asked. */
/**
 * Reads of one service lost in one gap (read-data-dropped). Null IDs: reads the backend could not
 * name (it names a service only from what it already knew, never by asking the service back).
 */
interface DroppedReads {
  interfaceId: InterfaceId | null;
  serviceId: ServiceId | null;
  reads: number;
  bytes: number;
}

/**
 * Read data lost before it reached the app (the native backend: more than `limitBytes` of it was
 * waiting, the app being slower than the device), said once where the gap is: in all, and by
 * service (`services`, which add up to the totals). `lostWithService` reads (and their bytes) of
 * the same place were lost another way, not in the totals: accepted, then never delivered, their
 * service gone while the backend was still asking it which service it was. A report may say
 * those alone.
 */
export interface ReadDataDropped {
  type: 'read-data-dropped';
  reads: number;
  bytes: number;
  limitBytes: number;
  services: readonly DroppedReads[];
  lostWithService: number;
  lostWithServiceBytes: number;
}

/** Notifications of one service lost in one gap (event-notifications-dropped), as DroppedReads. */
interface DroppedNotifications {
  interfaceId: InterfaceId | null;
  serviceId: ServiceId | null;
  notifications: number;
  bytes: number;
}

/**
 * Notifications lost before they reached the app, said as read data lost is (ReadDataDropped):
 * a device sends them unasked and without limit too, and the native backend keeps at most
 * `limitBytes` of them waiting.
 */
export interface EventNotificationsDropped {
  type: 'event-notifications-dropped';
  notifications: number;
  bytes: number;
  limitBytes: number;
  services: readonly DroppedNotifications[];
  lostWithService: number;
  lostWithServiceBytes: number;
}

export type BackendEvent =
  | {
      type: 'completion';
      op: RequestOp;
      interfaceId: InterfaceId;
      serviceId: ServiceId;
      /** The completion's HRESULT status, unsigned 32-bit. */
      status: number;
      requestId: number;
      /** `supported-commands` only: the command IDs the service listed (valid only on success). */
      commandIds?: readonly number[];
      /** `query` and `set` only: the response (its data valid only on success). */
      response?: CommandResponse;
    }
  | {
      type: 'read-data';
      interfaceId: InterfaceId;
      serviceId: ServiceId;
      /** A copy of the bytes; the MBN service frees its array when the callback returns. */
      data: Uint8Array;
    }
  | ReadDataDropped
  | EventNotificationsDropped
  /** `OnEventNotification`: the service told something unasked (no status, no request ID). */
  | {
      type: 'event-notification';
      interfaceId: InterfaceId;
      serviceId: ServiceId;
      eventId: number;
      /** A copy of the bytes. */
      data: Uint8Array;
    }
  /** An MBIM message that crossed the control channel (MBIM backend): journaled as it is. */
  | { type: 'mbim-message'; message: MbimMessageFields }
  | { type: 'interface-arrival'; interfaceId: InterfaceId }
  | { type: 'interface-removal'; interfaceId: InterfaceId }
  /** A listed device changed by itself: its ready state or capabilities (IMbnInterfaceEvents). */
  | { type: 'device-update'; device: DeviceInfo }
  /** The backend lost or regained the MBN service (it restarted, say), in words for the journal. */
  | { type: 'backend-status'; available: boolean; message: string };

/** The per-service session state machines' states (data session and command session alike). */
export const SESSION_STATES = ['unknown', 'closed', 'opening', 'open', 'closing'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Compare service IDs as Windows may format them differently: braces and case stripped. */
export function normalizeServiceId(id: string): string {
  return id
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}

const keys = new Map<InterfaceId, Map<ServiceId, string>>();
let cachedKeys = 0;
/** The last key handed out (for ('', '') at first, which is what it is). */
let lastKey = { interfaceId: '', serviceId: '', key: '\u0000' };

/**
 * The key under which a device service is tracked, the same string object every time: it is
 * looked up on every request and completion, and a reused string keeps its hash, where a freshly
 * concatenated one is hashed again. A machine has few services; the cache stops growing anyway.
 */
export function serviceKey(interfaceId: InterfaceId, serviceId: ServiceId): string {
  // A request asks for its service's key a dozen times on its way: the last answer is checked
  // first, which costs two string comparisons where the maps cost two hash lookups.
  if (interfaceId === lastKey.interfaceId && serviceId === lastKey.serviceId) return lastKey.key;
  const known = keys.get(interfaceId)?.get(serviceId);
  if (known !== undefined) {
    lastKey = { interfaceId, serviceId, key: known };
    return known;
  }
  const key = `${interfaceId}\u0000${normalizeServiceId(serviceId)}`;
  if (cachedKeys < 10_000) {
    let perInterface = keys.get(interfaceId);
    if (!perInterface) keys.set(interfaceId, (perInterface = new Map<ServiceId, string>()));
    perInterface.set(serviceId, key);
    cachedKeys += 1;
  }
  return key;
}

/** The service's ID a serviceKey holds, as compared (normalizeServiceId): what a search asks by. */
export function serviceIdOfKey(key: string): string {
  return key.slice(key.indexOf('\u0000') + 1);
}
