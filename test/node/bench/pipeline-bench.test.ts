/**
 * The pipeline benchmark (`npm run bench -- pipeline`) starts and prints its figures. It drives the
 * engine through the simulator, so a change to either can leave it unable to start, and no other
 * suite runs it: it once failed at its first event for a whole session, unnoticed. Run here at a
 * tiny size; the figures themselves are only printed, never judged by a test.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('../../../bench/pipeline.ts', import.meta.url));

describe('the pipeline benchmark', () => {
  it('runs to its end and prints the pipeline beside its raw baseline, and the memory run', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', BENCH], {
      encoding: 'utf8',
      env: {
        ...process.env,
        MBN_BENCH_EVENTS: '20000',
        MBN_BENCH_SLICE: '10000',
        MBN_BENCH_MEMORY_EVENTS: '20000',
      },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/events\/s through the pipeline : [\d,]+/);
    expect(run.stdout).toMatch(/pipeline \/ baseline\s+: \d+ %/);
    expect(run.stdout).toMatch(/heap after GC across 20,000 events/);
  });
});
