/**
 * The MBIM backend's requests in flight, by the transaction ID their COMMAND went out with: the
 * request IDs it hands out (MBIM has none of its own), and the completion each COMMAND_DONE or
 * FUNCTION_ERROR answers. Kept after they are answered (up to a bound), so a late or duplicate
 * answer is still recognised as one.
 */
import { mbimProtocolErrorToHresult, mbimStatusToHresult } from '../../../shared/mbim-status.js';
import type { BackendEvent, InterfaceId, RequestOp } from '../../../shared/model.js';
import type { MbimMessage } from './message.js';

/** Answers remembered after they came, so a duplicate is still recognised as one. */
const REMEMBERED = 1024;

interface Pending {
  requestId: number;
  op: RequestOp;
  serviceId: string;
}

interface Remembered extends Pending {
  /**
   * Answered by the modem (a later answer is a duplicate), or completed here because its MBIM
   * session ended before it was answered (a later answer is none of the request's: dropped).
   */
  state: 'waiting' | 'answered' | 'abandoned';
}

/** MBIM_PROTOCOL_ERROR_NOT_OPENED: what a request in flight met when its MBIM session ended. */
const PROTOCOL_ERROR_NOT_OPENED = 5;

export interface Answered {
  completion: Extract<BackendEvent, { type: 'completion' }>;
  /** A data session the answer opened (true) or closed (false). */
  dataSessionOpen?: boolean;
}

export class MbimRequests {
  private readonly pending = new Map<number, Remembered>();
  private nextRequestId = 1;

  /** A new request ID: 1 to 0xFFFFFFFF, then round again (0 means "no request"). */
  take(): number {
    const requestId = this.nextRequestId;
    this.nextRequestId = this.nextRequestId >= 0xffffffff ? 1 : this.nextRequestId + 1;
    return requestId;
  }

  remember(tid: number, pending: Pending): void {
    this.pending.set(tid, { ...pending, state: 'waiting' });
    if (this.pending.size > REMEMBERED) {
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.pending.delete(oldest.value);
    }
  }

  /** The request ID a transaction carries, for the message's journal record. */
  requestIdOf(tid: number): number | null {
    return this.pending.get(tid)?.requestId ?? null;
  }

  /** The completion a COMMAND_DONE or FUNCTION_ERROR answers; undefined when none waits for it. */
  answered(
    message: Extract<MbimMessage, { type: 'command-done' | 'function-error' }>,
    interfaceId: InterfaceId,
  ): Answered | undefined {
    const pending = this.pending.get(message.tid);
    if (!pending || pending.state === 'abandoned') return undefined;
    pending.state = 'answered';
    const success = message.type === 'command-done' && message.status === 0;
    const status =
      message.type === 'command-done'
        ? mbimStatusToHresult(message.status)
        : mbimProtocolErrorToHresult(message.error);
    // As in the MBN API, a response's data is valid only on success; a failed answer's bytes, if
    // any, stay in its mbim-message record.
    const response =
      success && (pending.op === 'query' || pending.op === 'set')
        ? { response: { responseId: message.cid, data: message.payload } }
        : {};
    return {
      completion: completion(pending, interfaceId, status, response),
      ...(success && (pending.op === 'open' || pending.op === 'close')
        ? { dataSessionOpen: pending.op === 'open' }
        : {}),
    };
  }

  /**
   * The MBIM session the requests in flight went out in has ended (the modem answered NOT_OPENED
   * and a new session replaces it): none of them will be answered, so each completes now with
   * MBIM_PROTOCOL_ERROR_NOT_OPENED, the cause, rather than going overdue without one.
   */
  abandonAll(interfaceId: InterfaceId): Extract<BackendEvent, { type: 'completion' }>[] {
    const status = mbimProtocolErrorToHresult(PROTOCOL_ERROR_NOT_OPENED);
    const completions = [];
    for (const pending of this.pending.values()) {
      if (pending.state !== 'waiting') continue;
      pending.state = 'abandoned';
      completions.push(completion(pending, interfaceId, status, {}));
    }
    return completions;
  }
}

function completion(
  pending: Pending,
  interfaceId: InterfaceId,
  status: number,
  response: { response?: { responseId: number; data: Uint8Array } },
): Extract<BackendEvent, { type: 'completion' }> {
  return {
    type: 'completion',
    op: pending.op,
    interfaceId,
    serviceId: pending.serviceId,
    status,
    requestId: pending.requestId,
    ...response,
  };
}
