/**
 * Where the tracker finds a request again: by ref, and by service, operation and request ID when
 * a completion names it. Finished requests are remembered for a while so that a duplicate
 * completion, or one after the device went away, is recognised as such, and so that whoever asks
 * about a recent request by its ref is still told its story.
 */
import type { CallsInFlight } from './calls-in-flight.js';
import type { TimerHandle } from './clock.js';
import type { RequestRef } from '../../shared/journal/record.js';
import {
  serviceKey,
  type InterfaceId,
  type ServiceId,
  type RequestOp,
  type SessionState,
} from '../../shared/model.js';
import type { RequestStory } from '../../shared/request/story.js';

/**
 * One service+op, the scope in which request IDs are matched: its calls in flight, and its
 * requests by ID, waiting or among the last finished. One is made the first time the registry
 * meets the service+op and kept (a machine has a handful of services, each with a few ops), so a
 * request and its completion reach all of this through one lookup.
 */
export interface CallScope extends CallsInFlight {
  readonly byId: Map<number, TrackedRequest>;
}

export interface TrackedRequest {
  /** What is told about the request: updated by the shared reducer from every record written. */
  story: RequestStory;
  issuedMono: number;
  /** The service's session state when the request was sent, restored if the request fails. */
  stateBefore: SessionState;
  /** Its service and operation. */
  readonly call: CallScope;
  /** The overdue timer while the request waits. */
  timer: TimerHandle | undefined;
  /** The request ID it is found by in its call scope, once the call returned one. */
  indexedId: number | undefined;
  /** The number in its ref: where it sits in the registry's ring of recent requests. */
  readonly refNo: number;
  /** Its neighbours in the registry's chain of unfinished requests, while it is in it. */
  older: TrackedRequest | undefined;
  newer: TrackedRequest | undefined;
  /** Whether it is still sending, waiting or overdue (in that chain). */
  unfinished: boolean;
}

export class RequestRegistry {
  /**
   * The requests begun last, each at its ref's number modulo the capacity: finding one by ref is
   * an index, and beginning one overwrites the slot of one begun `capacity` requests earlier,
   * where a map of refs made and dropped an entry for every request (its deletions were the
   * costliest step of finishing one).
   */
  private readonly recent: (TrackedRequest | undefined)[];
  /**
   * Unfinished requests, oldest first, chained through the requests themselves: beginning and
   * finishing one allocates nothing. A request still unfinished when its ring slot is reused is
   * found here.
   */
  private oldest: TrackedRequest | undefined;
  private newest: TrackedRequest | undefined;
  private nextRefNo = 1;
  /**
   * The last finished requests that have a request ID, oldest overwritten first: finishing one
   * forgets, in its scope, the ID of the one finished `memory` requests earlier. A duplicate of a
   * request older than that reads as a completion for an unknown request.
   */
  private readonly finishedIds: (TrackedRequest | undefined)[];
  /**
   * Each one's scope and request ID beside it, so forgetting one does not read the request
   * itself: made 10,000 requests ago, it is no longer in the processor's cache.
   */
  private readonly finishedScopes: (CallScope | undefined)[];
  private readonly finishedIdNumbers: Float64Array;
  private nextFinished = 0;
  /** Each service+op met, by opKey. */
  private readonly calls = new Map<string, CallScope>();

  /** `memory`: how many finished requests are remembered, by ref and by request ID. */
  constructor(memory: number) {
    this.recent = new Array<TrackedRequest | undefined>(memory);
    this.finishedIds = new Array<TrackedRequest | undefined>(memory);
    this.finishedScopes = new Array<CallScope | undefined>(memory);
    this.finishedIdNumbers = new Float64Array(memory);
  }

  /** The scope of a service+op (see `opKey`), made the first time it is met. */
  call(key: string): CallScope {
    let call = this.calls.get(key);
    if (!call) this.calls.set(key, (call = { calling: 0, held: undefined, byId: new Map() }));
    return call;
  }

