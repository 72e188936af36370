/**
 * How the engine reaches the backend for each op, and what a command completion brings back in
 * record form. Kept apart from the engine, which decides when to call and what to record.
 */
import type { MbnBackend } from '../backends/contract.js';
import type { Carried } from '../core/calls-in-flight.js';
import { toHex } from '../../shared/bytes.js';
import { RECORDED_DATA_BYTES } from '../../shared/journal/record.js';
import { recordedLength } from '../../shared/recorded-cut.js';
import type { BackendEvent, CallResult, RequestOp, ServiceInfo } from '../../shared/model.js';

/**
 * What a command completion brings back, in record form. The documentation says the list and the
 * data are valid only when the status is S_OK, so a failed completion's are not recorded.
 */
export function carriedBy(
  event: Extract<BackendEvent, { type: 'completion' }>,
  ok: boolean,
): Carried {
  if (event.commandIds !== undefined) return ok ? { commandIds: [...event.commandIds] } : {};
  if (event.response === undefined) return {};
  const { responseId, data } = event.response;
  return ok
    ? {
        responseId: responseId >>> 0,
        byteLength: data.length,
        data: toHex(data, recordedLength(data, RECORDED_DATA_BYTES)),
      }
    : {};
}

/** The backend method behind each op. */
export function callBackend(
  backend: MbnBackend,
  op: RequestOp,
  service: ServiceInfo,
  commandId: number,
  data: Uint8Array,
): Promise<CallResult> {
  const { interfaceId, serviceId } = service;
  switch (op) {
    case 'open':
      return backend.openDataSession(interfaceId, serviceId);
    case 'close':
      return backend.closeDataSession(interfaceId, serviceId);
    case 'write':
      return backend.writeData(interfaceId, serviceId, data);
    case 'supported-commands':
      return backend.querySupportedCommands(interfaceId, serviceId);
    case 'open-command-session':
      return backend.openCommandSession(interfaceId, serviceId);
    case 'close-command-session':
      return backend.closeCommandSession(interfaceId, serviceId);
    case 'query':
      return backend.queryCommand(interfaceId, serviceId, commandId, data);
    case 'set':
      return backend.setCommand(interfaceId, serviceId, commandId, data);
  }
}
