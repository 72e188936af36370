/**
 * MBIM status codes (what a modem answers in COMMAND_DONE), each with its name and plain words.
 *
 * The tracker, journal and exports speak HRESULTs, so an MBIM status travels as one: success (0)
 * is S_OK, and every other status becomes a failure HRESULT with the customer bit set (so it can
 * never collide with a Microsoft code) in a facility of its own, the status in the low 16 bits.
 * Statuses above 16 bits (Microsoft's 0x8743xxxx, Google's 0x9100xxxx) get one facility each.
 * Every code here is therefore named and explained exactly as the MBN API's HRESULTs are.
 */
import type { KnownHresult } from './hresult-table.js';

/** Customer bit + failure bit: 0xA0000000. */
const CUSTOMER_FAILURE = 0xa0000000;
const FACILITY_MBIM = 0x4d;
const FACILITY_MBIM_MS = 0x4e;
const FACILITY_MBIM_GOOGLE = 0x4f;
/** MBIM_PROTOCOL_ERROR codes (FUNCTION_ERROR, HOST_ERROR): not an answer to the command at all. */
const FACILITY_MBIM_PROTOCOL = 0x50;

interface StatusEntry {
  code: number;
  name: string;
  meaning: string;
}

// Names as libmbim and the MBIM specification spell them; plain words are ours.
const STATUSES: readonly StatusEntry[] = [
  { code: 1, name: 'BUSY', meaning: 'The modem is busy and cannot handle this now; try again.' },
  {
    code: 2,
    name: 'FAILURE',
    meaning: 'The modem reports the operation failed, without a reason.',
  },
  { code: 3, name: 'SIM_NOT_INSERTED', meaning: 'No SIM card is inserted.' },
  { code: 4, name: 'BAD_SIM', meaning: 'The SIM card is unusable.' },
  { code: 5, name: 'PIN_REQUIRED', meaning: 'The SIM needs its PIN first.' },
  { code: 6, name: 'PIN_DISABLED', meaning: 'The SIM PIN is disabled.' },
  { code: 7, name: 'NOT_REGISTERED', meaning: 'The modem is not registered on a network.' },
  { code: 8, name: 'PROVIDERS_NOT_FOUND', meaning: 'No mobile network was found.' },
  {
    code: 9,
    name: 'NO_DEVICE_SUPPORT',
    meaning: 'The modem does not implement this command (or this service).',
  },
  { code: 10, name: 'PROVIDER_NOT_VISIBLE', meaning: 'The chosen network is not visible.' },
  { code: 11, name: 'DATA_CLASS_NOT_AVAILABLE', meaning: 'The data class is not available.' },
  { code: 12, name: 'PACKET_SERVICE_DETACHED', meaning: 'The packet service is detached.' },
  { code: 13, name: 'MAX_ACTIVATED_CONTEXTS', meaning: 'Too many data contexts are active.' },
  { code: 14, name: 'NOT_INITIALIZED', meaning: 'The modem has not finished initialising.' },
  { code: 15, name: 'VOICE_CALL_IN_PROGRESS', meaning: 'A voice call is in progress.' },
  { code: 16, name: 'CONTEXT_NOT_ACTIVATED', meaning: 'The data context is not active.' },
  { code: 17, name: 'SERVICE_NOT_ACTIVATED', meaning: 'The subscription service is not active.' },
  { code: 18, name: 'INVALID_ACCESS_STRING', meaning: 'The access point name (APN) is invalid.' },
  { code: 19, name: 'INVALID_USER_NAME_PWD', meaning: 'The user name or password is wrong.' },
  { code: 20, name: 'RADIO_POWER_OFF', meaning: 'The radio is switched off.' },
  { code: 21, name: 'INVALID_PARAMETERS', meaning: 'The modem rejected the request as malformed.' },
  { code: 22, name: 'READ_FAILURE', meaning: 'The modem could not read the data.' },
  { code: 23, name: 'WRITE_FAILURE', meaning: 'The modem could not write the data.' },
  { code: 25, name: 'NO_PHONEBOOK', meaning: 'There is no phonebook.' },
  { code: 26, name: 'PARAMETER_TOO_LONG', meaning: 'A parameter is too long.' },
  { code: 27, name: 'STK_BUSY', meaning: 'The SIM toolkit is busy.' },
  { code: 28, name: 'OPERATION_NOT_ALLOWED', meaning: 'The modem does not allow this now.' },
  { code: 29, name: 'MEMORY_FAILURE', meaning: 'The modem or SIM memory failed.' },
  { code: 30, name: 'INVALID_MEMORY_INDEX', meaning: 'The memory index is invalid.' },
  { code: 31, name: 'MEMORY_FULL', meaning: 'The modem or SIM memory is full.' },
  { code: 32, name: 'FILTER_NOT_SUPPORTED', meaning: 'The filter is not supported.' },
  {
    code: 33,
    name: 'DSS_INSTANCE_LIMIT',
    meaning: 'The device service has reached the number of data sessions it supports.',
  },
  {
    code: 34,
    name: 'INVALID_DEVICE_SERVICE_OPERATION',
    meaning: 'The device service does not allow this operation (for example no such session).',
  },
  { code: 35, name: 'AUTH_INCORRECT_AUTN', meaning: 'Authentication: incorrect AUTN.' },
  { code: 36, name: 'AUTH_SYNC_FAILURE', meaning: 'Authentication: synchronisation failure.' },
  { code: 37, name: 'AUTH_AMF_NOT_SET', meaning: 'Authentication: AMF bit not set.' },
  { code: 38, name: 'CONTEXT_NOT_SUPPORTED', meaning: 'The context type is not supported.' },
  { code: 100, name: 'SMS_UNKNOWN_SMSC_ADDRESS', meaning: 'SMS: unknown service centre.' },
  { code: 101, name: 'SMS_NETWORK_TIMEOUT', meaning: 'SMS: the network timed out.' },
  { code: 102, name: 'SMS_LANG_NOT_SUPPORTED', meaning: 'SMS: language not supported.' },
  { code: 103, name: 'SMS_ENCODING_NOT_SUPPORTED', meaning: 'SMS: encoding not supported.' },
  { code: 104, name: 'SMS_FORMAT_NOT_SUPPORTED', meaning: 'SMS: format not supported.' },
  { code: 0x87430001, name: 'MS_NO_LOGICAL_CHANNELS', meaning: 'SIM: no logical channel free.' },
  { code: 0x87430002, name: 'MS_SELECT_FAILED', meaning: 'SIM: application select failed.' },
  { code: 0x87430003, name: 'MS_INVALID_LOGICAL_CHANNEL', meaning: 'SIM: bad logical channel.' },
];

