/**
 * What the technician reads when the MBN service holds a call past the call limit and the backend
 * leaves that connection for a new one. A request is named as every view names it (`requestName`:
 * "Close", its ID not known since the call never returned); the other calls by what they do.
 */
import type { RequestOp } from '../../../shared/model.js';
import { requestName } from '../../../shared/request/words.js';

/** The name of a call in these sentences: "Close", "Listing the devices". */
export type CallName = string;

export const LISTING_DEVICES: CallName = 'Listing the devices';
export const LISTING_SERVICES: CallName = 'Listing the services';
export const ASKING_DATA_SESSION: CallName = 'Asking whether the data session is open';
export const ASKING_COMMAND_SESSION: CallName = 'Asking whether the command session is open';

export function requestCall(op: RequestOp): CallName {
  return requestName({ op, requestId: null });
}

const SERVICE = 'the Windows Mobile Broadband service';

function notReturned(name: CallName, limitMs: number): string {
  return `${name}: ${SERVICE} has not returned from this call in ${limitMs / 1000} s and may be hung`;
}

/** The hung call's own failure, once the new connection subscribed (or is still trying to). */
export function hungAndReconnected(name: CallName, limitMs: number, subscribed: boolean): string {
  return subscribed
    ? `${notReturned(name, limitMs)}; mbn-diag stopped waiting and reconnected; later requests go through the new connection.`
    : `${notReturned(name, limitMs)}; mbn-diag stopped waiting and is reconnecting; later requests go through the new connection once it answers.`;
}

/** The hung call's failure once `limit` connections have been left: no new one is made. */
export function hungForGood(name: CallName, limitMs: number, limit: number): string {
  return `${notReturned(name, limitMs)}; mbn-diag stopped waiting. It has already left ${limit} connections behind in calls the service never returned from, and opens no more: later calls wait behind this one until it returns, or until mbn-diag is restarted.`;
}

/** A call queued on the connection that was left: it never reached the MBN service. */
export function leftBehind(name: CallName): string {
  return `${name} was not sent: it waited behind a call ${SERVICE} did not return from, and mbn-diag left that connection. Try again: later requests go through the new connection.`;
}

/** The backend-status record when the connection is left. */
export function leavingConnection(name: CallName, limitMs: number): string {
  return `${notReturned(name, limitMs)}. mbn-diag left that connection (its thread stays in the call; its MBN objects are released) and subscribes again on a new one; completions still due on the old connection will not arrive.`;
}

/** The backend-status record once the new connection is subscribed. */
export function reconnected(): string {
  return 'mbn-diag subscribed again on a new connection and listed the devices afresh; later requests go through it.';
}
