/**
 * How an MBIM field's number reads to a person: an enumeration's name with the number beside it,
 * a set of flags by name, a value the catalogue does not know kept as a number. Names are
 * libmbim's (`mbim-enums.h`) without their prefix, in words.
 */

export type EnumNames = ReadonlyMap<number, string>;
export type FlagNames = ReadonlyArray<readonly [number, string]>;

/** `On`, or `unknown value (7)` for a number the enumeration does not have. */
export function enumText(names: EnumNames, value: number): string {
  return names.get(value) ?? `unknown value (${value})`;
}

/** `GPRS, EDGE, custom`, `none`, with bits the catalogue does not name kept as hex. */
export function flagsText(names: FlagNames, value: number): string {
  if (value === 0) return 'none';
  const shown: string[] = [];
  let rest = value;
  for (const [bit, name] of names) {
    if ((value & bit) >>> 0 === bit >>> 0) {
      shown.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) shown.push(`0x${rest.toString(16).padStart(8, '0')}`);
  return shown.join(', ');
}

/** MbimRadioSwitchState. */
export const RADIO_SWITCH_STATE: EnumNames = new Map([
  [0, 'Off'],
  [1, 'On'],
]);

/** MbimSubscriberReadyState. */
export const SUBSCRIBER_READY_STATE: EnumNames = new Map([
  [0, 'Not initialized'],
  [1, 'Initialized'],
  [2, 'SIM not inserted'],
  [3, 'Bad SIM'],
  [4, 'Failure'],
  [5, 'Not activated'],
  [6, 'Device locked'],
  [7, 'No eSIM profile'],
]);

/** MbimReadyInfoFlag. */
export const READY_INFO_FLAGS: FlagNames = [[1, 'protect unique ID']];

/** MbimDeviceType. */
export const DEVICE_TYPE: EnumNames = new Map([
  [0, 'Unknown'],
  [1, 'Embedded'],
  [2, 'Removable'],
  [3, 'Remote'],
]);

/** MbimCellularClass. */
export const CELLULAR_CLASS_FLAGS: FlagNames = [
  [1, 'GSM'],
  [2, 'CDMA'],
];

/** MbimVoiceClass. */
export const VOICE_CLASS: EnumNames = new Map([
  [0, 'Unknown'],
  [1, 'No voice'],
  [2, 'Separated voice and data'],
  [3, 'Simultaneous voice and data'],
]);

/** MbimSimClass. */
export const SIM_CLASS_FLAGS: FlagNames = [
  [1, 'logical'],
  [2, 'removable'],
];

/** MbimDataClass. */
export const DATA_CLASS_FLAGS: FlagNames = [
  [1 << 0, 'GPRS'],
  [1 << 1, 'EDGE'],
  [1 << 2, 'UMTS'],
  [1 << 3, 'HSDPA'],
  [1 << 4, 'HSUPA'],
  [1 << 5, 'LTE'],
  [1 << 6, '5G NSA'],
  [1 << 7, '5G SA'],
  [1 << 16, '1xRTT'],
  [1 << 17, '1xEV-DO'],
  [1 << 18, '1xEV-DO Rev A'],
  [1 << 19, '1xEV-DV'],
  [1 << 20, '3xRTT'],
  [1 << 21, '1xEV-DO Rev B'],
  [1 << 22, 'UMB'],
  [0x80000000, 'custom'],
];

/** MbimSmsCaps. */
export const SMS_CAPS_FLAGS: FlagNames = [
  [1, 'PDU receive'],
  [2, 'PDU send'],
  [4, 'text receive'],
  [8, 'text send'],
];

/** MbimCtrlCaps. */
export const CTRL_CAPS_FLAGS: FlagNames = [
  [1 << 0, 'manual registration'],
  [1 << 1, 'hardware radio switch'],
  [1 << 2, 'CDMA mobile IP'],
  [1 << 3, 'CDMA simple IP'],
  [1 << 4, 'multi-carrier'],
  [1 << 5, 'eSIM'],
  [1 << 6, 'UE policy route selection'],
  [1 << 7, 'SIM hot swap'],
];

/** MbimRegisterState. */
export const REGISTER_STATE: EnumNames = new Map([
  [0, 'Unknown'],
  [1, 'Deregistered'],
  [2, 'Searching'],
  [3, 'Home'],
  [4, 'Roaming'],
  [5, 'Partner'],
  [6, 'Denied'],
]);

/** MbimRegisterMode. */
export const REGISTER_MODE: EnumNames = new Map([
  [0, 'Unknown'],
  [1, 'Automatic'],
  [2, 'Manual'],
]);

/** MbimRegistrationFlag. */
export const REGISTRATION_FLAGS: FlagNames = [
  [1, 'manual selection not available'],
  [2, 'packet service automatic attach'],
];

/** MbimPacketServiceState. */
export const PACKET_SERVICE_STATE: EnumNames = new Map([
  [0, 'Unknown'],
  [1, 'Attaching'],
  [2, 'Attached'],
  [3, 'Detaching'],
  [4, 'Detached'],
]);

/** MbimPacketServiceAction. */
export const PACKET_SERVICE_ACTION: EnumNames = new Map([
  [0, 'Attach'],
  [1, 'Detach'],
]);

/**
 * SIGNAL_STATE's Rssi, coded as 3GPP TS 27.007 `+CSQ` codes it (MBIM 1.0, 10.5.11): 0 is -113 dBm
 * or less, 1–30 step 2 dBm, 31 is -51 dBm or more, 99 is unknown.
 */
export function rssiText(code: number): string {
  if (code === 99) return 'unknown (99)';
  if (code === 0) return '-113 dBm or less (0)';
  if (code === 31) return '-51 dBm or more (31)';
  if (code > 31) return `unknown value (${code})`;
  return `${-113 + 2 * code} dBm (${code})`;
}

/** SIGNAL_STATE's ErrorRate: the 27.007 bit-error-rate class 0–7, 99 unknown. */
export function errorRateText(code: number): string {
  if (code === 99) return 'unknown (99)';
  if (code > 7) return `unknown value (${code})`;
  return `class ${code} of 0–7`;
}

/** 0xFFFFFFFF in a threshold or interval stands for "not given"; everything else is as sent. */
export function u32Text(value: number, unit = ''): string {
  if (value === 0xffffffff) return 'not set (0xffffffff)';
  return unit === '' ? String(value) : `${value} ${unit}`;
}