const BY_CODE = new Map(STATUSES.map((s) => [s.code, s]));

/** The HRESULT an MBIM status travels as through the tracker and journal. */
export function mbimStatusToHresult(status: number): number {
  const code = status >>> 0;
  if (code === 0) return 0;
  const high = code >>> 16;
  if (high === 0) return (CUSTOMER_FAILURE | (FACILITY_MBIM << 16) | code) >>> 0;
  if (high === 0x8743) return (CUSTOMER_FAILURE | (FACILITY_MBIM_MS << 16) | (code & 0xffff)) >>> 0;
  if (high === 0x9100)
    return (CUSTOMER_FAILURE | (FACILITY_MBIM_GOOGLE << 16) | (code & 0xffff)) >>> 0;
  // Anything else keeps the facility and says so by name: MBIM_STATUS(0x...) is never lost.
  return (CUSTOMER_FAILURE | (FACILITY_MBIM << 16) | 0xffff) >>> 0;
}

/** The MBIM status behind an HRESULT made by mbimStatusToHresult, or undefined. */
export function hresultToMbimStatus(hresult: number): number | undefined {
  const value = hresult >>> 0;
  if (value === 0) return 0;
  if ((value & 0xe0000000) >>> 0 !== CUSTOMER_FAILURE) return undefined;
  const facility = (value >>> 16) & 0x7ff;
  const low = value & 0xffff;
  if (facility === FACILITY_MBIM) return low;
  if (facility === FACILITY_MBIM_MS) return (0x87430000 | low) >>> 0;
  if (facility === FACILITY_MBIM_GOOGLE) return (0x91000000 | low) >>> 0;
  return undefined;
}

