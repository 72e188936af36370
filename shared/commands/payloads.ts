/**
 * What the bytes of a command mean, where that is known: the information buffers of the
 * well-known MBIM services' commands (RADIO_STATE, SIGNAL_STATE, ...), decoded into named fields,
 * and the fields a technician fills in to build a QUERY or SET without typing hex. Everything
 * else is shown as hex. Pure: the window and the command line both read it.
 */

/** Which bytes: what was sent, what a QUERY/SET completion answered, or a notification. */
export type PayloadRole = 'query-request' | 'set-request' | 'response' | 'notification';

export interface DecodedField {
  name: string;
  /** As a person reads it: `On`, `-75 dBm`, `unknown (99)`. */
  value: string;
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

/**
 * Decodes a payload of a known command; `undefined` when the command is not known or the bytes
 * do not fit its structure (then the hex is all there is, and nothing is guessed).
 */
export function decodePayload(
  _serviceId: string,
  _commandId: number,
  _role: PayloadRole,
  _bytes: Uint8Array,
): DecodedPayload | undefined {
  return undefined;
}

/** The structured fields for building a request, when the command is known. */
export function requestFields(
  _serviceId: string,
  _commandId: number,
  _role: Extract<PayloadRole, 'query-request' | 'set-request'>,
): RequestFieldSpec[] | undefined {
  return undefined;
}
