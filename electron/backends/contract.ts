/**
 * The one contract every backend keeps: the native MBN backend (the addon), the MBIM backend and
 * the scenario simulator. It mirrors the MBN model: calls return `{ hresult, requestId }` at once and
 * complete later through an event, which may even arrive before the call's promise resolves.
 */
import type {
  BackendEvent,
  CallResult,
  DeviceInfo,
  InterfaceId,
  ServiceId,
  ServiceInfo,
} from '../../shared/model.js';

export type BackendKind = 'simulator' | 'mbn' | 'mbim';

export interface BackendDescription {
  kind: BackendKind;
  /** Shown to the technician: which scenario, or which MBN service. */
  label: string;
  /** Why this backend was picked (for example why the MBN service was not used). */
  reason: string;
}

export type BackendListener = (event: BackendEvent) => void;

export interface MbnBackend {
  describe(): BackendDescription;
  listDevices(): Promise<DeviceInfo[]>;
  /** Rejects with `BackendError('unknown-device')` for an interface it does not know. */
  listServices(interfaceId: InterfaceId): Promise<ServiceInfo[]>;
  openDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult>;
  closeDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult>;
  writeData(interfaceId: InterfaceId, serviceId: ServiceId, data: Uint8Array): Promise<CallResult>;
  /** `QuerySupportedCommands`: completes with the command IDs the service lists. */
  querySupportedCommands(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult>;
  openCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult>;
  closeCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult>;
  /**
   * `QueryCommand` / `SetCommand`: completes with a response ID and bytes. The engine has already
   * refused data over the service's MaxCommandSize; a backend passes the bytes on as they are.
   */
  queryCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult>;
  setCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult>;
  /**
   * Subscribes to completions, read data, event notifications and device arrival/removal;
   * returns the unsubscribe.
   */
  onEvent(listener: BackendListener): () => void;
  /** Releases everything (for the addon: unadvise, release COM, join its thread). Idempotent. */
  close(): Promise<void>;
}

export type BackendErrorCode =
  | 'unknown-device'
  | 'unknown-service'
  | 'invalid-argument'
  | 'backend-closed'
  | 'unavailable'
  | 'internal';

/** A typed failure of a backend call: bad arguments, closed backend, missing service. Never a crash. */
export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}