/**
 * MBIM_PROTOCOL_ERROR codes (MBIM 1.0 §9.4.4), carried by FUNCTION_ERROR (the modem's) and
 * HOST_ERROR (ours): the message itself failed, so the command was never answered.
 */
const PROTOCOL_ERRORS: readonly StatusEntry[] = [
  {
    code: 1,
    name: 'TIMEOUT_FRAGMENT',
    meaning: 'The next fragment of a long message did not arrive in time.',
  },
  {
    code: 2,
    name: 'FRAGMENT_OUT_OF_SEQUENCE',
    meaning: 'The fragments of a long message arrived out of order.',
  },
  {
    code: 3,
    name: 'LENGTH_MISMATCH',
    meaning: 'A message was not as long as its header said.',
  },
  {
    code: 4,
    name: 'DUPLICATED_TID',
    meaning: 'Two messages in flight carried the same transaction ID.',
  },
  {
    code: 5,
    name: 'NOT_OPENED',
    meaning:
      'The MBIM session was not open (the modem restarted, or another program closed the session).',
  },
  { code: 6, name: 'UNKNOWN', meaning: 'The message failed, without a reason.' },
  { code: 7, name: 'CANCEL', meaning: 'The request was cancelled.' },
  {
    code: 8,
    name: 'MAX_TRANSFER',
    meaning: "A message was larger than the modem's maximum transfer size.",
  },
];

const PROTOCOL_BY_CODE = new Map(PROTOCOL_ERRORS.map((e) => [e.code, e]));

/**
 * The HRESULT a FUNCTION_ERROR travels as: a failure the modem reported about the message, not
 * an answer to the command, so the completion names it instead of reading E_FAIL.
 */
export function mbimProtocolErrorToHresult(error: number): number {
  const code = error >>> 0;
  return (CUSTOMER_FAILURE | (FACILITY_MBIM_PROTOCOL << 16) | Math.min(code, 0xffff)) >>> 0;
}

/** `MBIM_PROTOCOL_ERROR_<NAME>` for a HOST_ERROR or FUNCTION_ERROR code. */
export function protocolErrorName(error: number): string {
  return `MBIM_PROTOCOL_ERROR_${PROTOCOL_BY_CODE.get(error >>> 0)?.name ?? String(error >>> 0)}`;
}

/** `MBIM_STATUS_BUSY`, or `MBIM_STATUS(0x...)` for a code nobody named. */
export function mbimStatusName(status: number): string {
  if (status >>> 0 === 0) return 'MBIM_STATUS_SUCCESS';
  const entry = BY_CODE.get(status >>> 0);
  return entry ? `MBIM_STATUS_${entry.name}` : `MBIM_STATUS(0x${(status >>> 0).toString(16)})`;
}

/** Entries for the HRESULT table: each named MBIM status and protocol error under its HRESULT. */
export const MBIM_STATUS_HRESULTS: ReadonlyArray<readonly [number, KnownHresult]> = [
  ...STATUSES.map((s): [number, KnownHresult] => [
    mbimStatusToHresult(s.code),
    { name: `MBIM_STATUS_${s.name}`, meaning: `The modem answered: ${s.meaning}` },
  ]),
  ...PROTOCOL_ERRORS.map((e): [number, KnownHresult] => [
    mbimProtocolErrorToHresult(e.code),
    {
      name: `MBIM_PROTOCOL_ERROR_${e.name}`,
      meaning: `The modem refused the message itself: ${e.meaning}`,
    },
  ]),
];
