/** Words for the model's codes. Typed as complete records, so a new kind cannot go unlabelled. */
import type { ReadyState, SessionState } from '../../shared/model';
import type { BackendInfo, LogOutcome } from '../../electron/ipc/contract';
import { REQUEST_OUTCOMES } from '../../shared/request/outcome';
import {
  outcomeOptionLabel,
  recordOutcomeLabel,
  type OutcomeReading,
} from '../../shared/request/words';

/** A service its device no longer lists (after an outage), wherever the window names one. */
export const NO_LONGER_LISTED = 'No longer listed';

/**
 * What the live session's devices are, by the backend that lists them: on Linux the MBIM backend
 * talks to the modem itself, and said "through the Windows MBN service" to a technician at a
 * Linux laptop. Said of the live session: the header stays above a saved log, whose own banner
 * says what recorded it, and "Simulated devices" over a customer's real log read as about it.
 */
export const BACKEND_HEADLINES: Record<BackendInfo['kind'], string> = {
  simulator: 'Live session: simulated devices, not real modems.',
  mbn: 'Live session: real devices through the Windows MBN service.',
  mbim: 'Live session: a real modem, through MBIM (its control device, or mbim-proxy).',
};

export const SESSION_LABELS: Record<SessionState, string> = {
  unknown: 'Unknown',
  closed: 'Closed',
  opening: 'Opening…',
  open: 'Open',
  closing: 'Closing…',
};

/** A log row's outcome in the shared words (the same as the report's, the CSV's and the CLI's). */
export const OUTCOME_LABELS: Record<LogOutcome, string> = Object.fromEntries(
  [...REQUEST_OUTCOMES, 'unmatched' as const].map((o) => [o, recordOutcomeLabel(o)]),
) as Record<LogOutcome, string>;

/** An outcome filter's options, each named for what it lists when read this way (shared words). */
export function outcomeOptions(reading: OutcomeReading): { outcome: LogOutcome; label: string }[] {
  return [...REQUEST_OUTCOMES, 'unmatched' as const].map((outcome) => ({
    outcome,
    label: outcomeOptionLabel(outcome, reading),
  }));
}

export const READY_LABELS: Record<ReadyState, string> = {
  off: 'Radio off',
  initialized: 'Ready',
  'sim-not-inserted': 'No SIM',
  'bad-sim': 'Bad SIM',
  failure: 'Failure',
  'not-activated': 'Not activated',
  'device-locked': 'Locked (PIN)',
  'device-blocked': 'Blocked (PUK)',
  'no-esim-profile': 'No eSIM profile',
  probing: 'Probing…',
  unknown: 'Unknown',
};

/** A service's data path, as its row says it. */
export function dataSupport(read: boolean, write: boolean): string {
  if (read && write) return 'Read & write';
  if (read) return 'Read only';
  if (write) return 'Write only';
  // Not a missing value: the service reports neither direction (no data path at all).
  return 'No data path';
}
