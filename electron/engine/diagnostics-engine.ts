/**
 * The engine wires one backend to the session tracker and the journal. The Electron main process,
 * the browser preview and the CLI all drive the same engine, so what a technician sees in the
 * window, in the terminal and in an exported log cannot disagree.
 */
import { release, platform, arch } from 'node:os';
import type { Clock } from '../core/clock.js';
import { Journal, type JournalOptions } from '../core/journal.js';
import { attachJournalIndex } from '../core/journal-index-writer.js';
import type { JournalRecord, RequestRef } from '../../shared/journal/record.js';
import {
  isCommandOp,
  serviceKey,
  type DeviceInfo,
  type InterfaceId,
  type ServiceId,
  type ServiceInfo,
  type RequestOp,
  type SessionState,
} from '../../shared/model.js';
import { isSettled } from '../../shared/request/outcome.js';
import type { RequestStory } from '../../shared/request/story.js';
import { callBackend } from './backend-calls.js';
import {
  handleBackendEvent,
  noteDevice,
  noteServices,
  type EngineKnowledge,
} from './backend-events.js';
import { ReconnectReread } from './reconnect-reread.js';
import { DEFAULT_TIMEOUT_MS } from './request-timeout.js';
import { commandExtra } from './command-checks.js';
import { SessionTracker } from '../core/session-tracker.js';
import type { RequestExtra } from '../core/tracker-records.js';
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
  commandSessionState: SessionState;
  /** The command IDs the service listed when last asked (QuerySupportedCommands); `null`: never asked. */
  supportedCommands: number[] | null;
}

/** A device's services as just listed, with their sessions' states then. */
export interface ServiceList {
  interfaceId: InterfaceId;
  services: ServiceView[];
}

/** What a request carries beyond its op. */
export interface SendInput {
  /** `write`, `query`, `set`: the bytes. */
  data?: Uint8Array;
  /** `query`, `set`: the command ID (CID), an unsigned 32-bit number. */
  commandId?: number;
  /**
   * `query`, `set`: send a command the service did not list in its supported commands. Without
   * it such a command is refused before anything is sent, so sending one is a deliberate choice.
   */
  force?: boolean;
}

export interface SendResult {
  ref: RequestRef;
  request: RequestStory;
}

