/**
 * The MBN backend on the native addon: adapts the addon's COM-shaped answers (an HRESULT and the
 * step it came from) to the backend contract, so the tracker, journal, IPC and UI work on it as on
 * the simulator. Unknown devices and services become BackendErrors, never crashes.
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
import { completionOf, sameDevice, toDeviceInfo, toServiceInfo } from './addon-shapes.js';
import type {
  AddonCallResult,
  AddonClient,
  AddonClientConstructor,
  AddonCloseResult,
  AddonEvent,
  AddonInterface,
  AddonInterfacesResult,
} from './addon-types.js';
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
  /** Last arrival/removal seen per device: both MBN sinks report each one, the app wants it once. */
  private readonly lastDeviceEvent = new Map<
    InterfaceId,
    'interface-arrival' | 'interface-removal'
  >();

  /** Devices as last listed or updated, so a ready-state callback reports only real changes. */
  private readonly devices = new Map<InterfaceId, DeviceInfo>();
  /** Set while the MBN service is gone: the HRESULT that said so. */
  private lostWith: number | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closing: Promise<AddonCloseResult> | undefined;
  private readonly reconnectIntervalMs: number;
  private readonly closeLimitMs: number;
  private readonly heartbeatMs: number;
  private readonly callLimitMs: number;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    MbnClient: AddonClientConstructor,
    private readonly description: BackendDescription,
    options: NativeBackendOptions = {},
  ) {
    this.reconnectIntervalMs = options.reconnectIntervalMs ?? 1000;
    this.closeLimitMs = options.closeLimitMs ?? 3000;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.callLimitMs = options.callLimitMs ?? 30_000;
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
    this.startHeartbeat();
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
    this.devices.clear();
    for (const device of devices) this.devices.set(device.interfaceId, device);
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
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
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
        this.deviceEvent(event.type, event.interfaceId);
        return;
      case 'interfaces-changed':
        this.devicesChanged(event.interfaces);
        return;
      case 'service-lost':
        this.serviceLost(event.hresult, event.step);
        return;
    }
    this.emit(out);
  }

  /** An arrival or removal, once: both MBN sinks report each, and so may a catch-up listing. */
  private deviceEvent(type: 'interface-arrival' | 'interface-removal', interfaceId: InterfaceId) {
    if (this.lastDeviceEvent.get(interfaceId) === type) return;
    this.lastDeviceEvent.set(interfaceId, type);
    if (type === 'interface-removal') this.devices.delete(interfaceId);
    this.emit({ type, interfaceId });
  }

  /**
   * While the service was away nobody was subscribed: a device unplugged or plugged in meanwhile
   * was never reported, and the app would go on showing a device that is gone. The listing taken
   * once subscribed again says which, in the same events the sinks would have sent.
   */
  private async catchUp(): Promise<void> {
    let listed: AddonInterfacesResult;
    try {
      listed = await this.client.listInterfaces();
    } catch {
      return; // closed meanwhile
    }
    if (this.isClosing() || !succeeded(listed.hresult)) return;
    const known = new Set(this.devices.keys());
    for (const [id, last] of this.lastDeviceEvent) if (last === 'interface-arrival') known.add(id);
    const now = new Set(listed.interfaces.map((i) => i.interfaceId));
    for (const id of known) if (!now.has(id)) this.deviceEvent('interface-removal', id);
    for (const iface of listed.interfaces) {
      if (known.has(iface.interfaceId)) continue;
      this.devices.set(iface.interfaceId, toDeviceInfo(iface));
      this.deviceEvent('interface-arrival', iface.interfaceId);
    }
    this.devicesChanged(listed.interfaces);
  }

  /** One device-update per device whose details really changed (a listed device only). */
  private devicesChanged(interfaces: readonly AddonInterface[]): void {
    for (const iface of interfaces) {
      const device = toDeviceInfo(iface);
      const known = this.devices.get(device.interfaceId);
      if (!known || sameDevice(known, device)) continue;
      this.devices.set(device.interfaceId, device);
      this.emit({ type: 'device-update', device });
    }
  }

  /** The addon dropped every MBN object: say so, then try to subscribe again until it works. */
  private serviceLost(hresult: number, step: string): void {
    if (this.lostWith !== undefined || this.closing) return;
    this.lostWith = hresult >>> 0;
    this.emit({
      type: 'backend-status',
      available: false,
      message: `The Windows Mobile Broadband service stopped answering: ${step} returned ${describeHresult(hresult)}. Its objects were dropped; mbn-diag subscribes again every ${this.reconnectIntervalMs} ms until it is back.`,
    });
    this.scheduleReconnect();
  }

  /**
   * COM tells a client nothing when the server's process dies, and the MBN service's sinks die
   * with it: an idle app would go on showing a live backend that receives no arrival, removal,
   * read or notification again, until the technician happened to make a call. A listing now and
   * then finds out (the addon drops the dead objects and says so; the reconnect loop follows).
   */
  private startHeartbeat(): void {
    if (this.heartbeatMs <= 0 || this.heartbeatTimer || this.isClosing()) return;
    this.heartbeatTimer = setInterval(() => {
      void this.heartbeat();
    }, this.heartbeatMs);
    // Watching the service must not keep a finished process alive.
    this.heartbeatTimer.unref();
  }

  private async heartbeat(): Promise<void> {
    // One at a time (a hung call holds the COM thread), and not while already reconnecting.
    if (this.beating || this.lostWith !== undefined || this.isClosing()) return;
    this.beating = true;
    try {
      const listed = await this.client.listInterfaces();
      // The addon's service-lost event has said so already; this covers an addon that did not.
      if (isServiceGone(listed.hresult)) this.serviceLost(listed.hresult, 'GetInterfaces');
    } catch {
      // closed meanwhile
    } finally {
      this.beating = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.closing) return;
    this.reconnectTimer = setTimeout(() => {
      void this.reconnect();
    }, this.reconnectIntervalMs);
    // Waiting for the service must not keep a finished process alive.
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.closing) return;
    let hresult: number;
    try {
      hresult = (await this.client.start()).hresult >>> 0;
    } catch {
      return; // closed meanwhile
    }
    // close() may have begun while start() was away on the COM thread.
    if (this.isClosing()) return;
    if (!succeeded(hresult)) {
      this.scheduleReconnect();
      return;
    }
    const was = this.lostWith ?? 0;
    this.lostWith = undefined;
    this.emit({
      type: 'backend-status',
      available: true,
      message: `The Windows Mobile Broadband service is back (it had gone with ${describeHresult(was)}); mbn-diag subscribed again.`,
    });
    await this.catchUp();
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