  /** The number of the next request's ref (see `refText`). */
  nextRef(): number {
    return this.nextRefNo++;
  }

  /** A request began (its ref numbered by `nextRef`): unfinished until `finished`. */
  add(request: TrackedRequest): void {
    this.recent[request.refNo % this.recent.length] = request;
    request.unfinished = true;
    request.older = this.newest;
    request.newer = undefined;
    if (this.newest) this.newest.newer = request;
    else this.oldest = request;
    this.newest = request;
  }

  /** The unfinished request with this ref. */
  get(ref: RequestRef): TrackedRequest | undefined {
    const request = this.remembered(ref);
    return request?.unfinished ? request : undefined;
  }

  /** The request with this ref, unfinished or among the last begun. */
  remembered(ref: RequestRef): TrackedRequest | undefined {
    const refNo = refNumber(ref);
    if (refNo === undefined) return undefined;
    const request = this.recent[refNo % this.recent.length];
    if (request?.refNo === refNo) return request;
    for (let r = this.oldest; r; r = r.newer) if (r.refNo === refNo) return r;
    return undefined;
  }

  /** Unfinished requests, in the order they began. */
  unfinished(): TrackedRequest[] {
    const list: TrackedRequest[] = [];
    for (let r = this.oldest; r; r = r.newer) list.push(r);
    return list;
  }

  /**
   * The call returned a request ID: completions can find the request by it from now on, until
   * it is among the finished ones forgotten. A request ID used again in the same scope names the
   * newer request.
   */
  indexById(request: TrackedRequest, requestId: number): void {
    request.indexedId = requestId;
    request.call.byId.set(requestId, request);
  }

  /** The request a completion names, waiting or recently finished. */
  byId(call: CallScope, requestId: number): TrackedRequest | undefined {
    return call.byId.get(requestId);
  }

  finished(request: TrackedRequest): void {
    if (!request.unfinished) return;
    request.unfinished = false;
    const { older, newer } = request;
    if (older) older.newer = newer;
    else this.oldest = newer;
    if (newer) newer.older = older;
    else this.newest = older;
    request.older = request.newer = undefined;
    if (request.indexedId === undefined) return;
    const at = this.nextFinished;
    this.nextFinished = (at + 1) % this.finishedIds.length;
    const forgotten = this.finishedIds[at];
    const scope = this.finishedScopes[at];
    const id = this.finishedIdNumbers[at] ?? 0;
    this.finishedIds[at] = request;
    this.finishedScopes[at] = request.call;
    this.finishedIdNumbers[at] = request.indexedId;
    if (scope && scope.byId.get(id) === forgotten) scope.byId.delete(id);
  }
}

const opKeys = new Map<string, Partial<Record<RequestOp, string>>>();

/** Service + operation, as one reused string (see serviceKey for why reuse matters). */
export function opKey(op: RequestOp, interfaceId: InterfaceId, serviceId: ServiceId): string {
  const service = serviceKey(interfaceId, serviceId);
  let perOp = opKeys.get(service);
  if (!perOp) {
    perOp = {};
    if (opKeys.size < 10_000) opKeys.set(service, perOp);
  }
  return (perOp[op] ??= `${op}\u0000${service}`);
}

/** A request's ref, from its number: "r17". */
export function refText(refNo: number): RequestRef {
  return `r${String(refNo)}`;
}

/** The number in a ref made by `refText` ("r17" → 17); `undefined` for any other text. */
function refNumber(ref: RequestRef): number | undefined {
  if (ref.length < 2 || ref.length > 16 || ref.charCodeAt(0) !== 0x72) return undefined;
  let n = 0;
  for (let i = 1; i < ref.length; i++) {
    const digit = ref.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9 || (digit === 0 && i === 1)) return undefined;
    n = n * 10 + digit;
  }
  return n;
}