export class DiagnosticsEngine {
  readonly journal: Journal;
  readonly tracker: SessionTracker;
  private readonly devices = new Map<InterfaceId, DeviceInfo>();
  private readonly services = new Map<InterfaceId, ServiceInfo[]>();
  /**
   * The newest data-session request and the newest command request of each service (by service
   * key), live objects: the tracker updates its stories in place.
   */
  private readonly latest = new Map<string, Readonly<RequestStory>>();
  /** The command IDs each service listed when last asked, by service key. */
  private readonly supported = new Map<string, Set<number>>();
  private readonly requestListeners = new Set<(story: RequestStory) => void>();
  private readonly listListeners = new Set<(list: ServiceList) => void>();
  /** The same maps, journal and tracker, as the backend's events reach them (backend-events.ts). */
  private readonly known: EngineKnowledge;
  /** Lists the known devices' services again when the backend comes back after an outage. */
  private readonly reread: ReconnectReread;
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
    // Recent requests are asked of the tracker by ref (`tracker.story`): it remembers the last
    // 10,000, so a waiter never misses one that finished before it asked.
    this.tracker.onRequestStart((request) => this.remember(request));
    this.tracker.onRequestChange((request) => this.tell(request));
    this.known = {
      journal: this.journal,
      tracker: this.tracker,
      backend: options.backend,
      devices: this.devices,
      services: this.services,
      supported: this.supported,
      isClosing: () => this.closing !== undefined,
      servicesListed: (interfaceId) => this.tellList(interfaceId),
    };
    this.reread = new ReconnectReread(this.known);
    this.unsubscribe = options.backend.onEvent((event) => {
      handleBackendEvent(this.known, event);
      if (event.type === 'backend-status') this.reread.backendStatus(event.available);
    });
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
    for (const device of devices) noteDevice(this.known, device);
    return devices;
  }

  async listServices(interfaceId: InterfaceId): Promise<ServiceView[]> {
    const services = await this.options.backend.listServices(interfaceId);
    noteServices(this.known, interfaceId, services);
    return services.map((s) => this.view(s));
  }

  /** The cached service list with live session states (no backend call). */
  knownServices(interfaceId: InterfaceId): ServiceView[] {
    return (this.services.get(interfaceId) ?? []).map((s) => this.view(s));
  }

  private view(service: ServiceInfo): ServiceView {
    const listed = this.supported.get(serviceKey(service.interfaceId, service.serviceId));
    return {
      ...service,
      sessionState: this.tracker.sessionState(service.interfaceId, service.serviceId),
      commandSessionState: this.tracker.commandSessionState(service.interfaceId, service.serviceId),
      supportedCommands: listed ? [...listed] : null,
    };
  }

  /**
   * Sends one request: a data-session call or a command call. Resolves once the call has returned
   * (the completion comes later, or already came). Unknown devices and services, a command over
   * the service's MaxCommandSize and an unlisted command without `force` are refused before
   * anything is recorded.
   */
  async send(
    op: RequestOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    input: SendInput = {},
  ): Promise<SendResult> {
    if (this.closing) throw new BackendError('backend-closed', 'The app is shutting down.');
    const service =
      this.findService(interfaceId, serviceId) ??
      (await this.refreshAndFindService(interfaceId, serviceId));
    const data = input.data ?? new Uint8Array();
    const extra = op === 'query' || op === 'set' ? this.commandExtra(service, input, data) : {};
    if (op === 'write') extra.byteLength = data.length;
    const ref = this.tracker.begin(op, interfaceId, service.serviceId, extra);
    try {
      const result = await callBackend(
        this.options.backend,
        op,
        service,
        input.commandId ?? 0,
        data,
      );
      this.tracker.callReturned(ref, result);
    } catch (error) {
      this.tracker.callFailed(ref, error instanceof Error ? error.message : String(error));
    }
    const request = this.tracker.story(ref);
    if (!request) throw new Error(`request ${ref} was not tracked`);
    return { ref, request: { ...request } };
  }

  /**
   * Throws the refusal `send` would throw for this QUERY or SET (data over MaxCommandSize, a
   * command the service did not list without `force`), without sending or recording anything:
   * for a caller that must open a command session first, and should not when the command
   * itself would be refused.
   */
  checkCommand(interfaceId: InterfaceId, serviceId: ServiceId, input: SendInput): void {
    const service = this.findService(interfaceId, serviceId);
    if (!service)
      throw new BackendError('unknown-service', `The device has no device service "${serviceId}".`);
    this.commandExtra(service, input, input.data ?? new Uint8Array());
  }

  /** commandExtra (command-checks.ts) with what this service listed. */
  private commandExtra(service: ServiceInfo, input: SendInput, data: Uint8Array): RequestExtra {
    const listed = this.supported.get(serviceKey(service.interfaceId, service.serviceId));
    return commandExtra(service, input, data, listed);
  }

  /** Resolves when the request has ended or become overdue, whichever comes first. */
  waitForOutcome(ref: RequestRef): Promise<RequestStory> {
    return new Promise((resolve) => {
      const current = this.tracker.story(ref);
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
      const known = this.tracker.story(ref);
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
   * The newest data-session request and the newest command request of each service this run,
   * copied: what a window that (re)connects shows as "Last request", waiting and overdue ones
   * included.
   */
  latestRequests(): RequestStory[] {
    return [...this.latest.values()].map((story) => ({ ...story }));
  }

  requestStory(ref: RequestRef): RequestStory | undefined {
    const request = this.tracker.story(ref);
    return request && { ...request };
  }

  onRequestChange(listener: (story: RequestStory) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  /**
   * Each listing of a device's services, whoever asked: a caller, or the engine itself re-reading
   * after an outage, when the device may have come back listing other services. What the
   * re-read found moved is recorded (session-state records) before the list is told.
   */
  onServiceList(listener: (list: ServiceList) => void): () => void {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
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

  /**
   * A request began. The tracker updates its story in place, so the map holds the live object
   * and a copy is made only when someone listens or asks: the hot path allocates nothing for
   * nobody.
   */
  private remember(story: Readonly<RequestStory>): void {
    // The request that began last is the service's newest. One for each half of the service: a
    // QUERY must not hide the outcome of the last Close.
    const half = isCommandOp(story.op) ? '\u0001command' : '';
    this.latest.set(serviceKey(story.interfaceId, story.serviceId) + half, story);
  }

  private tellList(interfaceId: InterfaceId): void {
    if (this.listListeners.size === 0) return;
    const list = { interfaceId, services: this.knownServices(interfaceId) };
    for (const listener of this.listListeners) listener(list);
  }

  private tell(story: Readonly<RequestStory>): void {
    if (this.requestListeners.size === 0) return;
    const copy = { ...story };
    for (const listener of this.requestListeners) listener(copy);
  }
}
