/**
 * Names of the command IDs (CIDs) of the well-known MBIM device services, as libmbim and the MBIM
 * specification name them, so a technician reads `RADIO_STATE (CID 3)` rather than a number. A
 * vendor service's CIDs have no public names: they are shown as numbers.
 *
 * Every table below is copied from libmbim's `src/libmbim-glib/mbim-cid.h` (the `MbimCid…` enums,
 * github.com/linux-mobile-broadband/libmbim, checked at commit 2f6c6add, January 2026), with the
 * `MBIM_CID_<SERVICE>_` prefix dropped. The numbers are the MBIM 1.0 specification's (section 10)
 * and Microsoft's MBIM extensions'; gaps are CIDs the specification leaves unassigned.
 */
import { wellKnownServiceName } from '../well-known-services.js';

type CidTable = ReadonlyArray<readonly [number, string]>;

/** MbimCidBasicConnect. */
const BASIC_CONNECT: CidTable = [
  [1, 'DEVICE_CAPS'],
  [2, 'SUBSCRIBER_READY_STATUS'],
  [3, 'RADIO_STATE'],
  [4, 'PIN'],
  [5, 'PIN_LIST'],
  [6, 'HOME_PROVIDER'],
  [7, 'PREFERRED_PROVIDERS'],
  [8, 'VISIBLE_PROVIDERS'],
  [9, 'REGISTER_STATE'],
  [10, 'PACKET_SERVICE'],
  [11, 'SIGNAL_STATE'],
  [12, 'CONNECT'],
  [13, 'PROVISIONED_CONTEXTS'],
  [14, 'SERVICE_ACTIVATION'],
  [15, 'IP_CONFIGURATION'],
  [16, 'DEVICE_SERVICES'],
  [19, 'DEVICE_SERVICE_SUBSCRIBE_LIST'],
  [20, 'PACKET_STATISTICS'],
  [21, 'NETWORK_IDLE_HINT'],
  [22, 'EMERGENCY_MODE'],
  [23, 'IP_PACKET_FILTERS'],
  [24, 'MULTICARRIER_PROVIDERS'],
];

/** MbimCidSms. */
const SMS: CidTable = [
  [1, 'SMS_CONFIGURATION'],
  [2, 'SMS_READ'],
  [3, 'SMS_SEND'],
  [4, 'SMS_DELETE'],
  [5, 'SMS_MESSAGE_STORE_STATUS'],
];

/** MbimCidUssd. */
const USSD: CidTable = [[1, 'USSD']];

/** MbimCidPhonebook. */
const PHONEBOOK: CidTable = [
  [1, 'PHONEBOOK_CONFIGURATION'],
  [2, 'PHONEBOOK_READ'],
  [3, 'PHONEBOOK_DELETE'],
  [4, 'PHONEBOOK_WRITE'],
];

/** MbimCidStk. */
const STK: CidTable = [
  [1, 'STK_PAC'],
  [2, 'STK_TERMINAL_RESPONSE'],
  [3, 'STK_ENVELOPE'],
];

/** MbimCidAuth. */
const AUTH: CidTable = [
  [1, 'AKA'],
  [2, 'AKAP'],
  [3, 'SIM'],
];

/** MbimCidDss. */
const DSS: CidTable = [[1, 'DSS_CONNECT']];

/** MbimCidMsBasicConnectExtensions. */
const MS_BASIC_CONNECT_EXTENSIONS: CidTable = [
  [1, 'PROVISIONED_CONTEXTS'],
  [2, 'NETWORK_DENYLIST'],
  [3, 'LTE_ATTACH_CONFIGURATION'],
  [4, 'LTE_ATTACH_INFO'],
  [5, 'SYS_CAPS'],
  [6, 'DEVICE_CAPS'],
  [7, 'DEVICE_SLOT_MAPPINGS'],
  [8, 'SLOT_INFO_STATUS'],
  [9, 'PCO'],
  [10, 'DEVICE_RESET'],
  [11, 'BASE_STATIONS_INFO'],
  [12, 'LOCATION_INFO_STATUS'],
  [15, 'VERSION'],
  [16, 'MODEM_CONFIGURATION'],
  [17, 'REGISTRATION_PARAMETERS'],
  [19, 'WAKE_REASON'],
];

/** MbimCidMsHostShutdown, MbimCidMsFirmwareId, MbimCidMsSar. */
const MS_HOST_SHUTDOWN: CidTable = [[1, 'NOTIFY']];
const MS_FIRMWARE_ID: CidTable = [[1, 'GET']];
const MS_SAR: CidTable = [
  [1, 'CONFIG'],
  [2, 'TRANSMISSION_STATUS'],
];

/** By the well-known service's readable name (see well-known-services.ts). */
const CID_NAMES: ReadonlyMap<string, ReadonlyMap<number, string>> = new Map(
  (
    [
      ['Basic Connect', BASIC_CONNECT],
      ['SMS', SMS],
      ['USSD', USSD],
      ['Phonebook', PHONEBOOK],
      ['STK (SIM Toolkit)', STK],
      ['Auth', AUTH],
      ['DSS (Device Service Stream)', DSS],
      ['MS Basic Connect Extensions', MS_BASIC_CONNECT_EXTENSIONS],
      ['MS Host Shutdown', MS_HOST_SHUTDOWN],
      ['MS Firmware ID', MS_FIRMWARE_ID],
      ['MS SAR', MS_SAR],
    ] as const
  ).map(([service, table]) => [service, new Map(table)]),
);

export function commandName(serviceId: string, cid: number): string | undefined {
  const service = wellKnownServiceName(serviceId);
  return service === undefined ? undefined : CID_NAMES.get(service)?.get(cid);
}

/** `RADIO_STATE (CID 3)` for a known command, `CID 3` for the rest. */
export function commandLabel(serviceId: string, cid: number): string {
  const name = commandName(serviceId, cid);
  return name === undefined ? `CID ${cid}` : `${name} (CID ${cid})`;
}

/** The CID a well-known service's command name stands for (`radio_state` or `RADIO_STATE`). */
export function commandIdByName(serviceId: string, name: string): number | undefined {
  const service = wellKnownServiceName(serviceId);
  const table = service === undefined ? undefined : CID_NAMES.get(service);
  const wanted = name.trim().toUpperCase();
  for (const [cid, known] of table ?? []) if (known === wanted) return cid;
  return undefined;
}
