/**
 * Which session each call of IMbnDeviceService needs open before it is sent: CloseDataSession and
 * WriteData the data session; QueryCommand and SetCommand the command session (documented), and
 * CloseCommandSession too (by analogy with CloseDataSession). The tracker's preconditions, the
 * simulator, the MBIM backend and the advice on what to try next all read this one table.
 */
import type { RequestOp } from '../model.js';

const NEEDS_OPEN: Record<RequestOp, 'data' | 'command' | null> = {
  open: null,
  close: 'data',
  write: 'data',
  'supported-commands': null,
  'open-command-session': null,
  'close-command-session': 'command',
  query: 'command',
  set: 'command',
};

export function needsOpenSession(op: RequestOp): 'data' | 'command' | null {
  return NEEDS_OPEN[op];
}

/** The session a call opens: sending it while that session is already open breaks a precondition. */
export function opensSession(op: RequestOp): 'data' | 'command' | null {
  if (op === 'open') return 'data';
  if (op === 'open-command-session') return 'command';
  return null;
}
