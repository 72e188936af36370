/**
 * What a request looks like to a person: its state, and each HRESULT with its name and meaning
 * already decoded, so the UI and the CLI print the same words.
 */
import { decodeHresult } from '../../shared/hresult.js';
import type { RequestRef } from '../../shared/journal/record.js';
import type { InterfaceId, RequestState, ServiceId, SessionOp } from '../../shared/model.js';
import type { TrackedRequest } from './session-tracker.js';

export interface HresultView {
  hex: string;
  name: string;
  meaning: string;
  succeeded: boolean;
}

export interface RequestView {
  ref: RequestRef;
  op: SessionOp;
  interfaceId: InterfaceId;
  serviceId: ServiceId;
  serviceName: string;
  state: RequestState;
  requestId: number | null;
  /** What the call returned at once. */
  hresult: HresultView | null;
  /** The completion's status. */
  status: HresultView | null;
  latencyMs: number | null;
  late: boolean;
  precondition: 'session-not-open' | 'session-already-open' | null;
}

export function hresultView(value: number): HresultView {
  const d = decodeHresult(value);
  return { hex: d.hex, name: d.name, meaning: d.meaning, succeeded: d.succeeded };
}

export function toRequestView(request: Readonly<TrackedRequest>): RequestView {
  return {
    ref: request.ref,
    op: request.op,
    interfaceId: request.interfaceId,
    serviceId: request.serviceId,
    serviceName: request.serviceName,
    state: request.state,
    requestId: request.requestId,
    hresult: request.hresult === null ? null : hresultView(request.hresult),
    status: request.status === null ? null : hresultView(request.status),
    latencyMs: request.latencyMs,
    late: request.late,
    precondition: request.precondition ?? null,
  };
}
