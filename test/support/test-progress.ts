/**
 * Writes each test's start and end to the progress file the suite's watchdog reads
 * (scripts/test/watchdog.mjs), from inside the test's own process and synchronously: vitest's
 * own word of a test reaches its reporters in batches, and not at all from a worker whose thread
 * a test blocks, which is the case the watchdog is there to name. Off unless the watchdog asked.
 */
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, expect } from 'vitest';

const file = process.env.MBN_DIAG_TEST_PROGRESS;

if (file) {
  const write = (event: 'test' | 'done') => {
    const { testPath, currentTestName } = expect.getState();
    const name = `${testPath ?? '?'} > ${currentTestName ?? '?'}`;
    appendFileSync(file, `${JSON.stringify([Date.now(), event, name])}\n`);
  };
  beforeEach(() => write('test'));
  afterEach(() => write('done'));
}
