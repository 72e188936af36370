/**
 * The session tracker: one data-session state machine per device service, driven by requests and
 * completions, and the correlation of each completion with the request it answers.
 *
 * The MBN documentation leaves the hard parts open (whether a completion can overtake the call's
 * return, what happens to pending requests on device removal, whether completions can repeat), so
 * the tracker assumes the worst of each and records what actually happened rather than guessing.
 * Everything it learns it reports as journal entries through `emit`.
 */
import { BoundedMap } from './bounded-map.js';
import { CallsInFlight } from './calls-in-flight.js';
import type { Clock, TimerHandle } from './clock.js';
import { decodeHresult, succeeded } from '../../shared/hresult.js';
import type { CompletionMatch, JournalEntry, RequestRef } from '../../shared/journal/record.js';
import { ServiceStates } from './service-states.js';
import {
  serviceKey,
  type CallResult,
  type InterfaceId,
  type RequestState,
  type ServiceId,
  type ServiceInfo,
  type SessionOp,
  type SessionState,
} from '../../shared/model.js';

export interface TrackedRequest {
  ref: RequestRef;
  op: SessionOp;
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  serviceName: string;
  state: RequestState;
  /** Set once the call returns S_OK (or a completion overtook it). */
  requestId: number | null;
  hresult: number | null;
  status: number | null;
  issuedMono: number;
  latencyMs: number | null;
  /** The completion came after the request had been declared overdue. */
  late: boolean;
  precondition: 'session-not-open' | 'session-already-open' | undefined;
  /** The service's session state when the request was sent, restored if the request fails. */
  stateBefore: SessionState;
  /** Service and operation, the scope in which request IDs are matched. */
  callKey: string;
  /** The overdue timer while the request is pending. */
  timer: TimerHandle | undefined;
  /** callKey + request ID, once the call has returned one. */
  idKey: string | undefined;
}

export interface TrackerOptions {
  clock: Clock;
  /** No completion within this many ms makes a request overdue. */
  timeoutMs: number;
  /** `atMono`: when it happened, if not now (a held completion is journaled after the fact). */
  emit: (entry: JournalEntry, atMono?: number) => void;
  /** How many finished requests to remember for recognising duplicate completions. */
  finishedMemory?: number;
}

type RequestListener = (request: Readonly<TrackedRequest>) => void;

const TERMINAL: ReadonlySet<RequestState> = new Set([
  'succeeded',
  'failed',
  'rejected',
  'abandoned',
]);

export function isTerminal(state: RequestState): boolean {
  return TERMINAL.has(state);
}

export class SessionTracker {
  private readonly states: ServiceStates;
  /** Requests not yet finished, by ref. */
  private readonly active = new Map<RequestRef, TrackedRequest>();
  /** Unfinished requests with a known request ID, by service+op+requestId. */
  private readonly pendingById = new Map<string, TrackedRequest>();
  /**
   * The last finished ones, to recognise duplicate and after-abandon completions. Bounded: a
   * duplicate of a request older than that reads as a completion for an unknown request.
   */
  private readonly finishedById: BoundedMap<string, TrackedRequest>;
  private readonly inFlight = new CallsInFlight();
  private readonly listeners = new Set<RequestListener>();
  private nextRef = 1;
  private timeoutMs: number;

  constructor(private readonly options: TrackerOptions) {
    this.timeoutMs = options.timeoutMs;
    this.states = new ServiceStates((entry) => options.emit(entry));
    this.finishedById = new BoundedMap(options.finishedMemory ?? 10_000);
  }

  setTimeout(ms: number): void {
    this.timeoutMs = ms;
  }

