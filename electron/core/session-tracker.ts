/**
 * The session tracker: one data-session state machine per device service, driven by requests and
 * completions, and the correlation of each completion with the request it answers.
 *
 * The MBN documentation leaves the hard parts open (whether a completion can overtake the call's
 * return, what happens to pending requests on device removal, whether completions can repeat), so
 * the tracker assumes the worst of each and records what actually happened rather than guessing.
 * The outcome rules are the shared lifecycle's (`shared/request/outcome.ts`); every record it
 * writes carries the request's outcome, and the request's story is updated from that same record
 * by the shared reducer, so the live view and any later reading of the journal cannot disagree.
 * What each record holds is tracker-records.ts's; when each is written is this file's.
 */
import {
  callReturnedTo,
  callStarted,
  holdCompletion,
  isCalling,
  unclaimedCompletions,
  type Carried,
  type HeldCompletion,
} from './calls-in-flight.js';
import type { Clock } from './clock.js';
import { RequestRegistry, opKey, refText, type TrackedRequest } from './request-registry.js';
import { ServiceStates } from './service-states.js';
import { SESSION_MOVES, moving, restoreAfterFailure, stateOf } from './session-moves.js';
import {
  abandonedRecord,
  callFailedRecord,
  completionRecord,
  givenUpRecord,
  overdueRecord,
  requestRecord,
  returnedRecord,
  strayRecord,
  type CompletionEvent,
  type RequestExtra,
} from './tracker-records.js';
import { succeeded } from '../../shared/hresult.js';
import type { AbandonReason, JournalEntry, RequestRef } from '../../shared/journal/record.js';
import {
  isCommandOp,
  type CallResult,
  type InterfaceId,
  type RequestOp,
  type ServiceId,
  type ServiceInfo,
  type SessionState,
} from '../../shared/model.js';
import { completionEffect, type CompletionMatch } from '../../shared/request/outcome.js';
import { applyToStory, storyFromRequest, type RequestStory } from '../../shared/request/story.js';

export interface TrackerOptions {
  clock: Clock;
  /** No completion within this many ms makes a request overdue. */
  timeoutMs: number;
  /** `atMono`: when it happened, if not now (a held completion is journaled after the fact). */
  emit: (entry: JournalEntry, atMono?: number) => void;
  /**
   * How many finished requests to remember for recognising duplicate completions, and how many
   * requests begun last `story` still tells.
   */
  finishedMemory?: number;
}

type RequestListener = (request: Readonly<RequestStory>) => void;

export class SessionTracker {
  private readonly states: ServiceStates;
  private readonly requests: RequestRegistry;
  private readonly listeners = new Set<RequestListener>();
  private readonly startListeners = new Set<RequestListener>();
  private timeoutMs: number;

  constructor(private readonly options: TrackerOptions) {
    this.timeoutMs = options.timeoutMs;
    this.states = new ServiceStates((entry) => options.emit(entry));
    this.requests = new RequestRegistry(options.finishedMemory ?? 10_000);
  }

  setTimeout(ms: number): void {
    this.timeoutMs = ms;
  }

