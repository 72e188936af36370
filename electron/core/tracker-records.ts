/**
 * The journal records the session tracker writes, one for each moment of a request's life (sent,
 * returned, failed, overdue, given up, abandoned, completed) and for a completion that ends no
 * request. Kept apart from the tracker so that its file says when each moment comes and this one
 * what each record holds: the same fields, named one by one, as the shared reducer reads them
 * back into the request's story.
 */
import type { Carried } from './calls-in-flight.js';
import type { TrackedRequest } from './request-registry.js';
import { brokenPrecondition } from './session-moves.js';
import { decodeHresult } from '../../shared/hresult.js';
import type { AbandonReason, JournalEntry, RequestRef } from '../../shared/journal/record.js';
import type {
  CallResult,
  InterfaceId,
  RequestOp,
  ServiceId,
  SessionState,
} from '../../shared/model.js';
import {
  outcomeAfterReturn,
  type CompletionMatch,
  type RequestOutcome,
} from '../../shared/request/outcome.js';

/** A completion as the backend reports it. */
export interface CompletionEvent {
  op: RequestOp;
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  /** Unsigned 32-bit HRESULT. */
  status: number;
  requestId: number;
  /** What a command completion brought back, in record form (the engine made the bytes hex). */
  carried?: Carried;
}

/** What a request carries beyond its op, as the request record writes it. */
export interface RequestExtra {
  byteLength?: number;
  commandId?: number;
  commandListed?: boolean;
  /** Hex. */
  data?: string;
}

/** The record of a request about to be sent, its service's session state being `before`. */
export function requestRecord(
  ref: RequestRef,
  op: RequestOp,
  interfaceId: InterfaceId,
  serviceId: ServiceId,
  serviceName: string,
  before: SessionState,
  extra: RequestExtra,
): Extract<JournalEntry, { kind: 'request' }> {
  const entry: Extract<JournalEntry, { kind: 'request' }> = {
    kind: 'request',
    ref,
    op,
    interfaceId,
    serviceId,
    serviceName,
    outcome: 'sending',
    sessionOpenBefore: before === 'open' ? true : before === 'closed' ? false : null,
  };
  // Optional fields are added only when present, so they are absent from the line, not null.
  const precondition = brokenPrecondition(op, before);
  if (precondition) entry.precondition = precondition;
  if (extra.byteLength !== undefined) entry.byteLength = extra.byteLength;
  if (extra.commandId !== undefined) entry.commandId = extra.commandId;
  if (extra.commandListed !== undefined) entry.commandListed = extra.commandListed;
  if (extra.data !== undefined) entry.data = extra.data;
  return entry;
}

/** The call returned at `now`: accepted (S_OK) or not. */
export function returnedRecord(
  request: TrackedRequest,
  result: CallResult,
  hresult: number,
  accepted: boolean,
  now: number,
): JournalEntry {
  const decoded = decodeHresult(hresult);
  // The request's fields are written out, not spread from a helper's object: the spread cost
  // more than the rest of building the entry, on every request.
  const entry: Extract<JournalEntry, { kind: 'request-returned' }> = {
    kind: 'request-returned',
    ref: request.story.ref,
    op: request.story.op,
    interfaceId: request.story.interfaceId,
    serviceId: request.story.serviceId,
    serviceName: request.story.serviceName,
    outcome: outcomeAfterReturn(accepted),
    requestId: accepted ? result.requestId : null,
    hresult: decoded.hex,
    hresultName: decoded.name,
    callMs: round(now - request.issuedMono),
  };
  // Only a refusal has words, and only when the backend gave some: absent from the line otherwise.
  if (!accepted && result.message !== undefined) entry.message = result.message;
  return entry;
}

export function callFailedRecord(request: TrackedRequest, message: string): JournalEntry {
  return {
    kind: 'call-failed',
    ref: request.story.ref,
    op: request.story.op,
    interfaceId: request.story.interfaceId,
    serviceId: request.story.serviceId,
    serviceName: request.story.serviceName,
    outcome: 'call-failed',
    message,
  };
}

export function givenUpRecord(request: TrackedRequest, now: number): JournalEntry {
  return {
    kind: 'given-up',
    ref: request.story.ref,
    op: request.story.op,
    interfaceId: request.story.interfaceId,
    serviceId: request.story.serviceId,
    serviceName: request.story.serviceName,
    outcome: 'given-up',
    requestId: request.story.requestId,
    waitedMs: round(now - request.issuedMono),
  };
}

export function abandonedRecord(request: TrackedRequest, reason: AbandonReason): JournalEntry {
  return {
    kind: 'abandoned',
    ref: request.story.ref,
    op: request.story.op,
    interfaceId: request.story.interfaceId,
    serviceId: request.story.serviceId,
    serviceName: request.story.serviceName,
    outcome: 'abandoned',
    requestId: request.story.requestId,
    reason,
  };
}

export function overdueRecord(request: TrackedRequest, timeoutMs: number): JournalEntry {
  return {
    kind: 'overdue',
    ref: request.story.ref,
    op: request.story.op,
    interfaceId: request.story.interfaceId,
    serviceId: request.story.serviceId,
    serviceName: request.story.serviceName,
    outcome: 'overdue',
    requestId: request.story.requestId,
    timeoutMs,
  };
}

/** The completion that ends the request, with the outcome it gives it. */
export function completionRecord(
  request: TrackedRequest,
  completion: { mono: number; carried?: Carried },
  status: number,
  match: CompletionMatch,
  outcome: RequestOutcome | null,
): JournalEntry {
  const decoded = decodeHresult(status);
  const { story } = request;
  const entry: JournalEntry = {
    kind: 'completion',
    op: story.op,
    interfaceId: story.interfaceId,
    serviceId: story.serviceId,
    serviceName: story.serviceName,
    requestId: story.requestId ?? 0,
    status: decoded.hex,
    statusName: decoded.name,
    match,
    ref: story.ref,
    outcome,
    latencyMs: round(completion.mono - request.issuedMono),
  };
  // What a command completion carried goes last, as a spread would put it; a spread in the
  // literal itself made every completion's object the slow way, carried or not.
  if (completion.carried) Object.assign(entry, completion.carried);
  return entry;
}

/** A completion that ends no request: its outcome is null, and it names the request it repeats. */
export function strayRecord(
  event: CompletionEvent,
  match: CompletionMatch,
  ref: RequestRef | null,
  serviceName: string,
): JournalEntry {
  const decoded = decodeHresult(event.status >>> 0);
  return {
    kind: 'completion',
    op: event.op,
    interfaceId: event.interfaceId,
    serviceId: event.serviceId,
    serviceName,
    requestId: event.requestId,
    status: decoded.hex,
    statusName: decoded.name,
    match,
    ref,
    outcome: null,
    latencyMs: null,
    ...event.carried,
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
