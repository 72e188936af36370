/**
 * A manual clock whose wall time can be set back or on while its monotonic time goes on, as a
 * time sync (or a technician) sets a machine's clock: for the tests of a log in which the same
 * minute comes twice.
 */
import { ManualClock, type Clock } from '../../electron/core/clock.js';

export function steppingClock(startWallMs: number): {
  clock: Clock;
  manual: ManualClock;
  /** Moves the wall clock by `ms` (negative: back), the monotonic clock unmoved. */
  step: (ms: number) => void;
} {
  const manual = new ManualClock(startWallMs);
  let offset = 0;
  const clock: Clock = {
    monoNow: () => manual.monoNow(),
    wallNow: () => manual.wallNow() + offset,
    timeZone: () => manual.timeZone(),
    setTimer: (callback, delayMs) => manual.setTimer(callback, delayMs),
  };
  return { clock, manual, step: (ms) => (offset += ms) };
}
