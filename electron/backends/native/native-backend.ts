/**
 * The MBN backend on the native addon: adapts the addon's COM-shaped answers (an HRESULT and the
 * step it came from) to the backend contract, so the tracker, journal, IPC and UI work on it as on
 * the simulator. Unknown devices and services become BackendErrors, never crashes. What it tells
 * unasked (devices coming and going, the service's outages) is service-watch.ts's; leaving a
 * connection the service holds in a call for a new one is connection.ts's.
 */
import { succeeded } from '../../../shared/hresult.js';
import type {
  BackendEvent,
  CallResult,
  DeviceInfo,
  InterfaceId,
  RequestOp,
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
import { Connection, MAX_LEFT_CONNECTIONS } from './connection.js';
import {
  ASKING_COMMAND_SESSION,
  ASKING_DATA_SESSION,
  LISTING_DEVICES,
  LISTING_SERVICES,
  hungAndReconnected,
  hungForGood,
  leavingConnection,
  leftBehind,
  reconnected,
  requestCall,
  type CallName,
} from './hung-words.js';
import { ServiceWatch } from './service-watch.js';
import { withinLimit } from './time-limit.js';

/** What a call's wait gives past the call limit. */
const HUNG = Symbol('hung');

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
  /**
   * How long a call may take to return before it fails as unavailable and the backend leaves
   * that connection for a new one (default 30 s).
   */
  callLimitMs?: number;
}

export class NativeBackend implements MbnBackend {
  private readonly connection: Connection;
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
    this.connection = new Connection(MbnClient, (event) => {
      this.handle(event);
    });
    this.watch = new ServiceWatch(
      () => this.client,
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

  /** The client calls go to now: a new one once a connection hung in a call was left. */
  private get client(): AddonClient {
    return this.connection.current;
  }

  describe(): BackendDescription {
    return this.description;
  }

  async listDevices(): Promise<DeviceInfo[]> {
    const result = await this.guard(LISTING_DEVICES, (c) => c.listInterfaces());
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
    const result = await this.guard(LISTING_SERVICES, (c) => c.listServices(interfaceId));
    if (result.stage === 'context') throw deviceError(interfaceId, result.hresult);
    if (result.stage === 'enumerate') {
      if (result.hresult === ERROR_NOT_SUPPORTED) return [];
      throw servicesListError(result.hresult);
    }
    return result.services.map((s) => toServiceInfo(interfaceId, s));
  }

  openDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('open', interfaceId, serviceId, (c) =>
      c.openDataSession(interfaceId, serviceId),
    );
  }

  closeDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('close', interfaceId, serviceId, (c) =>
      c.closeDataSession(interfaceId, serviceId),
    );
  }

  querySupportedCommands(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('supported-commands', interfaceId, serviceId, (c) =>
      c.querySupportedCommands(interfaceId, serviceId),
    );
  }

  openCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('open-command-session', interfaceId, serviceId, (c) =>
      c.openCommandSession(interfaceId, serviceId),
    );
  }

  closeCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('close-command-session', interfaceId, serviceId, (c) =>
      c.closeCommandSession(interfaceId, serviceId),
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
    return this.call('query', interfaceId, serviceId, (c) =>
      c.queryCommand(interfaceId, serviceId, commandId, data),
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
    return this.call('set', interfaceId, serviceId, (c) =>
      c.setCommand(interfaceId, serviceId, commandId, data),
    );
  }

  writeData(interfaceId: InterfaceId, serviceId: ServiceId, data: Uint8Array): Promise<CallResult> {
    if (!(data instanceof Uint8Array)) {
      return Promise.reject(new BackendError('invalid-argument', 'Data to write must be bytes.'));
    }
    return this.call('write', interfaceId, serviceId, (c) =>
      c.writeData(interfaceId, serviceId, data),
    );
  }

  /** IsDataSessionOpen, straight from the MBN service. */
  async isDataSessionOpen(interfaceId: InterfaceId, serviceId: ServiceId): Promise<boolean | null> {
    this.checkId(interfaceId, 'interface ID');
    this.checkId(serviceId, 'service ID');
    const result = await this.guard(ASKING_DATA_SESSION, (c) =>
      c.isDataSessionOpen(interfaceId, serviceId),
    );
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
    const result = await this.guard(ASKING_COMMAND_SESSION, (c) =>
      c.isCommandSessionOpen(interfaceId, serviceId),
    );
    this.throwIfNotCalled(result, interfaceId, serviceId);
    return succeeded(result.hresult) ? result.open : null;
  }

  onEvent(listener: BackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Never blocks the JS thread, even with an MBN call hung: the addon stops events and rejects
   * outstanding calls at once, and releases the MBN objects off this thread (those of connections
   * left behind too). This waits for that at most `closeLimitMs`, so quitting is bounded.
   * Idempotent.
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
    return this.connection.close(this.closeLimitMs);
  }

  private async call(
    op: RequestOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    invoke: (client: AddonClient) => Promise<AddonCallResult>,
  ): Promise<CallResult> {
    this.checkId(interfaceId, 'interface ID');
    this.checkId(serviceId, 'service ID');
    const result = await this.guard(requestCall(op), invoke);
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
   * Runs a call on the current client, within the call limit; maps the addon's own rejections
   * (closed, bad argument) to BackendErrors, naming the call as the technician knows it.
   */
  private async guard<T>(name: CallName, run: (client: AddonClient) => Promise<T>): Promise<T> {
    if (this.client.closed) throw closedError();
    await this.connection.settled();
    const client = this.client;
    try {
      const answer = await withinLimit(
        run(client),
        this.callLimitMs,
        (): typeof HUNG => HUNG,
        false,
      );
      if (answer === HUNG) throw await this.hung(client, name);
      return answer;
    } catch (error) {
      if (error instanceof BackendError) throw error;
      const code = (error as { code?: unknown }).code;
      if (code === 'backend-closed') {
        // Closed because it was left behind a hung call, not because the backend is closing.
        if (client !== this.client && !this.isClosing())
          throw new BackendError('unavailable', leftBehind(name));
        throw closedError();
      }
      // TypeError: an argument of the wrong type; RangeError: data longer than a SAFEARRAY holds.
      if (error instanceof TypeError || error instanceof RangeError)
        throw new BackendError('invalid-argument', error.message);
      throw new BackendError('internal', `The native addon failed: ${String(error)}`);
    }
  }

  /**
   * MBN calls are documented to return at once, but a wedged service can hold one for good, and
   * with it the client's one COM thread: every later call waited behind it until the app was
   * restarted. Past `callLimitMs` the call fails in words and the backend leaves that client for
   * a new one, subscribed the way it is after an outage. The call itself cannot be cancelled: if
   * it ever returns, its answer is dropped.
   */
  private async hung(client: AddonClient, name: CallName): Promise<BackendError> {
    if (this.isClosing()) return closedError();
    // Another call's limit has already left this client: this one never ran.
    if (client !== this.client) return new BackendError('unavailable', leftBehind(name));
    const limit = this.callLimitMs;
    if (!this.connection.canLeave())
      return new BackendError('unavailable', hungForGood(name, limit, MAX_LEFT_CONNECTIONS));
    const subscribed = await this.connection.leave(
      client,
      () => this.watch.resubscribe(leavingConnection(name, limit), reconnected()),
      limit,
    );
    return new BackendError('unavailable', hungAndReconnected(name, limit, subscribed));
  }

  private handle(event: AddonEvent): void {
    let out: BackendEvent;
    switch (event.type) {
      case 'completion':
        out = completionOf(event);
        break;
      case 'read-data':
      case 'read-data-dropped':
      case 'event-notifications-dropped':
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

function closedError(): BackendError {
  return new BackendError('backend-closed', 'The MBN backend is closed.');
}
