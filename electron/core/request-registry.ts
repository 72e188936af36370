/**
 * Where the tracker finds a request again: by ref, and by service, operation and request ID when
 * a completion names it. Finished requests are remembered for a while so that a duplicate
 * completion, or one after the device went away, is recognised as such, and so that whoever asks
 * about a recent request by its ref is still told its story.
 */
import type { TimerHandle } from './clock.js';
import { BoundedMap } from './bounded-map.js';
import type { RequestRef } from '../../shared/journal/record.js';
import {
  serviceKey,
  type InterfaceId,
  type ServiceId,
  type RequestOp,
  type SessionState,
} from '../../shared/model.js';
import type { RequestStory } from '../../shared/request/story.js';

/** A request ID within its service+op, as a map key. */
type IdKey = number | string;

export interface TrackedRequest {
  /** What is told about the request: updated by the shared reducer from every record written. */
  story: RequestStory;
  issuedMono: number;
  /** The service's session state when the request was sent, restored if the request fails. */
  stateBefore: SessionState;
  /** Service and operation, the scope in which request IDs are matched. */
  callKey: string;
  /** The overdue timer while the request waits. */
  timer: TimerHandle | undefined;
  /** callKey + request ID as one number (see RequestRegistry.idKey), once the call returned one. */
  idKey: IdKey | undefined;
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
  /** Unfinished requests with a known request ID, by service+op+requestId. */
  private readonly waitingById = new Map<IdKey, TrackedRequest>();
  /**
   * The last finished ones. Bounded: a duplicate of a request older than that reads as a
   * completion for an unknown request.
   */
  private readonly finishedById: BoundedMap<IdKey, TrackedRequest>;
  /**
   * Each service+op as a small number, so a request ID's key is a number: hashing the long
   * service+op text into a fresh key for every lookup made these maps the costliest step of a
   * completion, and even a short "0:1234" string had to be built and hashed twice per request.
   */
  private readonly callNumbers = new Map<string, number>();

  /** `memory`: how many finished requests are remembered, by ref and by request ID. */
  constructor(memory: number) {
    this.finishedById = new BoundedMap(memory);
    this.recent = new Array<TrackedRequest | undefined>(memory);
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

  /** The request with this ref, unfinished or among the last finished. */
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
   * The call returned a request ID: completions can find the request by it from now on. One whose
   * completion already came (it overtook the return) finishes at once, and is not kept waiting.
   */
  indexById(request: TrackedRequest, requestId: number, waiting = true): void {
    request.idKey = this.idKey(request.callKey, requestId);
    if (waiting) this.waitingById.set(request.idKey, request);
  }

  /** The request a completion names, waiting or recently finished. */
  byId(callKey: string, requestId: number): TrackedRequest | undefined {
    const key = this.idKey(callKey, requestId);
    return this.waitingById.get(key) ?? this.finishedById.get(key);
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
    if (request.idKey !== undefined) {
      this.waitingById.delete(request.idKey);
      this.finishedById.set(request.idKey, request);
    }
  }

  /**
   * Exact and distinct: a request ID is an unsigned 32-bit number, and a machine has far fewer
   * than 2^21 service+ops. An ID that is not one (a backend's bug) gets a text key, which no
   * number key can equal.
   */
  private idKey(callKey: string, requestId: number): IdKey {
    let number = this.callNumbers.get(callKey);
    if (number === undefined) this.callNumbers.set(callKey, (number = this.callNumbers.size));
    return Number.isInteger(requestId) && requestId >= 0 && requestId <= 0xffffffff
      ? number * 0x1_0000_0000 + requestId
      : `${String(number)}:${String(requestId)}`;
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
