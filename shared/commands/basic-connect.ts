/**
 * Decoders and request fields for the Basic Connect commands a technician reads most: field by
 * field as libmbim's `data/mbim-service-basic-connect.json` defines them (checked at commit
 * 2f6c6add). Each decoder reads only what its structure's fixed part says and answers
 * `undefined` when the bytes are shorter than that part or a string reference points outside.
 */
import type { DecodedField, DecodedPayload, RequestFieldSpec } from './payloads.js';
import type { InfoBuffer } from './info-buffer.js';
import {
  CELLULAR_CLASS_FLAGS,
  CTRL_CAPS_FLAGS,
  DATA_CLASS_FLAGS,
  DEVICE_TYPE,
  PACKET_SERVICE_ACTION,
  PACKET_SERVICE_STATE,
  RADIO_SWITCH_STATE,
  READY_INFO_FLAGS,
  REGISTER_MODE,
  REGISTER_STATE,
  REGISTRATION_FLAGS,
  SIM_CLASS_FLAGS,
  SMS_CAPS_FLAGS,
  SUBSCRIBER_READY_STATE,
  VOICE_CLASS,
  enumText,
  errorRateText,
  flagsText,
  rssiText,
  u32Text,
  type EnumNames,
} from './values.js';

export type Decoder = (buffer: InfoBuffer) => DecodedPayload | undefined;

/**
 * Builds the fields in order; the first `undefined` (a read that did not fit) makes the whole
 * decode `undefined`, so a half-decoded structure is never shown as if it were whole.
 */
function fields(
  structure: string,
  read: () => (DecodedField | undefined)[] | undefined,
): DecodedPayload | undefined {
  const list = read();
  if (list === undefined) return undefined;
  const whole: DecodedField[] = [];
  for (const field of list) {
    if (field === undefined) return undefined;
    whole.push(field);
  }
  return { structure, fields: whole };
}

function num(
  name: string,
  value: number | undefined,
  show: (v: number) => string,
): DecodedField | undefined {
  return value === undefined ? undefined : { name, value: show(value) };
}

function text(
  name: string,
  value: string | undefined,
  personal?: DecodedField['personal'],
): DecodedField | undefined {
  if (value === undefined) return undefined;
  return personal === undefined ? { name, value } : { name, value, personal };
}

const named = (names: EnumNames) => (v: number) => enumText(names, v);

/** MBIM_RADIO_STATE_INFO: HwRadioState, SwRadioState. */
export const radioStateInfo: Decoder = (b) =>
  fields('MBIM_RADIO_STATE_INFO', () => [
    num('Hardware radio', b.u32(0), named(RADIO_SWITCH_STATE)),
    num('Software radio', b.u32(4), named(RADIO_SWITCH_STATE)),
  ]);

/** MBIM_SET_RADIO_STATE: RadioState. */
export const setRadioState: Decoder = (b) =>
  fields('MBIM_SET_RADIO_STATE', () => [num('RadioState', b.u32(0), named(RADIO_SWITCH_STATE))]);

/** MBIM_SIGNAL_STATE_INFO: Rssi, ErrorRate, SignalStrengthInterval, RssiThreshold, ErrorRateThreshold. */
export const signalStateInfo: Decoder = (b) =>
  fields('MBIM_SIGNAL_STATE_INFO', () => [
    num('RSSI', b.u32(0), rssiText),
    num('Error rate', b.u32(4), errorRateText),
    num('Signal strength interval', b.u32(8), (v) => u32Text(v, 's')),
    num('RSSI threshold', b.u32(12), (v) => u32Text(v)),
    num('Error rate threshold', b.u32(16), (v) => u32Text(v)),
  ]);

/** MBIM_SET_SIGNAL_STATE: SignalStrengthInterval, RssiThreshold, ErrorRateThreshold. */
export const setSignalState: Decoder = (b) =>
  fields('MBIM_SET_SIGNAL_STATE', () => [
    num('SignalStrengthInterval', b.u32(0), (v) => u32Text(v, 's')),
    num('RssiThreshold', b.u32(4), (v) => u32Text(v)),
    num('ErrorRateThreshold', b.u32(8), (v) => u32Text(v)),
  ]);

/**
 * MBIM_SUBSCRIBER_READY_INFO: ReadyState, SubscriberId (the IMSI), SimIccId (the ICCID),
 * ReadyInfo, TelephoneNumbersCount and the numbers. The identifiers are returned whole and
 * marked `personal`: masking them is the display's job (the CLI masks unless --show-ids).
 */
