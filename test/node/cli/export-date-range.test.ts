/**
 * `mbn-diag export --from/--to` with a date alone: `--from 2026-01-08` said "not a time". A date is
 * a whole UTC day: --from from its start, --to to its end (the day included).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';

/** A run logged on 2026-11-23 from 09:00 UTC (the sample's fixed clock). */
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
  return { code: run.code, stdout: run.out, stderr: run.err, written: existsSync(out) };
}

describe('mbn-diag export --from/--to with a date alone', () => {
  it('--from a date: from the start of that day', async () => {
    const run = await exportRange('--from', '2026-11-23');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/ records from 2026-11-23 00:00:00\.000 Z on, /);
  });

  it('--to a date: to the end of that day, the day included', async () => {
    const day = await exportRange('--from', '2026-11-23', '--to', '2026-11-23');
    expect(day.code).toBe(EXIT.ok);
    expect(day.stdout).toMatch(
      / records from 2026-11-23 00:00:00\.000 Z to 2026-11-24 00:00:00\.000 Z, /,
    );
    const before = await exportRange('--to', '2026-11-22');
    expect(before.code).toBe(EXIT.usage);
    expect(before.stderr).toContain(
      'Nothing was logged from the start to 2026-11-23 00:00:00.000 Z',
    );
    expect(before.written).toBe(false);
  });

  it('refuses a date there is not, saying a date alone is taken', async () => {
    const run = await exportRange('--from', '2026-02-30');
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--from “2026-02-30” is not a time: ');
    expect(run.stderr).toContain('or a date alone (2026-01-05)');
  });
});
