/**
 * Which field of a record a log row shows as its device, service, request and so on, for every
 * kind: read here once, so main's rows (electron/ipc/log-row.ts) and the rows the renderer keeps
 * lean (renderer/src/store/kept-row.ts) cannot come to differ.
 */
import type { InterfaceId, ServiceId, SessionState } from '../model.js';
import type { JournalRecord } from './record.js';

export function recordInterfaceId(record: JournalRecord): InterfaceId | null {
  return 'interfaceId' in record ? record.interfaceId : null;
}

export function recordServiceId(record: JournalRecord): ServiceId | null {
  return 'serviceId' in record ? record.serviceId : null;
}

export function recordServiceName(record: JournalRecord): string | null {
  return 'serviceName' in record ? record.serviceName : null;
}

export function recordRef(record: JournalRecord): string | null {
  return 'ref' in record ? record.ref : null;
}

export function recordRequestId(record: JournalRecord): number | null {
  return 'requestId' in record ? record.requestId : null;
}

export function recordLatencyMs(record: JournalRecord): number | null {
  return record.kind === 'completion' ? record.latencyMs : null;
}

/** For `session-state` records: the state the data session moved to. */
export function recordSessionState(record: JournalRecord): SessionState | null {
  return record.kind === 'session-state' ? record.to : null;
}

/** The records that describe a modem: the only ones a device's model and ID are learnt from. */
export const DEVICE_RECORD_KINDS = ['device-info', 'device-arrival', 'device-removal'] as const;
type DeviceRecord = Extract<JournalRecord, { kind: (typeof DEVICE_RECORD_KINDS)[number] }>;

function isDeviceRecord(record: JournalRecord): record is DeviceRecord {
  return (DEVICE_RECORD_KINDS as readonly string[]).includes(record.kind);
}

/**
 * The model a record gives its device (device-info, and an arrival or removal that names one):
 * what the exports' model column and a saved log's device names learn from.
 */
export function recordModel(record: JournalRecord): string | null {
  return isDeviceRecord(record) && typeof record.model === 'string' && record.model.length > 0
    ? record.model
    : null;
}

/** The device ID a device record gives (IMEI, ESN/MEID): a personal identifier, never shown raw. */
export function recordDeviceId(record: JournalRecord): string | null {
  return isDeviceRecord(record) && typeof record.deviceId === 'string' && record.deviceId.length > 0
    ? record.deviceId
    : null;
}
