/**
 * The information buffers this tool reads and writes: DEVICE_CAPS, SUBSCRIBER_READY_STATUS,
 * DEVICE_SERVICES, DEVICE_SERVICE_SUBSCRIBE_LIST, DSS_CONNECT, IP_CONFIGURATION (answered by the emulator because mbimcli asks
 * for it after a DSS connect) and mbim-proxy's configuration. Field order as in libmbim's data
 * files and the MBIM 1.0 specification.
 */
import { InfoReader, InfoWriter } from './fields.js';
import { MbimDecodeError } from './message.js';
import { formatUuid, parseUuid } from './uuid.js';

export interface DeviceCaps {
  deviceType: number;
  cellularClass: number;
  voiceClass: number;
  simClass: number;
  dataClass: number;
  smsCaps: number;
  controlCaps: number;
  maxSessions: number;
  customDataClass: string;
  deviceId: string;
  firmwareInfo: string;
  hardwareInfo: string;
}

export function encodeDeviceCaps(caps: DeviceCaps): Uint8Array {
  return new InfoWriter()
    .u32(caps.deviceType)
    .u32(caps.cellularClass)
    .u32(caps.voiceClass)
    .u32(caps.simClass)
    .u32(caps.dataClass)
    .u32(caps.smsCaps)
    .u32(caps.controlCaps)
    .u32(caps.maxSessions)
    .string(caps.customDataClass)
    .string(caps.deviceId)
    .string(caps.firmwareInfo)
    .string(caps.hardwareInfo)
    .build();
}

export function decodeDeviceCaps(payload: Uint8Array): DeviceCaps {
  const r = new InfoReader(payload);
  return {
    deviceType: r.u32(0),
    cellularClass: r.u32(4),
    voiceClass: r.u32(8),
    simClass: r.u32(12),
    dataClass: r.u32(16),
    smsCaps: r.u32(20),
    controlCaps: r.u32(24),
    maxSessions: r.u32(28),
    customDataClass: r.string(32),
    deviceId: r.string(40),
    firmwareInfo: r.string(48),
    hardwareInfo: r.string(56),
  };
}

export interface SubscriberReadyStatus {
  readyState: number;
  subscriberId: string;
  simIccId: string;
  readyInfo: number;
  telephoneNumbers: string[];
}

export function encodeSubscriberReadyStatus(status: SubscriberReadyStatus): Uint8Array {
  const w = new InfoWriter()
    .u32(status.readyState)
    .string(status.subscriberId)
    .string(status.simIccId)
    .u32(status.readyInfo)
    .u32(status.telephoneNumbers.length);
  for (const number of status.telephoneNumbers) w.string(number);
  return w.build();
}

export function decodeSubscriberReadyStatus(payload: Uint8Array): SubscriberReadyStatus {
  const r = new InfoReader(payload);
  const count = r.u32(24);
  if (count > 64) throw new MbimDecodeError(`${count} telephone numbers is not plausible`);
  return {
    readyState: r.u32(0),
    subscriberId: r.string(4),
    simIccId: r.string(12),
    readyInfo: r.u32(20),
    telephoneNumbers: Array.from({ length: count }, (_, i) => r.string(28 + i * 8)),
  };
}

/** MBIM_SUBSCRIBER_READY_STATE → the MBN ready state the rest of the tool speaks. */
export const READY_STATE_NAMES = [
  'off', // NotInitialized: Windows reports the stack as off until the SIM is initialised.
  'initialized',
  'sim-not-inserted',
  'bad-sim',
  'failure',
  'not-activated',
  'device-locked',
  'no-esim-profile',
] as const;

export interface DeviceServiceElement {
  serviceId: string;
  dssPayload: number;
  maxDssInstances: number;
  cids: number[];
}

export interface DeviceServices {
  maxDssSessions: number;
  services: DeviceServiceElement[];
}

export function encodeDeviceServices(list: DeviceServices): Uint8Array {
  const w = new InfoWriter().u32(list.services.length).u32(list.maxDssSessions);
  for (const service of list.services) {
    const uuid = parseUuid(service.serviceId);
    if (!uuid) throw new MbimDecodeError(`not a UUID: ${service.serviceId}`);
    const element = new InfoWriter()
      .bytes(uuid)
      .u32(service.dssPayload)
      .u32(service.maxDssInstances)
      .u32(service.cids.length);
    for (const cid of service.cids) element.u32(cid);
    w.ref(element.build());
  }
  return w.build();
}

export function decodeDeviceServices(payload: Uint8Array): DeviceServices {
  const r = new InfoReader(payload);
  const count = r.u32(0);
  if (count > 256) throw new MbimDecodeError(`${count} device services is not plausible`);
  const services: DeviceServiceElement[] = [];
  for (let i = 0; i < count; i++) {
    const element = new InfoReader(r.ref(8 + i * 8));
    const cidCount = element.u32(24);
    if (cidCount > 1024) throw new MbimDecodeError(`${cidCount} CIDs is not plausible`);
    services.push({
      serviceId: formatUuid(element.bytes(0, 16)),
      dssPayload: element.u32(16),
      maxDssInstances: element.u32(20),
      cids: Array.from({ length: cidCount }, (_, c) => element.u32(28 + c * 4)),
    });
  }
  return { maxDssSessions: r.u32(4), services };
}

/** One MBIM_EVENT_ENTRY of DEVICE_SERVICE_SUBSCRIBE_LIST: a service and the CIDs to be told of. */
export interface EventEntry {
  serviceId: string;
  cids: readonly number[];
}

/** MBIM_CID_DEVICE_SERVICE_SUBSCRIBE_LIST (set and response): ElementCount, then each entry. */
export function encodeSubscribeList(entries: readonly EventEntry[]): Uint8Array {
  const w = new InfoWriter().u32(entries.length);
  for (const entry of entries) {
    const uuid = parseUuid(entry.serviceId);
    if (!uuid) throw new MbimDecodeError(`not a UUID: ${entry.serviceId}`);
    const element = new InfoWriter().bytes(uuid).u32(entry.cids.length);
    for (const cid of entry.cids) element.u32(cid);
    w.ref(element.build());
  }
  return w.build();
}

export const DSS_LINK = { deactivate: 0, activate: 1 } as const;

export interface DssConnect {
  serviceId: string;
  sessionId: number;
  linkState: number;
}

export function encodeDssConnect(request: DssConnect): Uint8Array {
  const uuid = parseUuid(request.serviceId);
  if (!uuid) throw new MbimDecodeError(`not a UUID: ${request.serviceId}`);
  return new InfoWriter().bytes(uuid).u32(request.sessionId).u32(request.linkState).build();
}

export function decodeDssConnect(payload: Uint8Array): DssConnect {
  const r = new InfoReader(payload);
  return { serviceId: formatUuid(r.bytes(0, 16)), sessionId: r.u32(16), linkState: r.u32(20) };
}

/** An IP configuration with nothing configured: enough for mbimcli's query after a DSS connect. */
export function encodeEmptyIpConfiguration(sessionId: number): Uint8Array {
  const w = new InfoWriter().u32(sessionId);
  for (let i = 0; i < 14; i++) w.u32(0);
  return w.build();
}

export function encodeProxyConfiguration(devicePath: string, timeoutSeconds: number): Uint8Array {
  return new InfoWriter().string(devicePath).u32(timeoutSeconds).build();
}
