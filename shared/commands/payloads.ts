/**
 * What the bytes of a command mean, where that is known: the information buffers of the
 * well-known MBIM services' commands (RADIO_STATE, SIGNAL_STATE, ...), decoded into named fields,
 * and the fields a technician fills in to build a QUERY or SET without typing hex. Everything
 * else is shown as hex. Pure: the window and the command line both read it.
 */
import {
  PACKET_SERVICE_SET_FIELDS,
  RADIO_STATE_SET_FIELDS,
  SIGNAL_STATE_SET_FIELDS,
  deviceCapsInfo,
  packetServiceInfo,
  radioStateInfo,
  registrationStateInfo,
  setPacketService,
  setRadioState,
  setSignalState,
  signalStateInfo,
  subscriberReadyInfo,
  type Decoder,
} from './basic-connect.js';
import { InfoBuffer } from './info-buffer.js';
import { wellKnownServiceName } from '../well-known-services.js';

/** Which bytes: what was sent, what a QUERY/SET completion answered, or a notification. */
export type PayloadRole = 'query-request' | 'set-request' | 'response' | 'notification';

/**
 * A personal identifier a decoded field holds. Decoding returns it whole; whoever shows it masks
 * it (the app and the CLI by default, as they mask device IDs) and exports redact it.
 */
type PersonalIdentifier = 'device-id' | 'imsi' | 'iccid' | 'phone-number';

export interface DecodedField {
  name: string;
  /** As a person reads it: `On`, `-75 dBm`, `unknown (99)`. */
  value: string;
  /** Set when the value is a personal identifier: the display masks it unless asked not to. */
  personal?: PersonalIdentifier;
}

export interface DecodedPayload {
  /** What the structure is, e.g. `MBIM_RADIO_STATE_INFO`. */
  structure: string;
  fields: DecodedField[];
}

/** The fields of a request a structured editor offers. */
export interface RequestFieldSpec {
  name: string;
  /** Unsigned 32-bit little-endian, as most MBIM fields are. */
  kind: 'u32';
  /** Allowed values with their names, when the field is an enumeration. */
  choices?: { value: number; label: string }[];
}

/** What is known of one command: a decoder per role, and the fields of its QUERY and SET. */
interface KnownCommand {
  decode: Partial<Record<PayloadRole, Decoder>>;
  /** `[]`: the request carries no bytes. Absent: the request is not defined (or not simple). */
  query?: readonly RequestFieldSpec[];
  set?: readonly RequestFieldSpec[];
}

/** Basic Connect, by CID (libmbim's `data/mbim-service-basic-connect.json`). */
const BASIC_CONNECT = new Map<number, KnownCommand>([
  [1, { decode: { response: deviceCapsInfo }, query: [] }],
  [2, { decode: { response: subscriberReadyInfo, notification: subscriberReadyInfo }, query: [] }],
  [
    3,
    {
      decode: {
        response: radioStateInfo,
        notification: radioStateInfo,
        'set-request': setRadioState,
      },
      query: [],
      set: RADIO_STATE_SET_FIELDS,
    },
  ],
  [
    9,
    { decode: { response: registrationStateInfo, notification: registrationStateInfo }, query: [] },
  ],
  [
    10,
    {
      decode: {
        response: packetServiceInfo,
        notification: packetServiceInfo,
        'set-request': setPacketService,
      },
      query: [],
      set: PACKET_SERVICE_SET_FIELDS,
    },
  ],
  [
    11,
    {
      decode: {
        response: signalStateInfo,
        notification: signalStateInfo,
        'set-request': setSignalState,
      },
      query: [],
      set: SIGNAL_STATE_SET_FIELDS,
    },
  ],
]);

const KNOWN = new Map<string, ReadonlyMap<number, KnownCommand>>([
  ['Basic Connect', BASIC_CONNECT],
]);

function known(serviceId: string, commandId: number): KnownCommand | undefined {
  const service = wellKnownServiceName(serviceId);
  return service === undefined ? undefined : KNOWN.get(service)?.get(commandId);
}

/**
 * Decodes a payload of a known command; `undefined` when the command is not known or the bytes
 * do not fit its structure (then the hex is all there is, and nothing is guessed). Personal
 * identifiers (SUBSCRIBER_READY_STATUS's IMSI, ICCID and telephone numbers, DEVICE_CAPS's device
 * ID) are returned whole with `personal` set: masking them is the display layer's job.
 */
export function decodePayload(
  serviceId: string,
  commandId: number,
  role: PayloadRole,
  bytes: Uint8Array,
): DecodedPayload | undefined {
  const decoder = known(serviceId, commandId)?.decode[role];
  return decoder?.(new InfoBuffer(bytes));
}

/**
 * The structured fields for building a request, when the command is known: `[]` when the
 * request carries no bytes (every Basic Connect QUERY above), `undefined` when not known.
 */
export function requestFields(
  serviceId: string,
  commandId: number,
  role: Extract<PayloadRole, 'query-request' | 'set-request'>,
): RequestFieldSpec[] | undefined {
  const command = known(serviceId, commandId);
  const specs = role === 'query-request' ? command?.query : command?.set;
  return specs?.map((spec) => ({ ...spec }));
}

/**
 * The bytes of a request built from its fields' values (each a u32, little-endian, in order).
 * `undefined` when the command is not known, a value is missing, not a 32-bit unsigned whole
 * number, or not one of the field's choices.
 */
export function encodeRequest(
  serviceId: string,
  commandId: number,
  role: Extract<PayloadRole, 'query-request' | 'set-request'>,
  values: Readonly<Record<string, number>>,
): Uint8Array | undefined {
  const specs = requestFields(serviceId, commandId, role);
  if (specs === undefined) return undefined;
  const bytes = new Uint8Array(4 * specs.length);
  for (const [index, spec] of specs.entries()) {
    const value = values[spec.name];
    if (value === undefined || !Number.isInteger(value) || value < 0 || value > 0xffffffff)
      return undefined;
    if (spec.choices && !spec.choices.some((choice) => choice.value === value)) return undefined;
    for (let byte = 0; byte < 4; byte++)
      bytes[4 * index + byte] = Math.floor(value / 2 ** (8 * byte)) & 0xff;
  }
  return bytes;
}
