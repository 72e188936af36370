/**
 * Where the tracker finds a request again: by ref while it is unfinished, and by service,
 * operation and request ID when a completion names it. Finished requests are remembered for a
 * while so that a duplicate completion, or one after the device went away, is recognised as such.
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
}

export class RequestRegistry {
  /** Requests not yet finished, by ref. */
  private readonly active = new Map<RequestRef, TrackedRequest>();
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

  constructor(finishedMemory: number) {
    this.finishedById = new BoundedMap(finishedMemory);
  }

  add(request: TrackedRequest): void {
    this.active.set(request.story.ref, request);
  }

  get(ref: RequestRef): TrackedRequest | undefined {
    return this.active.get(ref);
  }

  unfinished(): TrackedRequest[] {
    return [...this.active.values()];
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
    this.active.delete(request.story.ref);
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
