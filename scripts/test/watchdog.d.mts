// Types for watchdog.mjs, for its test (test/node/scripts/watchdog.test.ts).
import type { ChildProcess } from 'node:child_process';

export interface Stall {
  why: string;
  /** The files and tests that started and did not end, with how long ago. */
  running: string[];
  /** ps's lines for the run's processes, its header first. */
  processes: string[];
  /** Every file that started had ended: vitest itself did not exit. */
  exitOnly: boolean;
  outcomes: { passed: number; failed: number; skipped: number; failedNames: string[] };
}

export function watchProgress(
  child: ChildProcess,
  progressFile: string,
  onStall: (stall: Stall) => void,
): () => void;

export function killBelow(pid: number): void;