  /** Called whenever a request changes state (for UIs and waiting CLIs). */
  onRequestChange(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Seeds or refreshes service states from what the backend reports. */
  noteServices(services: readonly ServiceInfo[]): void {
    this.states.note(services);
  }

  sessionState(interfaceId: InterfaceId, serviceId: ServiceId): SessionState {
    return this.states.state(interfaceId, serviceId);
  }

  /** The readable name, for services the tracker has seen listed or used. */
  serviceName(interfaceId: InterfaceId, serviceId: ServiceId): string {
    return this.states.name(interfaceId, serviceId);
  }

  activeRequests(): readonly Readonly<TrackedRequest>[] {
    return [...this.active.values()];
  }

  /** A request is about to be sent. Returns its ref; the call's result goes to `callReturned`. */
  begin(
    op: SessionOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    extra: { byteLength?: number } = {},
  ): RequestRef {
    const track = this.states.track(interfaceId, serviceId);
    const ref = `r${this.nextRef++}`;
    const sessionOpen = track.state === 'open' ? true : track.state === 'closed' ? false : null;
    let precondition: TrackedRequest['precondition'];
    if ((op === 'close' || op === 'write') && track.state !== 'open')
      precondition = 'session-not-open';
    if (op === 'open' && track.state === 'open') precondition = 'session-already-open';
    const request: TrackedRequest = {
      ref,
      op,
      interfaceId,
      serviceId,
      serviceName: track.name,
      state: 'calling',
      requestId: null,
      hresult: null,
      status: null,
      issuedMono: this.options.clock.monoNow(),
      latencyMs: null,
      late: false,
      stateBefore: track.state,
      callKey: opKey(op, interfaceId, serviceId),
      precondition,
      timer: undefined,
      idKey: undefined,
    };
    this.active.set(ref, request);
    this.inFlight.started(request.callKey);
    // Optional fields are added only when present, so they are absent from the line, not null.
    const entry: Extract<JournalEntry, { kind: 'request' }> = {
      kind: 'request',
      ref,
      op,
      interfaceId,
      serviceId,
      serviceName: track.name,
      sessionOpenBefore: sessionOpen,
    };
    if (precondition) entry.precondition = precondition;
    if (extra.byteLength !== undefined) entry.byteLength = extra.byteLength;
    this.options.emit(entry);
    this.notify(request);
    return ref;
  }

  /** The call returned: S_OK makes the request pending; a failure HRESULT ends it there. */
  callReturned(ref: RequestRef, result: CallResult): void {
    const request = this.active.get(ref);
    if (!request || request.state !== 'calling') return;
    const now = this.options.clock.monoNow();
    request.hresult = result.hresult >>> 0;
    const accepted = succeeded(request.hresult);
    const decoded = decodeHresult(request.hresult);
    if (accepted) request.requestId = result.requestId;
    const earlyMatch = this.inFlight.returned(request.callKey, accepted ? result.requestId : null);

    if (!accepted) {
      request.state = 'rejected';
    } else {
      request.state = 'pending';
      this.index(request);
      const track = this.states.track(request.interfaceId, request.serviceId);
      if (request.op === 'open') this.states.set(track, 'opening');
      if (request.op === 'close') this.states.set(track, 'closing');
    }
    this.options.emit({
      kind: 'request-returned',
      ref,
      op: request.op,
      interfaceId: request.interfaceId,
      serviceId: request.serviceId,
      serviceName: request.serviceName,
      requestId: accepted ? result.requestId : null,
      hresult: decoded.hex,
      hresultName: decoded.name,
      state: accepted ? 'pending' : 'rejected',
      callMs: round(now - request.issuedMono),
    });

    if (!accepted) {
      this.finish(request);
      this.flushEarly(request);
      return;
    }
    if (earlyMatch) {
      this.complete(request, earlyMatch.status, earlyMatch.mono, 'before-return', now);
    } else {
      request.timer = this.options.clock.setTimer(
        () => this.expire(request),
        Math.max(0, this.timeoutMs - (now - request.issuedMono)),
      );
    }
    this.flushEarly(request);
  }

  /** The call threw (a backend error rather than an HRESULT): the request ends as rejected. */
  callFailed(ref: RequestRef, message: string): void {
    const request = this.active.get(ref);
    if (!request || request.state !== 'calling') return;
    request.state = 'rejected';
    this.inFlight.returned(request.callKey, null);
    this.options.emit({
      kind: 'error',
      message,
      context: `${request.op} ${request.serviceName} (${ref})`,
    });
    this.finish(request);
    this.flushEarly(request);
  }

  /** A completion event from the backend. */
  completion(
    op: SessionOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    status: number,
    requestId: number,
  ): void {
    const now = this.options.clock.monoNow();
    const callKey = opKey(op, interfaceId, serviceId);
    const key = idKey(callKey, requestId);
    const known = this.pendingById.get(key) ?? this.finishedById.get(key);
    if (known) {
      if (known.state === 'pending') return this.complete(known, status, now, 'matched', now);
      if (known.state === 'overdue') return this.complete(known, status, now, 'late', now);
      const match: CompletionMatch = known.state === 'abandoned' ? 'after-abandon' : 'duplicate';
      return this.emitCompletion(
        op,
        interfaceId,
        serviceId,
        status,
        requestId,
        match,
        known.ref,
        null,
        now,
      );
    }
    // A call on this service is still in flight: the completion may have overtaken its return.
    if (this.inFlight.isCalling(callKey)) {
      this.inFlight.hold(callKey, { status: status >>> 0, requestId, mono: now });
      return;
    }
    this.unknownCompletion(op, interfaceId, serviceId, status, requestId, now);
  }

  /** The device went away: its pending requests will never complete and its sessions are unknown. */
  deviceRemoved(interfaceId: InterfaceId): void {
    for (const request of [...this.active.values()]) {
      if (request.interfaceId !== interfaceId) continue;
      this.abandon(request, 'device-removed');
    }
    this.states.deviceGone(interfaceId);
  }

  /** The backend is closing: nothing pending can complete any more. */
  abandonAll(): void {
    for (const request of [...this.active.values()]) this.abandon(request, 'backend-closed');
  }

  dispose(): void {
    for (const request of this.active.values()) request.timer?.cancel();
  }

  private abandon(request: TrackedRequest, reason: 'device-removed' | 'backend-closed'): void {
    request.state = 'abandoned';
    this.options.emit({
      kind: 'abandoned',
      ref: request.ref,
      op: request.op,
      interfaceId: request.interfaceId,
      serviceId: request.serviceId,
      serviceName: request.serviceName,
      requestId: request.requestId,
      reason,
    });
    this.finish(request);
  }

  private expire(request: TrackedRequest): void {
    request.timer = undefined;
    if (request.state !== 'pending') return;
    const ref = request.ref;
    request.state = 'overdue';
    this.options.emit({
      kind: 'overdue',
      ref,
      op: request.op,
      interfaceId: request.interfaceId,
      serviceId: request.serviceId,
      serviceName: request.serviceName,
      requestId: request.requestId,
      timeoutMs: this.timeoutMs,
    });
    this.notify(request);
  }

  private complete(
    request: TrackedRequest,
    status: number,
    completedMono: number,
    match: CompletionMatch,
    now: number,
  ): void {
    request.status = status >>> 0;
    request.latencyMs = round(completedMono - request.issuedMono);
    request.late = match === 'late';
    const ok = succeeded(request.status);
    request.state = ok ? 'succeeded' : 'failed';
    this.emitCompletion(
      request.op,
      request.interfaceId,
      request.serviceId,
      request.status,
      request.requestId ?? 0,
      match,
      request.ref,
      request.latencyMs,
      now,
    );
    const track = this.states.track(request.interfaceId, request.serviceId);
    if (request.op === 'open')
      this.states.set(track, ok ? 'open' : restoreAfterFailure(request.stateBefore, 'closed'));
    if (request.op === 'close')
      this.states.set(track, ok ? 'closed' : restoreAfterFailure(request.stateBefore, 'open'));
    this.finish(request);
  }

  private unknownCompletion(
    op: SessionOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    status: number,
    requestId: number,
    mono: number,
  ): void {
    this.emitCompletion(
      op,
      interfaceId,
      serviceId,
      status,
      requestId,
      'unknown-request',
      null,
      null,
      mono,
    );
    // Another connection manager may have sent it; its success still tells us the session state.
    if (succeeded(status)) {
      const track = this.states.find(interfaceId, serviceId);
      if (track && op === 'open') this.states.set(track, 'open');
      if (track && op === 'close') this.states.set(track, 'closed');
    }
  }

  private emitCompletion(
    op: SessionOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    status: number,
    requestId: number,
    match: CompletionMatch,
    ref: RequestRef | null,
    latencyMs: number | null,
    mono: number,
  ): void {
    const decoded = decodeHresult(status);
    this.options.emit(
      {
        kind: 'completion',
        op,
        interfaceId,
        serviceId,
        serviceName: this.serviceName(interfaceId, serviceId),
        requestId,
        status: decoded.hex,
        statusName: decoded.name,
        match,
        ref,
        latencyMs,
      },
      mono,
    );
  }

  /** Once no call on a service+op is in flight, early completions nobody claimed are unknown. */
  private flushEarly(request: TrackedRequest): void {
    for (const held of this.inFlight.unclaimed(request.callKey)) {
      this.unknownCompletion(
        request.op,
        request.interfaceId,
        request.serviceId,
        held.status,
        held.requestId,
        held.mono,
      );
    }
  }

  private finish(request: TrackedRequest): void {
    request.timer?.cancel();
    request.timer = undefined;
    this.active.delete(request.ref);
    if (request.idKey !== undefined) {
      this.pendingById.delete(request.idKey);
      this.finishedById.set(request.idKey, request);
    }
    this.notify(request);
  }

  private index(request: TrackedRequest): void {
    if (request.requestId !== null)
      this.pendingById.set((request.idKey = idKey(request.callKey, request.requestId)), request);
  }

  private notify(request: TrackedRequest): void {
    for (const listener of this.listeners) listener(request);
  }
}

function restoreAfterFailure(before: SessionState, fallback: SessionState): SessionState {
  return before === 'opening' || before === 'closing' ? fallback : before;
}

const opKeys = new Map<string, Partial<Record<SessionOp, string>>>();

/** Service + operation, as one reused string (see serviceKey for why reuse matters). */
function opKey(op: SessionOp, interfaceId: InterfaceId, serviceId: ServiceId): string {
  const service = serviceKey(interfaceId, serviceId);
  let perOp = opKeys.get(service);
  if (!perOp) {
    perOp = {};
    if (opKeys.size < 10_000) opKeys.set(service, perOp);
  }
  return (perOp[op] ??= `${op}\u0000${service}`);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function idKey(callKey: string, requestId: number): string {
  return `${callKey}\u0000${requestId}`;
}
