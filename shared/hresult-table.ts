/**
 * Every HRESULT the MBN reference names, with its meaning in plain words. Where Microsoft documents
 * a meaning it is used (E_ACCESSDENIED in the API's own words); codes documented by name only are
 * marked so a support engineer knows the wording is ours.
 */
import { MBIM_STATUS_HRESULTS } from './mbim-status.js';

export interface KnownHresult {
  name: string;
  meaning: string;
  /** True when no documented text exists and the meaning is inferred from the name. */
  nameOnly?: true;
}

const HRESULT_FROM_WIN32 = (code: number): number => (0x80070000 | (code & 0xffff)) >>> 0;

export const KNOWN_HRESULTS: ReadonlyMap<number, KnownHresult> = new Map<number, KnownHresult>([
  [0x00000000, { name: 'S_OK', meaning: 'Success.' }],
  [0x00000001, { name: 'S_FALSE', meaning: 'Success, with a false or partial result.' }],
  [
    0x80070005,
    {
      name: 'E_ACCESSDENIED',
      meaning: 'The command is not allowed for the calling process privileges.',
    },
  ],
  [
    HRESULT_FROM_WIN32(69),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)',
      meaning: 'The device service has reached the maximum number of sessions it supports.',
    },
  ],
  [
    HRESULT_FROM_WIN32(111),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW)',
      meaning: 'The data is longer than the maximum the device service accepts (MaxDataSize).',
    },
  ],
  [
    HRESULT_FROM_WIN32(110),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_OPEN_FAILED)',
      meaning: 'The data session is not open.',
    },
  ],
  [
    HRESULT_FROM_WIN32(50),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)',
      meaning:
        // One meaning for every call that returns it: a failed command read "from
        // EnumerateDeviceServices, the device has no device services" beside its own meaning.
        'Not supported: the device does not implement what was asked (this command, this device service, or device services at all).',
    },
  ],
  [
    HRESULT_FROM_WIN32(1168),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_NOT_FOUND)',
      meaning: 'No device matches the interface ID.',
    },
  ],
  [
    HRESULT_FROM_WIN32(86),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_INVALID_PASSWORD)',
      meaning: 'The user name or password is wrong.',
    },
  ],
  [
    HRESULT_FROM_WIN32(183),
    {
      name: 'HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS)',
      meaning: 'The object already exists.',
    },
  ],
  [
    0x8000000a,
    {
      name: 'E_PENDING',
      meaning: 'The Mobile Broadband service is still probing the device for this information.',
    },
  ],
  [0x80004003, { name: 'E_POINTER', meaning: 'A required pointer argument was NULL.' }],
  [0x8007000e, { name: 'E_OUTOFMEMORY', meaning: 'Not enough memory to complete the operation.' }],
  [0x80070057, { name: 'E_INVALIDARG', meaning: 'One or more arguments are invalid.' }],
  [0x80004005, { name: 'E_FAIL', meaning: 'The operation could not be completed.' }],
  [0x80004001, { name: 'E_NOTIMPL', meaning: 'Not implemented.' }],
  [0x8000ffff, { name: 'E_UNEXPECTED', meaning: 'Catastrophic failure.' }],
  [0x80040154, { name: 'REGDB_E_CLASSNOTREG', meaning: 'The COM class is not registered.' }],
  [
    0x80010106,
    {
      name: 'RPC_E_CHANGED_MODE',
      meaning: 'COM was already initialised on this thread in another apartment mode.',
    },
  ],
  // The MBN service's process gone (restarted or stopped): what calls on its objects return.
  [
    0x80010108,
    {
      name: 'RPC_E_DISCONNECTED',
      meaning: 'The object invoked has disconnected from its clients.',
    },
  ],
  [
    HRESULT_FROM_WIN32(1722),
    { name: 'RPC_S_SERVER_UNAVAILABLE', meaning: 'The RPC server is unavailable.' },
  ],
  [
    HRESULT_FROM_WIN32(1726),
    { name: 'RPC_S_CALL_FAILED', meaning: 'The remote procedure call failed.' },
  ],
  // A call on a proxy whose server process has died: the native backend reconnects on it.
  [
    HRESULT_FROM_WIN32(1727),
    {
      name: 'RPC_S_CALL_FAILED_DNE',
      meaning: 'The remote procedure call failed and did not execute.',
    },
  ],
  [
    0x80010007,
    { name: 'RPC_E_SERVER_DIED', meaning: 'The server died before the call completed.' },
  ],
  // What the addon reports when the service hands back an array of the wrong element type.
  [0x80020008, { name: 'DISP_E_BADVARTYPE', meaning: 'Bad variable type.' }],
  [
    0x80010012,
    {
      name: 'RPC_E_SERVER_DIED_DNE',
      meaning: 'The server died; the call did not execute.',
    },
  ],
  [
    0x800401fd,
    { name: 'CO_E_OBJNOTCONNECTED', meaning: 'The object is not connected to the server.' },
  ],
  // The MBN service stopped or restarted (rather than died): the native backend reconnects on it.
  [
    HRESULT_FROM_WIN32(1062),
    { name: 'ERROR_SERVICE_NOT_ACTIVE', meaning: 'The service has not been started.' },
  ],
  [
    HRESULT_FROM_WIN32(1753),
    {
      name: 'EPT_S_NOT_REGISTERED',
      meaning: 'There are no more endpoints available from the endpoint mapper.',
    },
  ],
  [
    HRESULT_FROM_WIN32(1058),
    {
      name: 'ERROR_SERVICE_DISABLED',
      meaning:
        'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    },
  ],
  // E_MBN_* (FACILITY_MBN = 84).
  [
    0x80548201,
    {
      name: 'E_MBN_CONTEXT_NOT_ACTIVATED',
      meaning: 'The context is not activated.',
      nameOnly: true,
    },
  ],
  [0x80548202, { name: 'E_MBN_BAD_SIM', meaning: 'A bad SIM is in the device.' }],
  [
    0x80548203,
    {
      name: 'E_MBN_DATA_CLASS_NOT_AVAILABLE',
      meaning: 'The requested data class is not available.',
      nameOnly: true,
    },
  ],
  [
    0x80548204,
    {
      name: 'E_MBN_INVALID_ACCESS_STRING',
      meaning: 'The connection access string (APN) is wrong.',
    },
  ],
  [
    0x80548205,
    {
      name: 'E_MBN_MAX_ACTIVATED_CONTEXTS',
      meaning: 'A context is already active and the device does not support more than one.',
    },
  ],
  [
    0x80548206,
    { name: 'E_MBN_PACKET_SVC_DETACHED', meaning: 'No attached packet service is available.' },
  ],
  [
    0x80548207,
    {
      name: 'E_MBN_PROVIDER_NOT_VISIBLE',
      meaning: 'The provider is not visible (manual registration mode only).',
    },
  ],
  [0x80548208, { name: 'E_MBN_RADIO_POWER_OFF', meaning: 'The device radio is off.' }],
  [
    0x80548209,
    {
      name: 'E_MBN_SERVICE_NOT_ACTIVATED',
      meaning: 'The subscription has expired or the cellular service is not activated.',
    },
  ],
  [0x8054820a, { name: 'E_MBN_SIM_NOT_INSERTED', meaning: 'There is no SIM in the device.' }],
  [0x8054820b, { name: 'E_MBN_VOICE_CALL_IN_PROGRESS', meaning: 'A voice call is in progress.' }],
  [
    0x8054820c,
    {
      name: 'E_MBN_INVALID_CACHE',
      meaning: 'The cached list of visible networks is invalid; a network scan is needed.',
    },
  ],
  [
    0x8054820d,
    { name: 'E_MBN_NOT_REGISTERED', meaning: 'The device is not registered to any network.' },
  ],
  [
    0x8054820e,
    { name: 'E_MBN_PROVIDERS_NOT_FOUND', meaning: 'No providers were found.', nameOnly: true },
  ],
  [
    0x8054820f,
    { name: 'E_MBN_PIN_NOT_SUPPORTED', meaning: 'The PIN type is not supported.', nameOnly: true },
  ],
  [
    0x80548210,
    { name: 'E_MBN_PIN_REQUIRED', meaning: 'A PIN is required to complete the operation.' },
  ],
  [0x80548211, { name: 'E_MBN_PIN_DISABLED', meaning: 'The PIN is disabled.', nameOnly: true }],
  [
    0x80548212,
    {
      name: 'E_MBN_FAILURE',
      meaning: 'The operation failed (for PIN operations: a failed PIN attempt).',
    },
  ],
  [
    0x80548218,
    {
      name: 'E_MBN_INVALID_PROFILE',
      meaning: 'The profile XML does not conform to the MBN profile schema.',
    },
  ],
  [
    0x80548219,
    {
      name: 'E_MBN_DEFAULT_PROFILE_EXIST',
      meaning: 'A default profile already exists for the device.',
    },
  ],
  [
    0x80548220,
    {
      name: 'E_MBN_SMS_ENCODING_NOT_SUPPORTED',
      meaning: 'The device does not support the requested SMS encoding.',
    },
  ],
  [
    0x80548221,
    {
      name: 'E_MBN_SMS_FILTER_NOT_SUPPORTED',
      meaning: 'The device does not support the requested SMS filter.',
    },
  ],
  [
    0x80548222,
    {
      name: 'E_MBN_SMS_INVALID_MEMORY_INDEX',
      meaning: 'There is no SMS memory index with the requested value.',
    },
  ],
  [
    0x80548223,
    {
      name: 'E_MBN_SMS_LANG_NOT_SUPPORTED',
      meaning: 'The device does not support the requested SMS language.',
    },
  ],
  [0x80548224, { name: 'E_MBN_SMS_MEMORY_FAILURE', meaning: 'SMS memory failure.' }],
  [0x80548225, { name: 'E_MBN_SMS_NETWORK_TIMEOUT', meaning: 'The network timed out.' }],
  [
    0x80548226,
    {
      name: 'E_MBN_SMS_UNKNOWN_SMSC_ADDRESS',
      meaning: 'The SMS service-centre address is unknown or incomplete.',
    },
  ],
  [
    0x80548227,
    {
      name: 'E_MBN_SMS_FORMAT_NOT_SUPPORTED',
      meaning: 'The SMS format is not supported.',
      nameOnly: true,
    },
  ],
  [
    0x80548228,
    {
      name: 'E_MBN_SMS_OPERATION_NOT_ALLOWED',
      meaning: 'The SIM does not allow the requested SMS operation.',
    },
  ],
  [0x80548229, { name: 'E_MBN_SMS_MEMORY_FULL', meaning: 'The device or SIM memory is full.' }],
  // MBIM statuses from a modem reached over MBIM, as the HRESULTs they travel as.
  ...MBIM_STATUS_HRESULTS,
]);

/** Names as technicians and scenario files write them, for parsing. */
export const HRESULT_BY_NAME: ReadonlyMap<string, number> = new Map(
  [...KNOWN_HRESULTS].flatMap(([value, known]) => {
    const names: [string, number][] = [[known.name, value]];
    const win32 = /^HRESULT_FROM_WIN32\((\w+)\)$/.exec(known.name);
    if (win32?.[1]) names.push([win32[1], value]);
    return names;
  }),
);
