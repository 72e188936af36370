/**
 * The addon's COM-shaped answers as the model's shapes: devices, services and completions, with
 * every HRESULT-guarded value shown as unknown (null) when its getter failed, never as a guess.
 */
import { succeeded } from '../../../shared/hresult.js';
import {
  READY_STATES,
  type BackendEvent,
  type DeviceInfo,
  type InterfaceId,
  type ReadyState,
  type ServiceInfo,
} from '../../../shared/model.js';
import { serviceDisplayName } from '../../../shared/well-known-services.js';
import { E_PENDING } from './addon-errors.js';
import type { AddonEvent, AddonInterface, AddonService } from './addon-types.js';

/** MBN_READY_STATE values 0..8 in order, as READY_STATES lists them. */
function readyStateOf(iface: AddonInterface): ReadyState {
  if (iface.readyStateHresult === E_PENDING) return 'probing';
  if (!succeeded(iface.readyStateHresult)) return 'unknown';
  const name = READY_STATES[iface.readyState];
  return name !== undefined && iface.readyState <= 8 ? name : 'unknown';
}

export function toDeviceInfo(iface: AddonInterface): DeviceInfo {
  return {
    interfaceId: iface.interfaceId,
    manufacturer: iface.manufacturer,
    model: iface.model,
    firmware: iface.firmware,
    deviceId: iface.deviceId,
    readyState: readyStateOf(iface),
  };
}

export function sameDevice(a: DeviceInfo, b: DeviceInfo): boolean {
  return (
    a.manufacturer === b.manufacturer &&
    a.model === b.model &&
    a.firmware === b.firmware &&
    a.deviceId === b.deviceId &&
    a.readyState === b.readyState
  );
}

export function toServiceInfo(interfaceId: InterfaceId, s: AddonService): ServiceInfo {
  return {
    interfaceId,
    serviceId: s.serviceId,
    name: serviceDisplayName(s.serviceId),
    dataReadSupported: s.dataReadSupported,
    dataWriteSupported: s.dataWriteSupported,
    dataSessionOpen: succeeded(s.sessionHresult) ? s.dataSessionOpen : null,
    commandSessionOpen: succeeded(s.commandSessionHresult) ? s.commandSessionOpen : null,
    maxCommandSize: succeeded(s.maxCommandSizeHresult) ? s.maxCommandSize >>> 0 : null,
  };
}

/**
 * The addon's completion as the model's. A command list whose element type the addon did not read
 * (the type is undocumented; it reads VT_UI4 and VT_I4) becomes a completion without a list, and
 * a warning says which type came, so the gap is seen rather than shown as "no commands".
 */
export function completionOf(event: Extract<AddonEvent, { type: 'completion' }>): BackendEvent {
  const { commandListVartype, commandIds, response, ...rest } = event;
  if (commandListVartype !== undefined) {
    process.emitWarning(
      `mbn-diag: QuerySupportedCommands completed with a command list of VARTYPE ${commandListVartype}, which is not read (VT_UI4 or VT_I4 expected).`,
    );
  }
  return {
    ...rest,
    status: event.status >>> 0,
    requestId: event.requestId >>> 0,
    ...(commandIds ? { commandIds: commandIds.map((id) => id >>> 0) } : {}),
    ...(response
      ? { response: { responseId: response.responseId >>> 0, data: response.data } }
      : {}),
  };
}
