/**
 * Ctrl+C (or a SIGTERM, or a hang-up) while a command waits: for a completion, or for the backend to list its
 * devices and services. Left to Node's default, the signal killed the process at once: the
 * waiting line stayed on the terminal and the journal run got no end, so the app and `export`
 * read it as crashed. The wait listens for the signal instead and stops, so the command can close
 * its engine and journal as after any other ending. Only the first signal is heard: once it has
 * been, a second one finds no listener and ends the process the default way, for a technician
 * whose clean-up hangs (unless the clean-up listens for it itself, to cut itself short).
 */

import type { RequestRef } from '../../shared/journal/record.js';
import { CliError, EXIT } from './exit-codes.js';

/** What the wait was stopped by, with the shell's code for it (128 + signal number). */
export class Interrupted extends Error {
  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP',
    readonly exitCode: number,
  ) {
    super(`stopped by ${signal}`);
    this.name = 'Interrupted';
  }
}

export interface InterruptWatch {
  /** Rejects with Interrupted on the first signal; never resolves. */
  heard: Promise<never>;
  /** Stops listening (the wait ended on its own). */
  off: () => void;
}

export function watchInterrupt(): InterruptWatch {
  let off = (): void => undefined;
  const heard = new Promise<never>((_resolve, reject) => {
    // A hang-up too (an SSH connection dropped): killed outright, a watch's run got no end.
    const codes = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hungUp };
    const listeners = (Object.keys(codes) as (keyof typeof codes)[]).map((signal) => {
      const listener = (): void => {
        off();
        reject(new Interrupted(signal, codes[signal]));
      };
      process.once(signal, listener);
      return [signal, listener] as const;
    });
    off = () => {
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    };
  });
  // Nobody may be racing it when the signal comes (between two waits): not an unhandled error.
  heard.catch(() => undefined);
  return { heard, off };
}

/**
 * How a stop ends a command: exit 130 or 143, and one line that says what was stopped.
 * `waiting`: the request whose completion was being waited for, if one was.
 */
export class Stopped extends CliError {
  override name = 'Stopped';
  constructor(
    message: string,
    exitCode: number,
    readonly waiting?: RequestRef,
  ) {
    super(message, exitCode);
  }
}

/** The signal as the one line printed names it, from the stop or the interruption itself. */
export function signalName(by: { exitCode: number }): string {
  if (by.exitCode === EXIT.terminated) return 'SIGTERM';
  return by.exitCode === EXIT.hungUp ? 'SIGHUP' : 'Ctrl+C';
}

/**
 * `work`, unless Ctrl+C or SIGTERM comes first: then a Stopped (exit 130 or 143) that says what
 * was stopped, `doing` ("listing devices"), and `work` is left to the caller's clean-up (closing
 * the backend ends it).
 */
export async function unlessStopped<T>(work: Promise<T>, doing: string): Promise<T> {
  const interrupt = watchInterrupt();
  try {
    return await Promise.race([work, interrupt.heard]);
  } catch (error) {
    if (error instanceof Interrupted)
      throw new Stopped(`Stopped by ${signalName(error)} while ${doing}.`, error.exitCode);
    throw error;
  } finally {
    interrupt.off();
  }
}

/**
 * Ctrl+C (or a SIGTERM, or a SIGHUP) during a job that reads or writes a log (search, export): it aborts the
 * job's controller, so the job ends as a cancel does (nothing half-written is left), and the
 * command then exits with the shell's code for the signal, 130 or 143, as every other command
 * stopped by it does (a script cannot tell "cancelled" from "nothing found" by exit 1).
 */
export function cancelOnSignal(controller: AbortController): {
  /** The shell's code for the signal heard, if one was. */
  exitCode: () => number | undefined;
  /** Stops listening. */
  off: () => void;
} {
  let heard: number | undefined;
  // A dropped SSH connection hangs the command up: left to Node's default, that killed it on the
  // spot, and a --no-redact export's hidden partial file (raw IMSIs) stayed behind, as did a
  // bundle search's unpacked copy of its log.
  const codes = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hungUp };
  const listeners = Object.entries(codes).map(([signal, code]) => {
    const listener = (): void => {
      heard ??= code;
      controller.abort();
    };
    process.once(signal, listener);
    return [signal, listener] as const;
  });
  return {
    exitCode: () => heard,
    off: () => {
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    },
  };
}
