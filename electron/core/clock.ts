/**
 * Time, injected so that the tracker, journal and simulator can be driven deterministically in
 * tests. Latencies use the monotonic clock only: wall-clock time can jump (NTP, the technician
 * changing the time zone) and would turn latencies negative.
 */
import { localTimeZone, type TimeZone } from '../../shared/journal/time-zone.js';

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Monotonic milliseconds (fractional), arbitrary origin. */
  monoNow(): number;
  /** Wall-clock milliseconds since the epoch. */
  wallNow(): number;
  /** The time zone the machine's clock is set to, and its offset at wall-clock time `wallMs`. */
  timeZone(wallMs: number): TimeZone;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
}

export const systemClock: Clock = {
  monoNow: () => performance.now(),
  wallNow: () => Date.now(),
  timeZone: localTimeZone,
  setTimer(callback, delayMs) {
    // Referenced on purpose: a pending completion or timeout is a reason to stay alive (the CLI
    // waiting for a completion relies on it). close() on the engine cancels them all.
    const handle = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A clock that only moves when told to; for deterministic tests and simulations. */
export class ManualClock implements Clock {
  private mono = 0;
  private wall: number;
  private timers: { at: number; seq: number; callback: () => void; cancelled: boolean }[] = [];
  private seq = 0;

  constructor(
    startWallMs = Date.UTC(2026, 10, 23, 9, 0, 0),
    /** The zone it says it is set to, whatever the machine running the test is. */
    private readonly zone: TimeZone = { name: 'UTC', utcOffsetMinutes: 0 },
  ) {
    this.wall = startWallMs;
  }

  monoNow(): number {
    return this.mono;
  }

  wallNow(): number {
    return this.wall + this.mono;
  }

  timeZone(): TimeZone {
    return { ...this.zone };
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer = {
      at: this.mono + Math.max(0, delayMs),
      seq: this.seq++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.mono + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.mono = due.at;
      due.callback();
    }
    this.mono = target;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
