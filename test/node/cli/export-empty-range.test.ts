/**
 * An export of a range that holds nothing says the log's own first and last times (from its index):
 * "Nothing was logged from 2027-01-01 …: choose a range within the log's times" left them to guess.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';

/** A run logged on 2026-11-23 from 09:00:00 UTC (the sample's fixed clock), for seconds. */
let runDir: string;

beforeAll(async () => {
  runDir = await makeSampleRun(tempDir());
});
afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

async function exportRange(...range: string[]) {
  const out = join(tempDir(), 'range.jsonl');
  const run = await cliInProcess(['export', runDir, '--format', 'jsonl', '--out', out, ...range]);
  return { code: run.code, stderr: run.err, written: existsSync(out) };
}

describe('mbn-diag export of a range with nothing in it', () => {
  it("says the log's first and last times", async () => {
    const run = await exportRange('--from', '2027-01-01');
    expect(run.code).toBe(EXIT.usage);
    expect(run.written).toBe(false);
    expect(run.stderr).toMatch(
      /Nothing was logged from 2027-01-01 00:00:00\.000 Z on: choose a range within the log's times\. Nothing was saved\. The log's times run from 2026-11-23 09:00:0\d\.\d{3} Z to 2026-11-23 09:00:\d\d\.\d{3} Z\./,
    );
  });
});
