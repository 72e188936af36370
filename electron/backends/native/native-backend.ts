/**
 * The MBN backend on the native addon: adapts the addon's COM-shaped answers (an HRESULT and the
 * step it came from) to the backend contract, so the tracker, journal, IPC and UI work on it as on
 * the simulator. Unknown devices and services become BackendErrors, never crashes. What it tells
 * unasked (devices coming and going, the service's outages) is service-watch.ts's.
 */
import { succeeded } from '../../../shared/hresult.js';
import type {
  BackendEvent,
  CallResult,
  DeviceInfo,
  InterfaceId,
  ServiceId,
  ServiceInfo,
} from '../../../shared/model.js';
import {
  BackendError,
  type BackendDescription,
  type BackendListener,
  type MbnBackend,
} from '../contract.js';
import {
  ERROR_NOT_SUPPORTED,
  commandArgumentsProblem,
  describeHresult,
  deviceError,
  goneError,
  isServiceGone,
  notCalledError,
  servicesListError,
} from './addon-errors.js';
import { completionOf, toDeviceInfo, toServiceInfo } from './addon-shapes.js';
import type {
  AddonCallResult,
  AddonClient,
  AddonClientConstructor,
  AddonCloseResult,
  AddonEvent,
} from './addon-types.js';
import { ServiceWatch } from './service-watch.js';
import { withinLimit } from './time-limit.js';

export interface NativeBackendOptions {
  /** How often to try to subscribe again after the MBN service went away (default 1 s). */
  reconnectIntervalMs?: number;
  /** The longest close() waits for the addon to release the MBN objects (default 3 s). */
  closeLimitMs?: number;
  /**
   * How often an idle backend asks the MBN service to list its interfaces, to find out that it
   * went away (default 10 s; 0: never).
   */
  heartbeatMs?: number;
  /** How long a call may take to return before it fails as unavailable (default 30 s). */
  callLimitMs?: number;
}

export class NativeBackend implements MbnBackend {
  private readonly client: AddonClient;
  private readonly listeners = new Set<BackendListener>();
  /** What the backend tells of its own accord: devices coming and going, the service's outages. */
  private readonly watch: ServiceWatch;
  private closing: Promise<AddonCloseResult> | undefined;
  private readonly closeLimitMs: number;
  private readonly callLimitMs: number;

  constructor(
    MbnClient: AddonClientConstructor,
    private readonly description: BackendDescription,
    options: NativeBackendOptions = {},
  ) {
    this.closeLimitMs = options.closeLimitMs ?? 3000;
    this.callLimitMs = options.callLimitMs ?? 30_000;
    this.client = new MbnClient((event) => {
      this.handle(event);
    });
    this.watch = new ServiceWatch(
      this.client,
      (out) => this.emit(out),
      () => this.isClosing(),
      options.reconnectIntervalMs ?? 1000,
      options.heartbeatMs ?? 10_000,
    );
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
    this.watch.startHeartbeat();
  }

  describe(): BackendDescription {
    return this.description;
  }

  async listDevices(): Promise<DeviceInfo[]> {
    const result = await this.guard(() => this.client.listInterfaces());
    if (isServiceGone(result.hresult)) throw goneError(result.hresult);
    if (!succeeded(result.hresult)) {
      throw new BackendError(
        'unavailable',
        `Listing mobile broadband interfaces failed: ${describeHresult(result.hresult)}.`,
      );
    }
    const devices = result.interfaces.map(toDeviceInfo);
    this.watch.devices.clear();
    for (const device of devices) this.watch.devices.set(device.interfaceId, device);
    return devices;
  }

  async listServices(interfaceId: InterfaceId): Promise<ServiceInfo[]> {
    this.checkId(interfaceId, 'interface ID');
    const result = await this.guard(() => this.client.listServices(interfaceId));
    if (result.stage === 'context') throw deviceError(interfaceId, result.hresult);
    if (result.stage === 'enumerate') {
      if (result.hresult === ERROR_NOT_SUPPORTED) return [];
      throw servicesListError(result.hresult);
    }
    return result.services.map((s) => toServiceInfo(interfaceId, s));
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

  querySupportedCommands(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call(interfaceId, serviceId, () =>
      this.client.querySupportedCommands(interfaceId, serviceId),
    );
  }

  openCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call(interfaceId, serviceId, () =>
      this.client.openCommandSession(interfaceId, serviceId),
    );
  }

  closeCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call(interfaceId, serviceId, () =>
      this.client.closeCommandSession(interfaceId, serviceId),
    );
  }

  /** The bytes go as they are: the engine has already refused data over MaxCommandSize. */
  queryCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    const refused = commandArgumentsProblem(commandId, data);
    if (refused) return Promise.reject(refused);
    return this.call(interfaceId, serviceId, () =>
      this.client.queryCommand(interfaceId, serviceId, commandId, data),
    );
  }

  setCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    const refused = commandArgumentsProblem(commandId, data);
    if (refused) return Promise.reject(refused);
    return this.call(interfaceId, serviceId, () =>
      this.client.setCommand(interfaceId, serviceId, commandId, data),
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

  /** IsCommandSessionOpen, straight from the MBN service. */
  async isCommandSessionOpen(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
  ): Promise<boolean | null> {
    this.checkId(interfaceId, 'interface ID');
    this.checkId(serviceId, 'service ID');
    const result = await this.guard(() => this.client.isCommandSessionOpen(interfaceId, serviceId));
    this.throwIfNotCalled(result, interfaceId, serviceId);
    return succeeded(result.hresult) ? result.open : null;
  }

  onEvent(listener: BackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Never blocks the JS thread, even with an MBN call hung: the addon stops events and rejects
   * outstanding calls at once, and releases the MBN objects off this thread. This waits for
   * that at most `closeLimitMs`, so quitting is bounded. Idempotent.
   */
  async close(): Promise<void> {
    await this.closeOutcome();
  }

  /** close(), with what the addon says about how it went (for tests and diagnostics). */
  closeOutcome(): Promise<AddonCloseResult> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<AddonCloseResult> {
    this.listeners.clear();
    this.watch.stop();
    return withinLimit(this.client.close(), this.closeLimitMs, () => ({
      released: false,
      threadStopped: false,
    }));
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
    const error = notCalledError(result, interfaceId, serviceId);
    if (error) throw error;
  }

  private checkId(value: unknown, what: string): void {
    if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
      throw new BackendError('invalid-argument', `The ${what} must be a non-empty string.`);
    }
  }

  /**
   * MBN calls are documented to return at once, but a wedged service can hold one for good, and
   * with it the addon's one COM thread. Without a limit the request said 'sending' for ever and
   * the technician could neither wait it out nor give it up; past `callLimitMs` it fails in words.
   * The call itself cannot be cancelled: if it ever returns, its answer is dropped.
   */
  private bounded<T>(call: Promise<T>): Promise<T> {
    return withinLimit(
      call,
      this.callLimitMs,
      () => {
        throw new BackendError(
          'unavailable',
          `The Windows Mobile Broadband service has not returned from this call in ${this.callLimitMs / 1000} s and may be hung; mbn-diag stopped waiting. Later calls wait behind it until it returns.`,
        );
      },
      false,
    );
  }

  /** Maps the addon's own rejections (closed, bad argument) to BackendErrors. */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    if (this.client.closed) throw new BackendError('backend-closed', 'The MBN backend is closed.');
    try {
      return await this.bounded(run());
    } catch (error) {
      if (error instanceof BackendError) throw error;
      const code = (error as { code?: unknown }).code;
      if (code === 'backend-closed') {
        throw new BackendError('backend-closed', 'The MBN backend is closed.');
      }
      // TypeError: an argument of the wrong type; RangeError: data longer than a SAFEARRAY holds.
      if (error instanceof TypeError || error instanceof RangeError)
        throw new BackendError('invalid-argument', error.message);
      throw new BackendError('internal', `The native addon failed: ${String(error)}`);
    }
  }

  private handle(event: AddonEvent): void {
    let out: BackendEvent;
    switch (event.type) {
      case 'completion':
        out = completionOf(event);
        break;
      case 'read-data':
      case 'event-notification':
        out = event;
        break;
      case 'interface-arrival':
      case 'interface-removal':
        this.watch.deviceEvent(event.type, event.interfaceId);
        return;
      case 'interfaces-changed':
        this.watch.devicesChanged(event.interfaces);
        return;
      case 'service-lost':
        this.watch.serviceLost(event.hresult, event.step);
        return;
    }
    this.emit(out);
  }

  private isClosing(): boolean {
    return this.closing !== undefined;
  }

  private emit(out: BackendEvent): void {
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
