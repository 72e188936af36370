/**
 * The simulator's state that every part of it shares (the devices and their sessions, the
 * listeners, the timers, the request IDs, closed and outage), kept apart from the backend's calls
 * so that the calls, the streams and the scenario's timeline can each live in a file of their own
 * and still see one world.
 */
import { deviceName } from '../../../shared/device-name.js';
import type { Clock, TimerHandle } from '../../core/clock.js';
import {
  normalizeServiceId,
  type BackendEvent,
  type InterfaceId,
  type ServiceId,
} from '../../../shared/model.js';
import { BackendError, type BackendListener } from '../contract.js';
import { SeededRandom } from './random.js';
import type { Scenario, ScenarioDevice, ScenarioService } from './scenario-schema.js';

export interface SimService {
  spec: ScenarioService;
  sessionOpen: boolean;
  commandSessionOpen: boolean;
  /** Cancels pending completions and bursts of this service. */
  timers: Set<TimerHandle>;
}

export interface SimDevice {
  spec: ScenarioDevice;
  present: boolean;
  services: Map<string, SimService>;
}

/** The longest delay a Node (or browser) timer holds: a 32-bit signed count of milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SimulatorCore {
  readonly devices = new Map<InterfaceId, SimDevice>();
  readonly listeners = new Set<BackendListener>();
  readonly random: SeededRandom;
  /** Timers of the scenario's timeline and of devices a call removes: cancelled on close. */
  readonly scenarioTimers = new Set<TimerHandle>();
  nextRequestId: number;
  closed = false;
  /** During a scenario's service-outage: every call fails, nothing is sent. */
  outage = false;
  /** After the first service-outage: the firmware lists its `after-restart` services instead. */
  restarted = false;

  constructor(
    scenario: Scenario,
    private readonly clock: Clock,
    seed: number,
  ) {
    this.random = new SeededRandom(seed);
    this.nextRequestId = scenario.firstRequestId;
    for (const spec of scenario.devices) {
      this.devices.set(spec.interfaceId, {
        spec,
        present: true,
        services: freshServices(spec, true, false),
      });
    }
  }

  schedule(set: Set<TimerHandle>, delayMs: number, run: () => void): void {
    // A drawn delay can be infinite in theory; such a completion never comes.
    if (!Number.isFinite(delayMs)) return;
    if (delayMs > MAX_TIMER_MS) {
      // Node fires a longer timeout after 1 ms (a '47-day' completion came in 9 ms): wait in
      // steps a timer can hold. The step's handle stands in the set, so cancelling still works.
      const step: TimerHandle = this.clock.setTimer(() => {
        set.delete(step);
        this.schedule(set, delayMs - MAX_TIMER_MS, run);
      }, MAX_TIMER_MS);
      set.add(step);
      return;
    }
    const handle: TimerHandle = this.clock.setTimer(() => {
      set.delete(handle);
      run();
    }, delayMs);
    set.add(handle);
  }

  emit(event: BackendEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  cancelServiceTimers(device: SimDevice): void {
    for (const service of device.services.values()) {
      for (const timer of service.timers) timer.cancel();
      service.timers.clear();
    }
  }

  device(interfaceId: InterfaceId): SimDevice {
    this.assertOpen();
    this.assertAvailable();
    const device = typeof interfaceId === 'string' ? this.devices.get(interfaceId) : undefined;
    if (!device?.present)
      throw new BackendError('unknown-device', `No device with interface ID "${interfaceId}".`);
    return device;
  }

  service(device: SimDevice, serviceId: ServiceId): SimService {
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
        `Device ${deviceName(device.spec)} has no device service "${serviceId}".`,
      );
    }
    return service;
  }

  assertOpen(): void {
    if (this.closed) throw new BackendError('backend-closed', 'The simulator has been closed.');
  }

  assertAvailable(): void {
    if (this.outage)
      throw new BackendError(
        'unavailable',
        'The simulated MBN service is restarting (a scenario outage); try again once it is back.',
      );
  }
}

/**
 * A device's services as the scenario lists them: with the sessions it says are open at the
 * start (`initial`), all closed for a device that comes back; only those the firmware running
 * before or after the restart (`restarted`) lists.
 */
export function freshServices(
  spec: ScenarioDevice,
  initial: boolean,
  restarted: boolean,
): Map<string, SimService> {
  return new Map(
    spec.services
      .filter((s) => listedBy(s, restarted))
      .map((s) => [
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

function listedBy(service: ScenarioService, restarted: boolean): boolean {
  if (service.listed === 'always') return true;
  return (service.listed === 'after-restart') === restarted;
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
