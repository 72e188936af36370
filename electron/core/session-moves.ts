/**
 * How requests move a service's two session state machines, and which precondition a request
 * breaks when it is sent anyway. The tracker applies these; they are kept apart so the rules can
 * be read in one place.
 */
import type { Precondition } from '../../shared/journal/record.js';
import type { RequestOp, SessionState } from '../../shared/model.js';
import { needsOpenSession, opensSession } from '../../shared/request/sessions.js';
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
 * The precondition a request breaks, from what is known of the session it acts on (see
 * shared/request/sessions.ts). Opening a session that is already open breaks one too. An unknown
 * state (MBIM cannot always say) is no broken precondition.
 */
export function brokenPrecondition(op: RequestOp, before: SessionState): Precondition | undefined {
  const opens = opensSession(op);
  if (opens !== null && before === 'open')
    return opens === 'data' ? 'session-already-open' : 'command-session-already-open';
  const needed = needsOpenSession(op);
  if (needed === null || before === 'unknown' || before === 'open') return undefined;
  return needed === 'data' ? 'session-not-open' : 'command-session-not-open';
}
