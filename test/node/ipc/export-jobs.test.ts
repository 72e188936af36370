/** Cancelling an export from the app: nothing is written, and the answer says it was cancelled. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportJobs } from '../../../electron/ipc/export-jobs.js';
import { IpcFailure } from '../../../electron/ipc/ipc-failure.js';

describe('export jobs', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a cancel while the save dialog is open writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-jobs-'));
    const destination = join(dir, 'out.jsonl');
    let choose: (path: string) => void = () => undefined;
    const jobs = new ExportJobs(
      {
        chooseExportPath: () => new Promise((resolve) => (choose = resolve)),
        chooseLogToOpen: () => Promise.resolve(null),
        choices: () => Promise.resolve({ picker: 'list', folder: dir ?? '', files: [] }),
      },
      () => undefined,
    );
    const running = jobs.run({
      exportId: 7,
      format: 'jsonl',
      redact: true,
      source: dir,
      beforeWrite: () => undefined,
      total: 0,
      deviceModels: () => Promise.resolve(['EM7565']),
      app: { name: 'mbn-diag', version: '0' },
    });
    // The dialog opens once the device models are known.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(jobs.cancel(7)).toBe(true);
    choose(destination);
    const failure = await running.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).ipc.code).toBe('export-cancelled');
    expect((failure as IpcFailure).ipc.message).toMatch(/Nothing was saved/);
    expect(existsSync(destination)).toBe(false);
    expect(jobs.cancel(7)).toBe(false);
  });
});