export const subscriberReadyInfo: Decoder = (b) =>
  fields('MBIM_SUBSCRIBER_READY_INFO', () => {
    const count = b.u32(24);
    // Each number is an (offset, size) pair after the count; a count the bytes cannot hold is
    // refused before anything is allocated for it.
    if (count === undefined || 28 + 8 * count > b.length) return undefined;
    const numbers: (DecodedField | undefined)[] = [];
    for (let i = 0; i < count; i++)
      numbers.push(text(`Telephone number ${i + 1}`, b.stringAt(28 + 8 * i), 'phone-number'));
    return [
      num('Ready state', b.u32(0), named(SUBSCRIBER_READY_STATE)),
      text('Subscriber ID (IMSI)', b.stringAt(4), 'imsi'),
      text('SIM ICCID', b.stringAt(12), 'iccid'),
      num('Ready info', b.u32(20), (v) => flagsText(READY_INFO_FLAGS, v)),
      num('Telephone numbers', count, String),
      ...numbers,
    ];
  });

/** MBIM_DEVICE_CAPS_INFO (DeviceId is the IMEI or ESN/MEID, marked `personal`). */
export const deviceCapsInfo: Decoder = (b) =>
  fields('MBIM_DEVICE_CAPS_INFO', () => [
    num('Device type', b.u32(0), named(DEVICE_TYPE)),
    num('Cellular class', b.u32(4), (v) => flagsText(CELLULAR_CLASS_FLAGS, v)),
    num('Voice class', b.u32(8), named(VOICE_CLASS)),
    num('SIM class', b.u32(12), (v) => flagsText(SIM_CLASS_FLAGS, v)),
    num('Data class', b.u32(16), (v) => flagsText(DATA_CLASS_FLAGS, v)),
    num('SMS caps', b.u32(20), (v) => flagsText(SMS_CAPS_FLAGS, v)),
    num('Control caps', b.u32(24), (v) => flagsText(CTRL_CAPS_FLAGS, v)),
    num('Max sessions', b.u32(28), String),
    text('Custom data class', b.stringAt(32)),
    text('Device ID', b.stringAt(40), 'device-id'),
    text('Firmware', b.stringAt(48)),
    text('Hardware', b.stringAt(56)),
  ]);

const nwErrorText = (v: number): string => (v === 0 ? 'none (0)' : `network error ${v}`);

/** MBIM_REGISTRATION_STATE_INFO. */
export const registrationStateInfo: Decoder = (b) =>
  fields('MBIM_REGISTRATION_STATE_INFO', () => [
    num('Network error', b.u32(0), nwErrorText),
    num('Register state', b.u32(4), named(REGISTER_STATE)),
    num('Register mode', b.u32(8), named(REGISTER_MODE)),
    num('Available data classes', b.u32(12), (v) => flagsText(DATA_CLASS_FLAGS, v)),
    num('Current cellular class', b.u32(16), (v) => flagsText(CELLULAR_CLASS_FLAGS, v)),
    text('Provider ID', b.stringAt(20)),
    text('Provider name', b.stringAt(28)),
    text('Roaming text', b.stringAt(36)),
    num('Registration flags', b.u32(44), (v) => flagsText(REGISTRATION_FLAGS, v)),
  ]);

/** MBIM_PACKET_SERVICE_INFO: the two speeds are 64-bit, in bits per second. */
export const packetServiceInfo: Decoder = (b) =>
  fields('MBIM_PACKET_SERVICE_INFO', () => {
    const up = b.u64(12);
    const down = b.u64(20);
    if (up === undefined || down === undefined) return undefined;
    return [
      num('Network error', b.u32(0), nwErrorText),
      num('Packet service state', b.u32(4), named(PACKET_SERVICE_STATE)),
      num('Highest available data class', b.u32(8), (v) => flagsText(DATA_CLASS_FLAGS, v)),
      { name: 'Uplink speed', value: `${up.toString()} bit/s` },
      { name: 'Downlink speed', value: `${down.toString()} bit/s` },
    ];
  });

/** MBIM_SET_PACKET_SERVICE: PacketServiceAction. */
export const setPacketService: Decoder = (b) =>
  fields('MBIM_SET_PACKET_SERVICE', () => [
    num('PacketServiceAction', b.u32(0), named(PACKET_SERVICE_ACTION)),
  ]);

const choices = (names: EnumNames): { value: number; label: string }[] =>
  [...names].map(([value, label]) => ({ value, label }));

export const RADIO_STATE_SET_FIELDS: readonly RequestFieldSpec[] = [
  { name: 'RadioState', kind: 'u32', choices: choices(RADIO_SWITCH_STATE) },
];
export const SIGNAL_STATE_SET_FIELDS: readonly RequestFieldSpec[] = [
  { name: 'SignalStrengthInterval', kind: 'u32' },
  { name: 'RssiThreshold', kind: 'u32' },
  { name: 'ErrorRateThreshold', kind: 'u32' },
];
export const PACKET_SERVICE_SET_FIELDS: readonly RequestFieldSpec[] = [
  { name: 'PacketServiceAction', kind: 'u32', choices: choices(PACKET_SERVICE_ACTION) },
];
