/**
 * How requests move a service's two session state machines, and which precondition a request
 * breaks when it is sent anyway. The tracker applies these; they are kept apart so the rules can
 * be read in one place.
 */
import type { Precondition } from '../../shared/journal/record.js';
import type { RequestOp, SessionState } from '../../shared/model.js';
import type { ServiceTrack, SessionKind } from './service-states.js';

export function restoreAfterFailure(before: SessionState, fallback: SessionState): SessionState {
  return moving(before) ? fallback : before;
}

export function moving(state: SessionState): boolean {
  return state === 'opening' || state === 'closing';
}

export function stateOf(track: ServiceTrack, session: SessionKind): SessionState {
  return session === 'data' ? track.state : track.commandState;
}

/**
 * How the ops that open and close a session move its state machine: while the request waits,
 * after it succeeds, and what a failure falls back to when the state before was itself moving.
 */
export const SESSION_MOVES: Partial<
  Record<
    RequestOp,
    { session: SessionKind; during: SessionState; after: SessionState; failed: SessionState }
  >
> = {
  open: { session: 'data', during: 'opening', after: 'open', failed: 'closed' },
  close: { session: 'data', during: 'closing', after: 'closed', failed: 'open' },
  'open-command-session': {
    session: 'command',
    during: 'opening',
    after: 'open',
    failed: 'closed',
  },
  'close-command-session': {
    session: 'command',
    during: 'closing',
    after: 'closed',
    failed: 'open',
  },
};

/**
 * The precondition a request breaks, from what is known of the session it acts on: the data
 * session for close and write, the command session for QUERY, SET and closing it. An unknown
 * state (MBIM cannot always say) is no broken precondition.
 */
export function brokenPrecondition(op: RequestOp, before: SessionState): Precondition | undefined {
  const known = before !== 'unknown';
  switch (op) {
    case 'open':
      return before === 'open' ? 'session-already-open' : undefined;
    case 'close':
    case 'write':
      return known && before !== 'open' ? 'session-not-open' : undefined;
    case 'open-command-session':
      return before === 'open' ? 'command-session-already-open' : undefined;
    case 'close-command-session':
    case 'query':
    case 'set':
      return known && before !== 'open' ? 'command-session-not-open' : undefined;
    case 'supported-commands':
      return undefined;
  }
}
