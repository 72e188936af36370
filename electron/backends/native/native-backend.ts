/**
 * The MBN backend on the native addon: adapts the addon's COM-shaped answers (an HRESULT and the
 * step it came from) to the backend contract, so the tracker, journal, IPC and UI work on it as on
 * the simulator. Unknown devices and services become BackendErrors, never crashes.
 */
import { decodeHresult, hresultHex, succeeded } from '../../../shared/hresult.js';
import {
  READY_STATES,
  type BackendEvent,
  type CallResult,
  type DeviceInfo,
  type InterfaceId,
  type ReadyState,
  type ServiceId,
  type ServiceInfo,
} from '../../../shared/model.js';
import { serviceDisplayName } from '../../../shared/well-known-services.js';
import {
  BackendError,
  type BackendDescription,
  type BackendListener,
  type MbnBackend,
} from '../contract.js';
import type {
  AddonCallResult,
  AddonClient,
  AddonClientConstructor,
  AddonEvent,
  AddonInterface,
} from './addon-types.js';

const E_PENDING = 0x8000000a;
const ERROR_NOT_FOUND = 0x80070490;
const ERROR_NOT_SUPPORTED = 0x80070032;

/** "0x80070005 (E_ACCESSDENIED)": what a technician searches for. */
function describeHresult(value: number): string {
  return `${hresultHex(value)} (${decodeHresult(value).name})`;
}

/** MBN_READY_STATE values 0..8 in order, as READY_STATES lists them. */
function readyStateOf(iface: AddonInterface): ReadyState {
  if (iface.readyStateHresult === E_PENDING) return 'probing';
  if (!succeeded(iface.readyStateHresult)) return 'unknown';
  const name = READY_STATES[iface.readyState];
  return name !== undefined && iface.readyState <= 8 ? name : 'unknown';
}

export class NativeBackend implements MbnBackend {
  private readonly client: AddonClient;
  private readonly listeners = new Set<BackendListener>();
  /** Last arrival/removal seen per device: both MBN sinks report each one, the app wants it once. */
  private readonly lastDeviceEvent = new Map<
    InterfaceId,
    'interface-arrival' | 'interface-removal'
  >();

  constructor(
    MbnClient: AddonClientConstructor,
    private readonly description: BackendDescription,
  ) {
    this.client = new MbnClient((event) => {
      this.handle(event);
    });
  }

  /** Subscribes to the MBN service; on failure says which step failed, with its HRESULT. */
  async start(): Promise<void> {
    const started = await this.client.start();
    if (!succeeded(started.hresult)) {
      throw new BackendError(
        'unavailable',
        `The Windows Mobile Broadband service did not answer: ${started.step} returned ${describeHresult(started.hresult)}.`,
      );
    }
  }

  describe(): BackendDescription {
    return this.description;
  }

  async listDevices(): Promise<DeviceInfo[]> {
    const result = await this.guard(() => this.client.listInterfaces());
    if (!succeeded(result.hresult)) {
      throw new BackendError(
        'unavailable',
        `Listing mobile broadband interfaces failed: ${describeHresult(result.hresult)}.`,
      );
    }
    return result.interfaces.map((iface) => ({
      interfaceId: iface.interfaceId,
      manufacturer: iface.manufacturer,
      model: iface.model,
      firmware: iface.firmware,
      deviceId: iface.deviceId,
      readyState: readyStateOf(iface),
    }));
  }

  async listServices(interfaceId: InterfaceId): Promise<ServiceInfo[]> {
    this.checkId(interfaceId, 'interface ID');
    const result = await this.guard(() => this.client.listServices(interfaceId));
    if (result.stage === 'context') throw this.deviceError(interfaceId, result.hresult);
    if (result.stage === 'enumerate') {
      // Documented: ERROR_NOT_SUPPORTED means the device has no device services at all.
      if (result.hresult === ERROR_NOT_SUPPORTED) return [];
      if (result.hresult === E_PENDING) {
        throw new BackendError(
          'unavailable',
          'The Mobile Broadband service is still probing this device for its services (E_PENDING); try again shortly.',
        );
      }
      throw new BackendError(
        'unavailable',
        `Listing the device's services failed: ${describeHresult(result.hresult)}.`,
      );
    }
    return result.services.map((s) => ({
      interfaceId,
      serviceId: s.serviceId,
      name: serviceDisplayName(s.serviceId),
      dataReadSupported: s.dataReadSupported,
      dataWriteSupported: s.dataWriteSupported,
      dataSessionOpen: succeeded(s.sessionHresult) ? s.dataSessionOpen : null,
    }));
  }

  openDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call(interfaceId, serviceId, () =>
      this.client.openDataSession(interfaceId, serviceId),
    );
  }

  closeDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call(interfaceId, serviceId, () =>
      this.client.closeDataSession(interfaceId, serviceId),
    );
  }

  writeData(interfaceId: InterfaceId, serviceId: ServiceId, data: Uint8Array): Promise<CallResult> {
    if (!(data instanceof Uint8Array)) {
      return Promise.reject(new BackendError('invalid-argument', 'Data to write must be bytes.'));
    }
    return this.call(interfaceId, serviceId, () =>
      this.client.writeData(interfaceId, serviceId, data),
    );
  }

  /** IsDataSessionOpen, straight from the MBN service. */
  async isDataSessionOpen(interfaceId: InterfaceId, serviceId: ServiceId): Promise<boolean | null> {
    this.checkId(interfaceId, 'interface ID');
    this.checkId(serviceId, 'service ID');
    const result = await this.guard(() => this.client.isDataSessionOpen(interfaceId, serviceId));
    this.throwIfNotCalled(result, interfaceId, serviceId);
    return succeeded(result.hresult) ? result.open : null;
  }

  onEvent(listener: BackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    this.client.close();
    return Promise.resolve();
  }

  private async call(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    invoke: () => Promise<AddonCallResult>,
  ): Promise<CallResult> {
    this.checkId(interfaceId, 'interface ID');
    this.checkId(serviceId, 'service ID');
    const result = await this.guard(invoke);
    this.throwIfNotCalled(result, interfaceId, serviceId);
    return { hresult: result.hresult >>> 0, requestId: result.requestId >>> 0 };
  }

  /** Turns a failure before the MBN method ran (no device, no service) into a BackendError. */
  private throwIfNotCalled(
    result: AddonCallResult,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
  ): void {
    switch (result.stage) {
      case 'call':
        return;
      case 'context':
        throw this.deviceError(interfaceId, result.hresult);
      case 'lookup':
        if (result.hresult === ERROR_NOT_FOUND || result.hresult === ERROR_NOT_SUPPORTED) {
          throw new BackendError(
            'unknown-service',
            `The device has no device service "${serviceId}".`,
          );
        }
        if (result.hresult === E_PENDING) {
          throw new BackendError(
            'unavailable',
            'The Mobile Broadband service is still probing this device for its services (E_PENDING); try again shortly.',
          );
        }
        throw new BackendError(
          'unavailable',
          `Listing the device's services failed: ${describeHresult(result.hresult)}.`,
        );
      case 'service':
        throw new BackendError(
          'unavailable',
          `Opening device service "${serviceId}" failed: GetDeviceService returned ${describeHresult(result.hresult)}.`,
        );
      case 'internal':
        throw new BackendError(
          'internal',
          `The native addon failed: ${describeHresult(result.hresult)}.`,
        );
    }
  }

  private deviceError(interfaceId: InterfaceId, hresult: number): BackendError {
    if (hresult === ERROR_NOT_FOUND) {
      return new BackendError('unknown-device', `No device with interface ID "${interfaceId}".`);
    }
    return new BackendError(
      'unavailable',
      `Reaching device "${interfaceId}" failed: GetDeviceServicesContext returned ${describeHresult(hresult)}.`,
    );
  }

  private checkId(value: unknown, what: string): void {
    if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
      throw new BackendError('invalid-argument', `The ${what} must be a non-empty string.`);
    }
  }

  /** Maps the addon's own rejections (closed, bad argument) to BackendErrors. */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    if (this.client.closed) throw new BackendError('backend-closed', 'The MBN backend is closed.');
    try {
      return await run();
    } catch (error) {
      if (error instanceof BackendError) throw error;
      const code = (error as { code?: unknown }).code;
      if (code === 'backend-closed') {
        throw new BackendError('backend-closed', 'The MBN backend is closed.');
      }
      if (error instanceof TypeError) throw new BackendError('invalid-argument', error.message);
      throw new BackendError('internal', `The native addon failed: ${String(error)}`);
    }
  }

  private handle(event: AddonEvent): void {
    let out: BackendEvent;
    switch (event.type) {
      case 'completion':
        out = { ...event, status: event.status >>> 0, requestId: event.requestId >>> 0 };
        break;
      case 'read-data':
        out = event;
        break;
      case 'interface-arrival':
      case 'interface-removal':
        if (this.lastDeviceEvent.get(event.interfaceId) === event.type) return;
        this.lastDeviceEvent.set(event.interfaceId, event.type);
        out = { type: event.type, interfaceId: event.interfaceId };
        break;
    }
    for (const listener of this.listeners) {
      try {
        listener(out);
      } catch (error) {
        // A listener's bug must not stop the others or reach the addon's event thread.
        process.emitWarning(`mbn-diag: an event listener threw: ${String(error)}`);
      }
    }
  }
}
