/**
 * A journal file opened alone that is one of its run's rotated files: journal-000005.jsonl of 21
 * showed "Whole log · 49,056 records", numbered from #1, with no word of the other 20 files. Main
 * answers which file of how many it is (as it opens it), and opens the whole run when
 * the window names the run's folder, which it may only for a journal file opened from it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { previewFiles } from '../../../electron/preview/preview-files.js';
import { writeRunFolder } from '../../support/run-folder.js';
import { openSaved } from './open-saved.js';
import { spyEngine } from './spy-engine.js';

describe('a journal file of a run, opened alone', () => {
  let dir: string | undefined;
  let host: IpcHost<string> | undefined;
  afterEach(() => {
    host?.dispose();
    host = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function setup() {
    dir = mkdtempSync(join(tmpdir(), 'ipc-run-part-'));
    const folder = join(dir, 'files');
    mkdirSync(folder);
    host = new IpcHost<string>({
      engine: spyEngine().engine,
      reason: 'test',
      timeoutMs: 1000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
      files: previewFiles(folder),
    });
    // 5 files of 10 records: the run holds 50.
    const run = writeRunFolder(join(dir, 'kiosk-run'), 5, 10);
    symlinkSync(join(run, 'journal-000004.jsonl'), join(folder, 'journal-000004.jsonl'));
    return { host, folder };
  }

  it('is said to be file 4 of 5 of its run, and its run folder opens the whole log', async () => {
    const { host } = setup();
    const file = await openSaved(host, 'journal-000004.jsonl');
    expect(file.count).toBe(10);
    expect(file.run).toEqual({ file: 4, of: 5, folder: 'kiosk-run' });
    const run = await openSaved(host, 'kiosk-run');
    expect(run.kind).toBe('run-directory');
    expect(run.count).toBe(50);
    expect(run.run).toBeUndefined();
  });

  it('is not said of a log that is a file on its own', async () => {
    const { host, folder } = setup();
    writeRunFolder(join(folder, 'single'), 1, 10);
    symlinkSync(join(folder, 'single', 'journal-000001.jsonl'), join(folder, 'alone.jsonl'));
    const file = await openSaved(host, 'alone.jsonl');
    expect(file.run).toBeUndefined();
  });
});
