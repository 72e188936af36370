/**
 * The scenario simulator: the embedded backend wherever the MBN service is absent. It behaves as
 * the MBN API is documented to (calls return at once with a request ID, completions come later
 * through events) and as the scenario says each service misbehaves. Seeded and deterministic: the
 * same scenario, seed and sequence of calls give the same events.
 */
import type { Clock } from '../../core/clock.js';
import type {
  CallResult,
  DeviceInfo,
  InterfaceId,
  RequestOp,
  ServiceId,
  ServiceInfo,
} from '../../../shared/model.js';
import { serviceDisplayName } from '../../../shared/well-known-services.js';
import {
  BackendError,
  type BackendDescription,
  type BackendListener,
  type MbnBackend,
} from '../contract.js';
import type { Scenario } from './scenario-schema.js';
import { placeCall } from './simulator-calls.js';
import { SimulatorCore } from './simulator-core.js';
import { startBursts, startNotifications } from './simulator-streams.js';
import { scheduleTimeline } from './simulator-timeline.js';

export interface SimulatorOptions {
  clock: Clock;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Where the scenario came from, for the technician. */
  source?: string;
}

/**
 * The backend contract over the simulated world: checks what the caller passed and hands each
 * call to simulator-calls.ts; the world itself lives in SimulatorCore.
 */
export class SimulatorBackend implements MbnBackend {
  private readonly core: SimulatorCore;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulatorOptions,
  ) {
    const core = new SimulatorCore(scenario, options.clock, options.seed ?? scenario.seed);
    this.core = core;
    scheduleTimeline(core, scenario);
    for (const device of core.devices.values()) {
      for (const service of device.services.values()) {
        if (service.sessionOpen) startBursts(core, device, service);
        startNotifications(core, device, service);
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
    this.core.assertOpen();
    this.core.assertAvailable();
    return [...this.core.devices.values()]
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
    const device = this.core.device(interfaceId);
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
    this.core.listeners.add(listener);
    return () => this.core.listeners.delete(listener);
  }

  close(): Promise<void> {
    if (this.core.closed) return Promise.resolve();
    this.core.closed = true;
    for (const timer of this.core.scenarioTimers) timer.cancel();
    for (const device of this.core.devices.values()) this.core.cancelServiceTimers(device);
    this.core.listeners.clear();
    return Promise.resolve();
  }

  // async so that placeCall's throws reach the caller as rejections; placeCall itself stays
  // synchronous, so a 'before-return' completion is still emitted before the request ID returns.
  // eslint-disable-next-line @typescript-eslint/require-await
  private async call(
    op: RequestOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    commandId = 0,
  ): Promise<CallResult> {
    return placeCall(this.core, op, interfaceId, serviceId, commandId);
  }
}
