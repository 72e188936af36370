/**
 * How long each fuzz property may run. The fuzz suite is part of the ordinary unit run, so each
 * property stops at whichever comes first, its run count or its time budget (an interrupted run
 * still passes: the budget is a bound, not a failure). A counterexample is printed with the seed
 * that reproduces it; FUZZ_SEED=<seed> replays that run.
 */
import fc, { type Parameters } from 'fast-check';

export function budget<T>(numRuns: number, ms = 3000): Parameters<T> {
  const seed = process.env.FUZZ_SEED;
  return {
    numRuns,
    plugins: [fc.interruptAfterTimeLimit(ms)],
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
  };
}
