/**
 * The scenario simulator: the embedded backend wherever the MBN service is absent. It behaves as
 * the MBN API is documented to (calls return at once with a request ID, completions come later
 * through events) and as the scenario says each service misbehaves. Seeded and deterministic: the
 * same scenario, seed and sequence of calls give the same events.
 */
import type { Clock, TimerHandle } from '../../core/clock.js';
import { succeeded } from '../../../shared/hresult.js';
import {
  normalizeServiceId,
  type BackendEvent,
  type CallResult,
  type DeviceInfo,
  type InterfaceId,
  type ServiceId,
  type ServiceInfo,
  type RequestOp,
} from '../../../shared/model.js';
import { serviceDisplayName } from '../../../shared/well-known-services.js';
import { formatDuration } from '../../../shared/time.js';
import {
  BackendError,
  type BackendDescription,
  type BackendListener,
  type MbnBackend,
} from '../contract.js';
import { SeededRandom, drawDelay } from './random.js';
import { needsOpenSession } from '../../../shared/request/sessions.js';
import { commandAnswer, hexBytes } from './commands.js';
import type {
  Behaviour,
  Notification,
  ReadBurst,
  Scenario,
  ScenarioDevice,
  ScenarioService,
} from './scenario-schema.js';

/**
 * HRESULT_FROM_WIN32(ERROR_OPEN_FAILED): WriteData's documented answer when no session is open.
 * What CloseDataSession returns then is undocumented; the simulator answers the same, by analogy,
 * unless the scenario says otherwise.
 */
const ERROR_OPEN_FAILED = 0x8007006e;

export interface SimulatorOptions {
  clock: Clock;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Where the scenario came from, for the technician. */
  source?: string;
}

interface SimService {
  spec: ScenarioService;
  sessionOpen: boolean;
  commandSessionOpen: boolean;
  /** Cancels pending completions and bursts of this service. */
  timers: Set<TimerHandle>;
}

interface SimDevice {
  spec: ScenarioDevice;
  present: boolean;
  services: Map<string, SimService>;
}

/** The longest delay a Node (or browser) timer holds: a 32-bit signed count of milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Events of a zero-interval burst sent before the event loop gets a turn. */
const BURST_SLICE = 1000;

