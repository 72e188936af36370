/**
 * What the addon's failing HRESULTs mean to a technician: each becomes a BackendError whose words
 * say which step failed and with which code. One place, so the same HRESULT reads the same
 * whether it came from listing services, a call or a session query.
 */
import { decodeHresult, hresultHex } from '../../../shared/hresult.js';
import type { InterfaceId, ServiceId } from '../../../shared/model.js';
import { BackendError } from '../contract.js';
import type { AddonCallResult } from './addon-types.js';

export const E_PENDING = 0x8000000a;
const ERROR_NOT_FOUND = 0x80070490;
/** Documented for listing services: the device has no device services at all. */
export const ERROR_NOT_SUPPORTED = 0x80070032;

/**
 * HRESULTs meaning the MBN service's process is gone (restarted, stopped), not one call failing.
 * The native addon's IsServiceGone (native/src/mbn_core.cc) holds the same list, for the calls it
 * makes on its own (a heartbeat's listing, a sink's lookup); a unit test keeps the two equal.
 */
export const SERVICE_GONE_HRESULTS: readonly number[] = [
  0x80010108, // RPC_E_DISCONNECTED
  0x800706ba, // HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE)
  0x800706be, // HRESULT_FROM_WIN32(RPC_S_CALL_FAILED)
  0x800706bf, // HRESULT_FROM_WIN32(RPC_S_CALL_FAILED_DNE): a call on a proxy whose server died
  0x80010007, // RPC_E_SERVER_DIED
  0x80010012, // RPC_E_SERVER_DIED_DNE
  0x800401fd, // CO_E_OBJNOTCONNECTED
  // A stop or restart of wwansvc rather than a crash: the service control manager or the RPC
  // endpoint mapper answers instead of the service.
  0x80070426, // HRESULT_FROM_WIN32(ERROR_SERVICE_NOT_ACTIVE)
  0x800706d9, // HRESULT_FROM_WIN32(EPT_S_NOT_REGISTERED)
  0x80070422, // HRESULT_FROM_WIN32(ERROR_SERVICE_DISABLED)
];
const SERVICE_GONE = new Set(SERVICE_GONE_HRESULTS);

export function isServiceGone(hresult: number): boolean {
  return SERVICE_GONE.has(hresult >>> 0);
}

/** "0x80070005 (E_ACCESSDENIED)": what a technician searches for. */
export function describeHresult(value: number): string {
  return `${hresultHex(value)} (${decodeHresult(value).name})`;
}

export function goneError(hresult: number): BackendError {
  return new BackendError(
    'unavailable',
    `The Windows Mobile Broadband service is not answering (${describeHresult(hresult)}); mbn-diag subscribes again as soon as it is back.`,
  );
}

/** Listing a device's services failed (EnumerateDeviceServices or the lookup before a call). */
export function servicesListError(hresult: number): BackendError {
  if (isServiceGone(hresult)) return goneError(hresult);
  if (hresult === E_PENDING) {
    return new BackendError(
      'unavailable',
      'The Mobile Broadband service is still probing this device for its services (E_PENDING); try again shortly.',
    );
  }
  return new BackendError(
    'unavailable',
    `Listing the device's services failed: ${describeHresult(hresult)}.`,
  );
}

/** GetDeviceServicesContext failed for this interface. */
export function deviceError(interfaceId: InterfaceId, hresult: number): BackendError {
  if (isServiceGone(hresult)) return goneError(hresult);
  if (hresult === ERROR_NOT_FOUND) {
    return new BackendError('unknown-device', `No device with interface ID "${interfaceId}".`);
  }
  return new BackendError(
    'unavailable',
    `Reaching device "${interfaceId}" failed: GetDeviceServicesContext returned ${describeHresult(hresult)}.`,
  );
}

/**
 * The error for a call that failed before the MBN method ran (no device, no service, the addon
 * itself), or undefined when the method ran: its HRESULT is then the call's answer, not an error.
 */
export function notCalledError(
  result: AddonCallResult,
  interfaceId: InterfaceId,
  serviceId: ServiceId,
): BackendError | undefined {
  if (result.stage !== 'call' && isServiceGone(result.hresult)) return goneError(result.hresult);
  switch (result.stage) {
    case 'call':
      return undefined;
    case 'context':
      return deviceError(interfaceId, result.hresult);
    case 'lookup':
      if (result.hresult === ERROR_NOT_FOUND || result.hresult === ERROR_NOT_SUPPORTED) {
        return new BackendError(
          'unknown-service',
          `The device has no device service "${serviceId}".`,
        );
      }
      return servicesListError(result.hresult);
    case 'service':
      return new BackendError(
        'unavailable',
        `Opening device service "${serviceId}" failed: GetDeviceService returned ${describeHresult(result.hresult)}.`,
      );
    case 'internal':
      return new BackendError(
        'internal',
        `The native addon failed: ${describeHresult(result.hresult)}.`,
      );
  }
}

/** Why a QUERY/SET cannot be passed to the addon at all, or undefined. */
export function commandArgumentsProblem(
  commandId: unknown,
  data: unknown,
): BackendError | undefined {
  if (typeof commandId !== 'number' || !Number.isInteger(commandId)) {
    return new BackendError('invalid-argument', 'The command ID must be a whole number.');
  }
  if (commandId < 0 || commandId > 0xffffffff) {
    return new BackendError(
      'invalid-argument',
      'The command ID must fit in 32 bits (0 to 4294967295).',
    );
  }
  if (!(data instanceof Uint8Array)) {
    return new BackendError('invalid-argument', 'Command data must be bytes.');
  }
  return undefined;
}
