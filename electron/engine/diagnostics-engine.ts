/**
 * The engine wires one backend to the session tracker and the journal. The Electron main process,
 * the browser preview and the CLI all drive the same engine, so what a technician sees in the
 * window, in the terminal and in an exported log cannot disagree.
 */
import { release, platform, arch } from 'node:os';
import { BoundedMap } from '../core/bounded-map.js';
import type { Clock } from '../core/clock.js';
import { Journal, type JournalOptions } from '../core/journal.js';
import { attachJournalIndex } from '../core/journal-index-writer.js';
import type { JournalRecord, RequestRef } from '../../shared/journal/record.js';
import {
  serviceKey,
  type BackendEvent,
  type DeviceInfo,
  type InterfaceId,
  type ServiceId,
  type ServiceInfo,
  type SessionOp,
  type SessionState,
} from '../../shared/model.js';
import { isSettled } from '../../shared/request/outcome.js';
import type { RequestStory } from '../../shared/request/story.js';
import { SessionTracker } from '../core/session-tracker.js';
import { BackendError, type MbnBackend } from '../backends/contract.js';

export interface EngineOptions {
  backend: MbnBackend;
  clock: Clock;
  journalDir: string;
  /** Why this backend was chosen, recorded at the top of the journal. */
  backendReason: string;
  app: { name: string; version: string };
  /** No completion within this many ms makes a request overdue (default 10 s). */
  timeoutMs?: number;
  journal?: Partial<
    Pick<
      JournalOptions,
      | 'maxFileBytes'
      | 'maxFilesPerRun'
      | 'maxRunAgeMs'
      | 'maxTotalBytes'
      | 'windowSize'
      | 'flushIntervalMs'
    >
  >;
}

export interface ServiceView extends ServiceInfo {
  sessionState: SessionState;
}

export interface SendResult {
  ref: RequestRef;
  request: RequestStory;
}

