/**
 * What the emulated modem is: one scenario device seen as MBIM. The scenario's fields map onto
 * MBIM answers (model → HardwareInfo, firmware → FirmwareInfo, deviceId → DeviceId, readyState
 * and subscriberId → SUBSCRIBER_READY_STATUS), each service becomes a DEVICE_SERVICES element
 * (maxDssSessions that list's MaxDssSessions), and each behaviour's HRESULT becomes the MBIM
 * status the modem answers.
 */
import { hresultToMbimStatus } from '../../../../shared/mbim-status.js';
import { succeeded } from '../../../../shared/hresult.js';
import type { ReadyState } from '../../../../shared/model.js';
import { normalizeServiceId } from '../../../../shared/model.js';
import type { ScenarioDevice, ScenarioService } from '../../simulator/scenario-schema.js';
import type { DeviceCaps, DeviceServiceElement } from '../info.js';
import { READY_STATE_NAMES } from '../info.js';

/** CIDs each well-known service advertises (what a typical modem lists); vendors get CID 1. */
const WELL_KNOWN_CIDS: ReadonlyMap<string, readonly number[]> = new Map([
  [
    'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19],
  ],
  ['533fbeeb-14fe-4467-9f90-33a223e56c3f', [1, 2, 3, 4, 5, 6]],
  ['e550a0c8-5e82-479e-82f7-10abf4c3351f', [1]],
  ['4bf38476-1e6a-41db-b1d8-bed289c25bdb', [1, 2, 3, 4]],
  ['d8f20131-fcb5-4e17-8602-d6ed3816164c', [1, 2, 3]],
  ['1d2b5ff7-0aa1-48b2-aa52-50f15767174e', [1, 2, 3]],
]);

/** The DSS service itself is always listed, as real modems that support streams list it. */
const DSS_SERVICE_ID = 'c08a26dd-7718-4382-8482-6e0d583c4d0e';

export function deviceCaps(device: ScenarioDevice): DeviceCaps {
  return {
    deviceType: 1, // embedded
    cellularClass: 1, // GSM
    voiceClass: 1, // no voice
    simClass: 2, // removable
    dataClass: 0x1f,
    smsCaps: 0x3,
    controlCaps: 0x1,
    maxSessions: 8,
    customDataClass: '',
    deviceId: device.deviceId,
    firmwareInfo: device.firmware,
    hardwareInfo: device.model,
  };
}

export function deviceServiceElements(device: ScenarioDevice): DeviceServiceElement[] {
  const elements = device.services.map((service) => ({
    serviceId: normalizeServiceId(service.serviceId),
    dssPayload: (service.dataWrite ? 1 : 0) | (service.dataRead ? 2 : 0),
    maxDssInstances: service.dataRead || service.dataWrite ? 1 : 0,
    cids: listedCids(service),
  }));
  if (!elements.some((e) => e.serviceId === DSS_SERVICE_ID))
    elements.push({ serviceId: DSS_SERVICE_ID, dssPayload: 0, maxDssInstances: 0, cids: [1] });
  return elements;
}

/**
 * The CIDs a service lists: the scenario's listed commands when it has any (an unlisted command
 * still answers, as the scenario format says), else what a typical modem lists for it.
 */
function listedCids(service: ScenarioService): number[] {
  const listed = service.commands.list.filter((c) => c.listed).map((c) => c.cid);
  if (listed.length > 0) return listed;
  return [...(WELL_KNOWN_CIDS.get(normalizeServiceId(service.serviceId)) ?? [1])];
}

/** The scenario's ready state as MBIM's, or undefined for `probing` (answered BUSY: still probing). */
export function mbimReadyState(state: ReadyState): number | undefined {
  if (state === 'probing') return undefined;
  const index = (READY_STATE_NAMES as readonly string[]).indexOf(state);
  return index >= 0 ? index : 4; // failure, for states MBIM has no word for
}

/** HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED): the scenario format's default for an unknown command. */
const NOT_SUPPORTED = 0x80070032;
const NO_DEVICE_SUPPORT = 9;

/**
 * The MBIM status a scenario HRESULT becomes: its own for MBIM-encoded ones, NO_DEVICE_SUPPORT
 * for "not supported" (what a modem answers a CID it does not implement), else FAILURE.
 */
export function statusFor(hresult: number): number {
  if (hresult >>> 0 === NOT_SUPPORTED) return NO_DEVICE_SUPPORT;
  return hresultToMbimStatus(hresult) ?? (succeeded(hresult) ? 0 : 2);
}

export function findService(
  device: ScenarioDevice,
  serviceId: string,
): ScenarioService | undefined {
  const wanted = normalizeServiceId(serviceId);
  return device.services.find((s) => normalizeServiceId(s.serviceId) === wanted);
}