export class SimulatorBackend implements MbnBackend {
  private readonly devices = new Map<InterfaceId, SimDevice>();
  private readonly listeners = new Set<BackendListener>();
  private readonly random: SeededRandom;
  private readonly scenarioTimers = new Set<TimerHandle>();
  private nextRequestId: number;
  private closed = false;
  /** During a scenario's service-outage: every call fails, nothing is sent. */
  private outage = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulatorOptions,
  ) {
    this.random = new SeededRandom(options.seed ?? scenario.seed);
    this.nextRequestId = scenario.firstRequestId;
    for (const spec of scenario.devices) {
      this.devices.set(spec.interfaceId, {
        spec,
        present: true,
        services: this.freshServices(spec, true),
      });
    }
    for (const action of scenario.timeline) {
      this.schedule(this.scenarioTimers, action.atMs, () => {
        if (action.action === 'service-outage') this.serviceOutage(action.lastsMs);
        else if (action.action === 'remove-device') this.removeDevice(action.interfaceId);
        else this.addDevice(action.interfaceId);
      });
    }
    for (const device of this.devices.values()) {
      for (const service of device.services.values()) {
        if (service.sessionOpen) this.startBursts(device, service);
        this.startNotifications(device, service);
      }
    }
  }

  describe(): BackendDescription {
    return {
      kind: 'simulator',
      label: `Simulator: scenario "${this.scenario.name}"${this.options.source ? ` (${this.options.source})` : ''}`,
      reason: 'Simulated devices; no Windows Mobile Broadband service is used.',
    };
  }

  // async so that every failure, even one found before any await, is a rejection, never a throw.
  // eslint-disable-next-line @typescript-eslint/require-await
  async listDevices(): Promise<DeviceInfo[]> {
    this.assertOpen();
    this.assertAvailable();
    return [...this.devices.values()]
      .filter((d) => d.present)
      .map(({ spec }) => ({
        interfaceId: spec.interfaceId,
        manufacturer: spec.manufacturer,
        model: spec.model,
        firmware: spec.firmware,
        deviceId: spec.deviceId,
        readyState: spec.readyState,
      }));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async listServices(interfaceId: InterfaceId): Promise<ServiceInfo[]> {
    const device = this.device(interfaceId);
    return [...device.services.values()].map(({ spec, sessionOpen, commandSessionOpen }) => ({
      interfaceId,
      serviceId: spec.serviceId,
      name: serviceDisplayName(spec.serviceId, spec.name),
      dataReadSupported: spec.dataRead,
      dataWriteSupported: spec.dataWrite,
      dataSessionOpen: sessionOpen,
      commandSessionOpen,
      maxCommandSize: device.spec.maxCommandSize,
    }));
  }

  openDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('open', interfaceId, serviceId);
  }

  closeDataSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('close', interfaceId, serviceId);
  }

  writeData(interfaceId: InterfaceId, serviceId: ServiceId, data: Uint8Array): Promise<CallResult> {
    if (!(data instanceof Uint8Array))
      return Promise.reject(new BackendError('invalid-argument', 'Data to write must be bytes.'));
    return this.call('write', interfaceId, serviceId);
  }

  querySupportedCommands(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('supported-commands', interfaceId, serviceId);
  }

  openCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('open-command-session', interfaceId, serviceId);
  }

  closeCommandSession(interfaceId: InterfaceId, serviceId: ServiceId): Promise<CallResult> {
    return this.call('close-command-session', interfaceId, serviceId);
  }

  queryCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    if (!(data instanceof Uint8Array))
      return Promise.reject(new BackendError('invalid-argument', 'Command data must be bytes.'));
    return this.call('query', interfaceId, serviceId, commandId);
  }

  setCommand(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId: number,
    data: Uint8Array,
  ): Promise<CallResult> {
    if (!(data instanceof Uint8Array))
      return Promise.reject(new BackendError('invalid-argument', 'Command data must be bytes.'));
    return this.call('set', interfaceId, serviceId, commandId);
  }

  onEvent(listener: BackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const timer of this.scenarioTimers) timer.cancel();
    for (const device of this.devices.values()) this.cancelServiceTimers(device);
    this.listeners.clear();
    return Promise.resolve();
  }

  // The body runs synchronously up to its end, so a 'before-return' completion is emitted before
  // the caller can see the request ID, exactly the race the tracker must handle.
  // eslint-disable-next-line @typescript-eslint/require-await
  private async call(
    op: RequestOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId = 0,
  ): Promise<CallResult> {
    const device = this.device(interfaceId);
    const service = this.service(device, serviceId);
    const answer = commandAnswer(service.spec, op, commandId);
    const behaviour: Behaviour = answer?.behaviour ?? dataBehaviour(service.spec, op);
    let hresult = behaviour.hresult >>> 0;
    if (succeeded(hresult) && !this.preconditionHolds(op, service)) hresult = ERROR_OPEN_FAILED;
    if (!succeeded(hresult)) return { hresult, requestId: 0 };

    const requestId = this.nextRequestId;
    this.nextRequestId = this.nextRequestId >= 0xffffffff ? 1 : this.nextRequestId + 1;
    const completion = (): BackendEvent => ({
      type: 'completion',
      op,
      interfaceId: device.spec.interfaceId,
      serviceId: service.spec.serviceId,
      status: behaviour.status >>> 0,
      requestId,
      ...(succeeded(behaviour.status) ? answer?.carries : {}),
    });
    const complete = (): void => {
      if (!device.present || this.closed) return;
      if (succeeded(behaviour.status)) this.applySuccess(op, device, service);
      this.emit(completion());
    };
    const delay = drawDelay(behaviour.delay, this.random);
    switch (behaviour.completion) {
      case 'lost':
        break;
      case 'before-return':
        complete();
        break;
      case 'duplicate':
        this.schedule(service.timers, delay, complete);
        this.schedule(service.timers, delay + 5, () => {
          if (device.present && !this.closed) this.emit(completion());
        });
        break;
      case 'normal':
        this.schedule(service.timers, delay, complete);
        break;
    }
    const { removeDeviceAfterMs, deviceReturnsAfterMs } = behaviour;
    if (removeDeviceAfterMs !== undefined) {
      this.schedule(this.scenarioTimers, removeDeviceAfterMs, () => {
        this.removeDevice(interfaceId);
        if (deviceReturnsAfterMs !== undefined) {
          this.schedule(this.scenarioTimers, deviceReturnsAfterMs, () =>
            this.addDevice(interfaceId),
          );
        }
      });
    }
    return { hresult, requestId };
  }

  /** Data-session calls need an open data session, and QUERY, SET and closing an open command one. */
  private preconditionHolds(op: RequestOp, service: SimService): boolean {
    const needed = needsOpenSession(op);
    if (needed === 'data') return service.sessionOpen;
    if (needed === 'command') return service.commandSessionOpen;
    return true;
  }

  private applySuccess(op: RequestOp, device: SimDevice, service: SimService): void {
    if (op === 'open' && !service.sessionOpen) {
      service.sessionOpen = true;
      this.startBursts(device, service);
    }
    if (op === 'close') service.sessionOpen = false;
    if (op === 'open-command-session') service.commandSessionOpen = true;
    if (op === 'close-command-session') service.commandSessionOpen = false;
  }

  private startNotifications(device: SimDevice, service: SimService): void {
    for (const notification of service.spec.notifications)
      this.scheduleNotification(device, service, notification, 0);
  }

  private scheduleNotification(
    device: SimDevice,
    service: SimService,
    notification: Notification,
    sent: number,
  ): void {
    const delay = sent === 0 ? notification.afterMs : notification.intervalMs;
    this.schedule(service.timers, delay, () => {
      if (!device.present || this.closed) return;
      this.emit({
        type: 'event-notification',
        interfaceId: device.spec.interfaceId,
        serviceId: service.spec.serviceId,
        eventId: notification.eventId,
        data: hexBytes(notification.data),
      });
      if (sent + 1 < notification.count)
        this.scheduleNotification(device, service, notification, sent + 1);
    });
  }

  private startBursts(device: SimDevice, service: SimService): void {
    for (const burst of service.spec.readBursts) this.scheduleBurst(device, service, burst, 0);
  }

  private scheduleBurst(
    device: SimDevice,
    service: SimService,
    burst: ReadBurst,
    sent: number,
  ): void {
    const delay = sent === 0 ? burst.afterMs : burst.intervalMs;
    this.schedule(service.timers, delay, () => {
      if (!device.present || !service.sessionOpen || this.closed) return;
      // A zero interval sends the burst as fast as it goes, as a modem flushing its buffer would,
      // in slices with the event loop free between them: a million events in one go held the
      // process for 30 s (Ctrl+C and `watch --duration` waited).
      const batch = burst.intervalMs === 0 ? Math.min(BURST_SLICE, burst.count - sent) : 1;
      for (let i = 0; i < batch; i++) {
        this.emit({
          type: 'read-data',
          interfaceId: device.spec.interfaceId,
          serviceId: service.spec.serviceId,
          data: this.random.bytes(burst.bytes),
        });
      }
      if (sent + batch < burst.count) this.scheduleBurst(device, service, burst, sent + batch);
    });
  }

  /**
   * The MBN service restarts, as after a Windows update or a crash of its process: the backend
   * says it is unavailable, the restart drops every session and every completion still owed (the
   * requests waiting for them go overdue), and the service is back `lastsMs` later with its
   * sessions closed. Nothing tells the app which sessions went: it has to ask again.
   */
  private serviceOutage(lastsMs: number): void {
    if (this.closed || this.outage) return;
    this.outage = true;
    for (const device of this.devices.values()) {
      this.cancelServiceTimers(device);
      for (const service of device.services.values()) {
        service.sessionOpen = false;
        service.commandSessionOpen = false;
      }
    }
    this.emit({
      type: 'backend-status',
      available: false,
      message: `The simulated MBN service stopped answering (a scenario outage of ${formatDuration(lastsMs)}).`,
    });
    this.schedule(this.scenarioTimers, lastsMs, () => {
      if (this.closed) return;
      this.outage = false;
      this.emit({
        type: 'backend-status',
        available: true,
        message: 'The simulated MBN service is back after its restart.',
      });
      for (const device of this.devices.values())
        if (device.present)
          for (const service of device.services.values()) this.startNotifications(device, service);
    });
  }

  private removeDevice(interfaceId: InterfaceId): void {
    const device = this.devices.get(interfaceId);
    if (!device?.present || this.closed) return;
    device.present = false;
    this.cancelServiceTimers(device);
    this.emit({ type: 'interface-removal', interfaceId });
  }

  private addDevice(interfaceId: InterfaceId): void {
    const device = this.devices.get(interfaceId);
    if (!device || device.present || this.closed) return;
    device.present = true;
    // A device that comes back has had its sessions torn down.
    device.services = this.freshServices(device.spec, false);
    this.emit({ type: 'interface-arrival', interfaceId });
    for (const service of device.services.values()) this.startNotifications(device, service);
  }

  private freshServices(spec: ScenarioDevice, initial: boolean): Map<string, SimService> {
    return new Map(
      spec.services.map((s) => [
        normalizeServiceId(s.serviceId),
        {
          spec: s,
          sessionOpen: initial && s.sessionOpen,
          commandSessionOpen: initial && s.commands.sessionOpen,
          timers: new Set<TimerHandle>(),
        },
      ]),
    );
  }

  private cancelServiceTimers(device: SimDevice): void {
    for (const service of device.services.values()) {
      for (const timer of service.timers) timer.cancel();
      service.timers.clear();
    }
  }

  private schedule(set: Set<TimerHandle>, delayMs: number, run: () => void): void {
    // A drawn delay can be infinite in theory; such a completion never comes.
    if (!Number.isFinite(delayMs)) return;
    if (delayMs > MAX_TIMER_MS) {
      // Node fires a longer timeout after 1 ms (a '47-day' completion came in 9 ms): wait in
      // steps a timer can hold. The step's handle stands in the set, so cancelling still works.
      const step: TimerHandle = this.options.clock.setTimer(() => {
        set.delete(step);
        this.schedule(set, delayMs - MAX_TIMER_MS, run);
      }, MAX_TIMER_MS);
      set.add(step);
      return;
    }
    const handle: TimerHandle = this.options.clock.setTimer(() => {
      set.delete(handle);
      run();
    }, delayMs);
    set.add(handle);
  }

  private emit(event: BackendEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private device(interfaceId: InterfaceId): SimDevice {
    this.assertOpen();
    this.assertAvailable();
    const device = typeof interfaceId === 'string' ? this.devices.get(interfaceId) : undefined;
    if (!device?.present)
      throw new BackendError('unknown-device', `No device with interface ID "${interfaceId}".`);
    return device;
  }

  private service(device: SimDevice, serviceId: ServiceId): SimService {
    // The ID as listed is found without normalising it (every call names its service; the
    // pipeline bench measured the normalising at about 2 % of a request's cost), and so is one
    // spelled otherwise, braced or upper-case as a scenario may list it, once it has been seen.
    const service =
      typeof serviceId === 'string'
        ? (device.services.get(serviceId) ?? device.services.get(normalizedId(serviceId)))
        : undefined;
    if (!service) {
      throw new BackendError(
        'unknown-service',
        `Device ${device.spec.model || device.spec.interfaceId} has no device service "${serviceId}".`,
      );
    }
    return service;
  }

  private assertOpen(): void {
    if (this.closed) throw new BackendError('backend-closed', 'The simulator has been closed.');
  }

  private assertAvailable(): void {
    if (this.outage)
      throw new BackendError(
        'unavailable',
        'The simulated MBN service is restarting (a scenario outage); try again once it is back.',
      );
  }
}

/** Service IDs as callers spelled them, normalised: a few per machine, so bounded only for safety. */
const normalizedIds = new Map<string, string>();

function normalizedId(serviceId: string): string {
  let id = normalizedIds.get(serviceId);
  if (id === undefined) {
    id = normalizeServiceId(serviceId);
    if (normalizedIds.size >= 1000) normalizedIds.clear();
    normalizedIds.set(serviceId, id);
  }
  return id;
}

function dataBehaviour(spec: ScenarioService, op: RequestOp): Behaviour {
  switch (op) {
    case 'open':
    case 'close':
    case 'write':
      return spec[op];
    default:
      // commandAnswer() answers every command op; this is unreachable for them.
      throw new BackendError('internal', `No behaviour for ${op}.`);
  }
}
