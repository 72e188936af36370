/**
 * Reads journal format 1 as format 2. Version 1 records did not carry the request's outcome; it is
 * worked out here, once, from what each v1 record said (the call's `state`, the completion's
 * `match` and status), so old logs open, show and export exactly as new ones. Every v1 record can
 * be upgraded on its own but one: a call that threw, which v1 wrote as an error naming only the
 * request's ref, takes its service from the request record met earlier in the same log.
 */
import { decodeHresult, parseHresult } from '../../shared/hresult.js';
import type { RequestOutcome } from '../../shared/request/outcome.js';

type Loose = Record<string, unknown>;

const V1_RETURN_STATES: Record<string, RequestOutcome> = {
  pending: 'waiting',
  rejected: 'refused',
  succeeded: 'succeeded',
  failed: 'failed',
};

/** v1 recorded a call that threw as an error whose context ended with the request: "(r12)". */
const V1_CALL_CONTEXT = /^(open|close|write) (.*) \((r\d+)\)$/;

const REMEMBERED = 10_000;

/** One per log being read: the services of recent v1 requests, by ref. */
export class V1Upgrader {
  private readonly services = new Map<unknown, Loose>();

  /** Returns the record in format 2 (a new object), or `undefined` when `value` is not v1. */
  upgrade(value: Loose): Loose | undefined {
    if (value.v !== 1) return undefined;
    if (value.kind === 'run-start') this.services.clear();
    if (value.kind === 'request') {
      this.services.set(value.ref, {
        interfaceId: value.interfaceId,
        serviceId: value.serviceId,
        serviceName: value.serviceName,
      });
      if (this.services.size > REMEMBERED) this.services.delete(this.services.keys().next().value);
    }
    const out = upgradeV1(value);
    if (out?.kind === 'call-failed') Object.assign(out, this.services.get(out.ref));
    return out;
  }
}

function upgradeV1(value: Loose): Loose | undefined {
  if (value.v !== 1) return undefined;
  const out: Loose = { ...value, v: 2 };
  switch (value.kind) {
    case 'request':
      out.outcome = 'sending';
      break;
    case 'request-returned': {
      const state = typeof value.state === 'string' ? V1_RETURN_STATES[value.state] : undefined;
      if (state) out.outcome = state;
      delete out.state;
      break;
    }
    case 'completion':
      out.outcome = v1CompletionOutcome(value);
      break;
    case 'overdue':
      out.outcome = 'overdue';
      break;
    case 'abandoned':
      out.outcome = 'abandoned';
      break;
    case 'error': {
      const call = typeof value.context === 'string' ? V1_CALL_CONTEXT.exec(value.context) : null;
      if (!call) break;
      // The service's IDs were not in a v1 error: the upgrader fills them in from the request.
      return {
        v: 2,
        seq: value.seq,
        time: value.time,
        mono: value.mono,
        kind: 'call-failed',
        ref: call[3],
        op: call[1],
        interfaceId: '',
        serviceId: '',
        serviceName: call[2],
        outcome: 'call-failed',
        message: value.message,
      };
    }
    default:
      break;
  }
  return out;
}

function v1CompletionOutcome(value: Loose): RequestOutcome | null {
  switch (value.match) {
    case 'late':
      return 'late';
    case 'matched':
    case 'before-return': {
      const status = typeof value.status === 'string' ? parseHresult(value.status) : undefined;
      return status !== undefined && decodeHresult(status).succeeded ? 'succeeded' : 'failed';
    }
    default:
      return null;
  }
}