/** No completion within this many ms makes a request overdue, unless the technician says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

const READ_PREVIEW_BYTES = 16;
const REMEMBERED_REQUESTS = 2000;

export class DiagnosticsEngine {
  readonly journal: Journal;
  readonly tracker: SessionTracker;
  private readonly devices = new Map<InterfaceId, DeviceInfo>();
  private readonly services = new Map<InterfaceId, ServiceInfo[]>();
  /** Latest view of recent requests, so a waiter never misses one that finished before it asked. */
  private readonly requests = new BoundedMap<RequestRef, Readonly<RequestStory>>(
    REMEMBERED_REQUESTS,
  );
  /** The newest request of each service (by service key), live objects like `requests`. */
  private readonly latest = new Map<string, Readonly<RequestStory>>();
  private readonly requestListeners = new Set<(story: RequestStory) => void>();
  private readonly unsubscribe: () => void;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: EngineOptions) {
    const description = options.backend.describe();
    this.journal = new Journal({
      dir: options.journalDir,
      clock: options.clock,
      runStart: {
        app: options.app,
        os: { platform: platform(), release: release(), arch: arch() },
        backend: {
          kind: description.kind,
          label: description.label,
          reason: options.backendReason,
        },
      },
      ...options.journal,
    });
    // The search index is kept as the journal is written (electron/core/journal-index-writer.ts).
    attachJournalIndex(this.journal);
    this.tracker = new SessionTracker({
      clock: options.clock,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      emit: (entry, atMono) => this.journal.append(entry, atMono),
    });
    this.tracker.onRequestChange((request) => this.remember(request));
    this.unsubscribe = options.backend.onEvent((event) => this.handle(event));
    this.journal.append({
      kind: 'backend-status',
      backend: description.kind,
      available: true,
      message: `${description.label}. ${options.backendReason}`,
    });
  }

  get backend(): MbnBackend {
    return this.options.backend;
  }

  async listDevices(): Promise<DeviceInfo[]> {
    const devices = await this.options.backend.listDevices();
    for (const device of devices) {
      const known = this.devices.get(device.interfaceId);
      if (!known || JSON.stringify(known) !== JSON.stringify(device)) {
        this.journal.append({ kind: 'device-info', ...device });
      }
      this.devices.set(device.interfaceId, device);
    }
    return devices;
  }

  async listServices(interfaceId: InterfaceId): Promise<ServiceView[]> {
    const services = await this.options.backend.listServices(interfaceId);
    this.services.set(interfaceId, services);
    this.tracker.noteServices(services);
    return services.map((s) => ({
      ...s,
      sessionState: this.tracker.sessionState(s.interfaceId, s.serviceId),
    }));
  }

  /** The cached service list with live session states (no backend call). */
  knownServices(interfaceId: InterfaceId): ServiceView[] {
    return (this.services.get(interfaceId) ?? []).map((s) => ({
      ...s,
      sessionState: this.tracker.sessionState(s.interfaceId, s.serviceId),
    }));
  }

  /**
   * Sends open, close or write. Resolves once the call has returned (the completion comes later,
   * or already came). Unknown devices and services are refused before anything is recorded.
   */
  async send(
    op: SessionOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    data?: Uint8Array,
  ): Promise<SendResult> {
    if (this.closing) throw new BackendError('backend-closed', 'The app is shutting down.');
    const service =
      this.findService(interfaceId, serviceId) ??
      (await this.refreshAndFindService(interfaceId, serviceId));
    const ref = this.tracker.begin(
      op,
      interfaceId,
      service.serviceId,
      data ? { byteLength: data.length } : {},
    );
    try {
      const backend = this.options.backend;
      const result =
        op === 'open'
          ? await backend.openDataSession(interfaceId, service.serviceId)
          : op === 'close'
            ? await backend.closeDataSession(interfaceId, service.serviceId)
            : await backend.writeData(interfaceId, service.serviceId, data ?? new Uint8Array());
      this.tracker.callReturned(ref, result);
    } catch (error) {
      this.tracker.callFailed(ref, error instanceof Error ? error.message : String(error));
    }
    const request = this.requests.get(ref);
    if (!request) throw new Error(`request ${ref} was not tracked`);
    return { ref, request: { ...request } };
  }

  /** Resolves when the request has ended or become overdue, whichever comes first. */
  waitForOutcome(ref: RequestRef): Promise<RequestStory> {
    return new Promise((resolve) => {
      const current = this.requests.get(ref);
      if (current && isSettled(current.outcome)) return resolve({ ...current });
      const off = this.onRequestChange((story) => {
        if (story.ref === ref && isSettled(story.outcome)) {
          off();
          resolve(story);
        }
      });
    });
  }

  /**
   * The technician stopped waiting for an overdue request (see `SessionTracker.giveUp`). Refused
   * when the request is not overdue any more: it completed or was abandoned meanwhile.
   */
  giveUp(ref: RequestRef): RequestStory {
    const story = this.tracker.giveUp(ref);
    if (!story) {
      const known = this.requests.get(ref);
      throw new BackendError(
        'invalid-argument',
        known
          ? `Request ${ref} is not overdue (it is ${known.outcome}); there is nothing to stop waiting for.`
          : `There is no request ${ref}.`,
      );
    }
    return { ...story };
  }

  /**
   * The newest request of each service this run, copied: what a window that (re)connects shows
   * as "Last request", waiting and overdue ones included.
   */
  latestRequests(): RequestStory[] {
    return [...this.latest.values()].map((story) => ({ ...story }));
  }

  requestStory(ref: RequestRef): RequestStory | undefined {
    const request = this.requests.get(ref);
    return request && { ...request };
  }

  onRequestChange(listener: (story: RequestStory) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  onRecord(listener: (record: JournalRecord) => void): () => void {
    return this.journal.onRecord(listener);
  }

  setTimeout(ms: number): void {
    this.tracker.setTimeout(ms);
  }

  /** Abandons what is pending, closes the backend (the addon's close()) and the journal. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.unsubscribe();
      this.tracker.abandonAll();
      this.tracker.dispose();
      try {
        await this.options.backend.close();
      } catch (error) {
        this.journal.append({
          kind: 'error',
          message: (error as Error).message,
          context: 'closing the backend',
        });
      }
      this.journal.close();
    })();
    return this.closing;
  }

  private findService(interfaceId: InterfaceId, serviceId: ServiceId): ServiceInfo | undefined {
    const wanted = serviceKey(interfaceId, serviceId);
    return this.services
      .get(interfaceId)
      ?.find((s) => serviceKey(s.interfaceId, s.serviceId) === wanted);
  }

  /** Known services resolve at once; an unknown one costs one fresh listing before it is refused. */
  private async refreshAndFindService(
    interfaceId: InterfaceId,
    serviceId: ServiceId,
  ): Promise<ServiceInfo> {
    await this.listServices(interfaceId);
    const service = this.findService(interfaceId, serviceId);
    if (!service)
      throw new BackendError('unknown-service', `The device has no device service "${serviceId}".`);
    return service;
  }

  private handle(event: BackendEvent): void {
    try {
      switch (event.type) {
        case 'completion':
          this.tracker.completion(event);
          break;
        case 'read-data':
          this.journal.append({
            kind: 'read-data',
            interfaceId: event.interfaceId,
            serviceId: event.serviceId,
            serviceName: this.tracker.serviceName(event.interfaceId, event.serviceId),
            byteLength: event.data.length,
            preview: Buffer.from(
              event.data.buffer,
              event.data.byteOffset,
              Math.min(event.data.length, READ_PREVIEW_BYTES),
            ).toString('hex'),
          });
          break;
        case 'interface-removal': {
          const known = this.devices.get(event.interfaceId);
          this.journal.append({
            kind: 'device-removal',
            interfaceId: event.interfaceId,
            ...deviceDetails(known),
          });
          this.tracker.deviceRemoved(event.interfaceId);
          this.devices.delete(event.interfaceId);
          this.services.delete(event.interfaceId);
          break;
        }
        case 'interface-arrival':
          this.journal.append({ kind: 'device-arrival', interfaceId: event.interfaceId });
          break;
        case 'device-update': {
          // A device that was probing became ready (or failed) by itself: recorded like a listing.
          const known = this.devices.get(event.device.interfaceId);
          if (!known || JSON.stringify(known) !== JSON.stringify(event.device)) {
            this.journal.append({ kind: 'device-info', ...event.device });
          }
          this.devices.set(event.device.interfaceId, event.device);
          break;
        }
        case 'backend-status':
          this.journal.append({
            kind: 'backend-status',
            backend: this.options.backend.describe().kind,
            available: event.available,
            message: event.message,
          });
          break;
        case 'mbim-message':
          this.journal.append({ kind: 'mbim-message', ...event.message });
          break;
      }
    } catch (error) {
      // An event must never take the process down; it is recorded instead.
      if (!this.closing)
        this.journal.append({
          kind: 'error',
          message: (error as Error).message,
          context: `handling ${event.type}`,
        });
    }
  }

  private remember(story: Readonly<RequestStory>): void {
    // The tracker updates its story in place, so the map holds the live object and a copy is
    // made only when someone listens or asks: the hot path allocates nothing for nobody.
    if (!this.requests.has(story.ref)) {
      this.requests.set(story.ref, story);
      // Refs are handed out in order, so the first sight of a ref is the service's newest request.
      this.latest.set(serviceKey(story.interfaceId, story.serviceId), story);
    }
    if (this.requestListeners.size === 0) return;
    const copy = { ...story };
    for (const listener of this.requestListeners) listener(copy);
  }
}

function deviceDetails(device: DeviceInfo | undefined): Partial<DeviceInfo> {
  if (!device) return {};
  return {
    model: device.model,
    manufacturer: device.manufacturer,
    firmware: device.firmware,
    deviceId: device.deviceId,
    readyState: device.readyState,
  };
}
