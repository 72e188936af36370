/**
 * A device as the CLI shows it: its device ID masked unless --show-ids, and so is any identifier
 * inside its other fields. A Windows interface ID may end in the USB serial number, which for
 * many modems is the IMEI (`USB\VID_1199&PID_9091\6&<IMEI>`), and firmware strings may name it:
 * masking the device ID column while the next one showed the same number whole hid nothing.
 */
import { maskDeviceId, maskIdentifiers as masked } from '../../shared/identifiers.js';
import type { DeviceInfo } from '../../shared/model.js';

/** An interface ID as the CLI shows it (in a request's result too). */
export function shownInterfaceId(interfaceId: string, showIds: boolean): string {
  return showIds ? interfaceId : masked(interfaceId);
}

export function shownDevice(device: DeviceInfo, showIds: boolean): DeviceInfo {
  if (showIds) return device;
  return {
    ...device,
    interfaceId: shownInterfaceId(device.interfaceId, false),
    model: masked(device.model),
    manufacturer: masked(device.manufacturer),
    firmware: masked(device.firmware),
    deviceId: maskDeviceId(device.deviceId),
  };
}
