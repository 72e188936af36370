/**
 * Names of the command IDs (CIDs) of the well-known MBIM device services, as libmbim and the MBIM
 * specification name them, so a technician reads `RADIO_STATE (CID 3)` rather than a number. A
 * vendor service's CIDs have no public names: they are shown as numbers.
 */
import { wellKnownServiceName } from '../well-known-services.js';

/** By the well-known service's readable name (see well-known-services.ts). */
const CID_NAMES: ReadonlyMap<string, ReadonlyMap<number, string>> = new Map([
  [
    'Basic Connect',
    new Map([
      [1, 'DEVICE_CAPS'],
      [2, 'SUBSCRIBER_READY_STATUS'],
      [3, 'RADIO_STATE'],
      [4, 'PIN'],
      [9, 'REGISTER_STATE'],
      [10, 'PACKET_SERVICE'],
      [11, 'SIGNAL_STATE'],
      [12, 'CONNECT'],
      [15, 'IP_CONFIGURATION'],
      [16, 'DEVICE_SERVICES'],
      [19, 'DEVICE_SERVICE_SUBSCRIBE_LIST'],
    ]),
  ],
  ['DSS (Device Service Stream)', new Map([[1, 'DSS_CONNECT']])],
]);

export function commandName(serviceId: string, cid: number): string | undefined {
  const service = wellKnownServiceName(serviceId);
  return service === undefined ? undefined : CID_NAMES.get(service)?.get(cid);
}

/** `RADIO_STATE (CID 3)` for a known command, `CID 3` for the rest. */
export function commandLabel(serviceId: string, cid: number): string {
  const name = commandName(serviceId, cid);
  return name === undefined ? `CID ${cid}` : `${name} (CID ${cid})`;
}