  /** Called whenever a request's story changes (for UIs and waiting CLIs). */
  onRequestChange(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called once for each request, as it begins, before any change is told: for whoever keeps
   * requests by ref, without asking a map on every change whether it knows the request yet.
   */
  onRequestStart(listener: RequestListener): () => void {
    this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }

  /** Seeds or refreshes service states from what the backend reports. */
  noteServices(services: readonly ServiceInfo[]): void {
    this.states.note(services);
  }

  sessionState(interfaceId: InterfaceId, serviceId: ServiceId): SessionState {
    return this.states.state(interfaceId, serviceId);
  }

  commandSessionState(interfaceId: InterfaceId, serviceId: ServiceId): SessionState {
    return this.states.commandState(interfaceId, serviceId);
  }

  /** The readable name, for services the tracker has seen listed or used. */
  serviceName(interfaceId: InterfaceId, serviceId: ServiceId): string {
    return this.states.name(interfaceId, serviceId);
  }

  /**
   * The story of the request with this ref, while it is unfinished and for a while after (the
   * last `finishedMemory` requests begun): for whoever asks after it ended.
   */
  story(ref: RequestRef): Readonly<RequestStory> | undefined {
    return this.requests.remembered(ref)?.story;
  }

  /** Requests not finished yet: sending, waiting or overdue. */
  activeRequests(): readonly Readonly<RequestStory>[] {
    return this.requests.unfinished().map((r) => r.story);
  }

  /** A request is about to be sent. Returns its ref; the call's result goes to `callReturned`. */
  begin(
    op: RequestOp,
    interfaceId: InterfaceId,
    serviceId: ServiceId,
    extra: RequestExtra = {},
  ): RequestRef {
    const track = this.states.track(interfaceId, serviceId);
    const command = isCommandOp(op);
    const before = command ? track.commandState : track.state;
    const refNo = this.requests.nextRef();
    const ref = refText(refNo);
    const entry = requestRecord(ref, op, interfaceId, serviceId, track.name, before, extra);
    const request: TrackedRequest = {
      story: storyFromRequest(entry),
      issuedMono: this.options.clock.monoNow(),
      stateBefore: before,
      call: this.requests.call(opKey(op, interfaceId, serviceId)),
      timer: undefined,
      indexedId: undefined,
      refNo,
      older: undefined,
      newer: undefined,
      unfinished: false,
    };
    this.requests.add(request);
    callStarted(request.call);
    // Stamped when it was issued, the moment its latency and call time are measured from: stamped
    // when written, after the work above (4 ms in a process's first call), a support engineer's
    // trace drew a request shorter than its own latency.
    this.options.emit(entry, request.issuedMono);
    for (const listener of this.startListeners) listener(request.story);
    this.notify(request);
    return ref;
  }

  /** The call returned: S_OK makes the request wait; a failure HRESULT ends it there. */
  callReturned(ref: RequestRef, result: CallResult): void {
    const request = this.requests.get(ref);
    if (!request || request.story.outcome !== 'sending') return;
    const now = this.options.clock.monoNow();
    const hresult = result.hresult >>> 0;
    const accepted = succeeded(hresult);
    const earlyMatch = callReturnedTo(request.call, accepted ? result.requestId : null);
    if (accepted) {
      this.requests.indexById(request, result.requestId);
      const track = this.states.track(request.story.interfaceId, request.story.serviceId);
      const moves = SESSION_MOVES[request.story.op];
      if (moves) this.states.set(track, moves.during, moves.session);
    }
    this.record(request, returnedRecord(request, result, hresult, accepted, now));
    if (!accepted) {
      this.finish(request);
    } else if (earlyMatch) {
      this.complete(request, earlyMatch, 'before-return');
    } else {
      request.timer = this.options.clock.setTimer(
        () => this.expire(request),
        Math.max(0, this.timeoutMs - (now - request.issuedMono)),
      );
    }
    this.flushEarly(request);
  }

  /** The call threw (a backend error rather than an HRESULT): no request was started. */
  callFailed(ref: RequestRef, message: string): void {
    const request = this.requests.get(ref);
    if (!request || request.story.outcome !== 'sending') return;
    callReturnedTo(request.call, null);
    this.record(request, callFailedRecord(request, message));
    this.finish(request);
    this.flushEarly(request);
  }

  /** A completion event from the backend. */
  completion(event: CompletionEvent): void {
    const now = this.options.clock.monoNow();
    const call = this.requests.call(opKey(event.op, event.interfaceId, event.serviceId));
    const known = this.requests.byId(call, event.requestId);
    if (known) {
      const effect = completionEffect(known.story.outcome, succeeded(event.status >>> 0));
      if (effect.outcome !== null)
        return this.complete(known, { ...event, mono: now }, effect.match);
      return this.recordStray(event, effect.match, known, now);
    }
    // A call on this service is still in flight: the completion may have overtaken its return.
    if (isCalling(call)) {
      const held: HeldCompletion = {
        status: event.status >>> 0,
        requestId: event.requestId,
        mono: now,
      };
      if (event.carried) held.carried = event.carried;
      holdCompletion(call, held);
      return;
    }
    this.unknownCompletion(event, now);
  }

  /**
   * The technician stopped waiting for an overdue request: recorded as given up, and the service
   * can be used again (its session state goes back to what it was before the request, or to what
   * the backend reported since, if it did). The request stays known by its ID, so a completion
   * that still comes is matched and makes it late. Returns the story, or `undefined` when the
   * request is not overdue (unknown, or it ended meanwhile).
   */
  giveUp(ref: RequestRef): Readonly<RequestStory> | undefined {
    const request = this.requests.get(ref);
    if (!request || request.story.outcome !== 'overdue') return undefined;
    this.record(request, givenUpRecord(request, this.options.clock.monoNow()));
    const moves = SESSION_MOVES[request.story.op];
    if (moves) {
      const track = this.states.track(request.story.interfaceId, request.story.serviceId);
      // What the service reported meanwhile (a re-read after an outage) is newer than the state
      // before the request: a Close given up across a restart that closed the session is closed.
      if (moving(stateOf(track, moves.session)))
        this.states.set(
          track,
          this.states.heard(track, moves.session) ??
            restoreAfterFailure(request.stateBefore, 'unknown'),
          moves.session,
        );
    }
    this.finish(request);
    return request.story;
  }

  /**
   * Its device no longer lists the service: its sessions are unknown. A request of ours still on
   * its way keeps its session moving, and goes overdue or completes as any other.
   */
  serviceGone(interfaceId: InterfaceId, serviceId: ServiceId): void {
    this.states.serviceGone(interfaceId, serviceId);
  }

  /** The device went away: its pending requests will never complete and its sessions are unknown. */
  deviceRemoved(interfaceId: InterfaceId): void {
    for (const request of this.requests.unfinished())
      if (request.story.interfaceId === interfaceId) this.abandon(request, 'device-removed');
    this.states.deviceGone(interfaceId);
  }

  /** The backend is closing: nothing pending can complete any more. */
  abandonAll(): void {
    for (const request of this.requests.unfinished()) this.abandon(request, 'backend-closed');
  }

  dispose(): void {
    for (const request of this.requests.unfinished()) request.timer?.cancel();
  }

  private abandon(request: TrackedRequest, reason: AbandonReason): void {
    // Still sending: its call has not returned, and a return or throw that still comes finds the
    // request finished and is ignored. So its call stops counting as in flight now, or every
    // later completion on its service+op would be held for it forever; what was held for it so
    // far is, with no request ID to match, for a request nobody here knows.
    const sending = request.story.outcome === 'sending';
    if (sending) callReturnedTo(request.call, null);
    this.record(request, abandonedRecord(request, reason));
    this.finish(request);
    if (sending) this.flushEarly(request);
  }

  private expire(request: TrackedRequest): void {
    request.timer = undefined;
    if (request.story.outcome !== 'waiting') return;
    this.record(request, overdueRecord(request, this.timeoutMs));
    this.notify(request);
  }

  private complete(
    request: TrackedRequest,
    completion: { status: number; mono: number; carried?: Carried },
    match: CompletionMatch,
  ): void {
    const status = completion.status >>> 0;
    const ok = succeeded(status);
    const effect = completionEffect(
      match === 'before-return' ? 'sending' : request.story.outcome,
      ok,
    );
    const { story } = request;
    const entry = completionRecord(request, completion, status, match, effect.outcome);
    // Stamped when it came, as its request is when it was issued: the span between the two
    // records is its latency, however long the work between reading the clock and writing.
    this.record(request, entry, completion.mono);
    const moves = SESSION_MOVES[story.op];
    if (moves) {
      const track = this.states.track(story.interfaceId, story.serviceId);
      this.states.set(
        track,
        ok ? moves.after : restoreAfterFailure(request.stateBefore, moves.failed),
        moves.session,
      );
    }
    this.finish(request);
  }

  /** A duplicate, or a completion after the request was abandoned: told on the request too. */
  private recordStray(
    event: CompletionEvent,
    match: CompletionMatch,
    request: TrackedRequest,
    mono: number,
  ): void {
    const serviceName = this.serviceName(event.interfaceId, event.serviceId);
    this.record(request, strayRecord(event, match, request.story.ref, serviceName), mono);
    this.notify(request);
  }

  private unknownCompletion(event: CompletionEvent, mono: number): void {
    const serviceName = this.serviceName(event.interfaceId, event.serviceId);
    this.options.emit(strayRecord(event, 'unknown-request', null, serviceName), mono);
    // Another connection manager may have sent it; its success still tells us the session state.
    const moves = SESSION_MOVES[event.op];
    if (moves && succeeded(event.status >>> 0)) {
      const track = this.states.find(event.interfaceId, event.serviceId);
      if (track) this.states.set(track, moves.after, moves.session);
    }
  }

  /** Once no call on a service+op is in flight, early completions nobody claimed are unknown. */
  private flushEarly(request: TrackedRequest): void {
    const { op, interfaceId, serviceId } = request.story;
    for (const held of unclaimedCompletions(request.call))
      this.unknownCompletion(
        {
          op,
          interfaceId,
          serviceId,
          status: held.status,
          requestId: held.requestId,
          ...(held.carried ? { carried: held.carried } : {}),
        },
        held.mono,
      );
  }

  /** Writes a record of the request's life and tells its story from the same record. */
  private record(request: TrackedRequest, entry: JournalEntry, atMono?: number): void {
    this.options.emit(entry, atMono);
    applyToStory(request.story, entry);
  }

  private finish(request: TrackedRequest): void {
    request.timer?.cancel();
    request.timer = undefined;
    this.requests.finished(request);
    this.notify(request);
  }

  private notify(request: TrackedRequest): void {
    for (const listener of this.listeners) listener(request.story);
  }
}
