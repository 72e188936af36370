/**
 * A bundle's log is copied out to the temporary folder to be searched. Deflate packs a log of one
 * repeated line about a thousand to one, so a bundle of a few MB could fill the disk: the copy is
 * refused, before anything is written, when the log would not fit in the free space.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyBundleLog } from '../../../electron/core/bundle-log-copy.js';
import { LogOpenError } from '../../../electron/core/export/log-location.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from '../export/support/helpers.js';
import { HAS_PROC_FD, handlesOn } from '../../support/open-handles.js';

afterAll(removeTempDirs);

const records: JournalRecord[] = Array.from({ length: 50 }, (_, i) => ({
  v: 2,
  seq: i + 1,
  time: '2026-11-29T14:00:00.000Z',
  mono: i,
  kind: 'error',
  message: `message ${String(i + 1)}`,
  context: 'test',
}));

async function bundle(): Promise<string> {
  const out = join(tempDir(), 'bundle.zip');
  await exportRecords(records, 'zip', out, { redact: false });
  return out;
}

describe("copying a bundle's log out to search it", () => {
  it('is refused, saying why, when the log would not fit in the free space', async () => {
    const zip = await bundle();
    const copying = copyBundleLog(zip, undefined, () => Promise.resolve(1024 * 1024));
    await expect(copying).rejects.toBeInstanceOf(LogOpenError);
    await expect(copying).rejects.toThrow(/bundle\.zip holds a log of .* GB unpacked, and .* free/);
  });

  // Each search of a bundle tries the copy again: each failure held the bundle open for as long
  // as the app ran, and on Windows a file held open cannot be moved or deleted.
  it.skipIf(!HAS_PROC_FD)(
    'lets go of the bundle when there is nowhere to copy its log to',
    async () => {
      const zip = await bundle();
      const before = process.env.TMPDIR;
      process.env.TMPDIR = join(tempDir(), 'gone');
      try {
        await expect(copyBundleLog(zip)).rejects.toThrow(/ENOENT/);
      } finally {
        if (before === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = before;
      }
      await expect.poll(() => handlesOn(zip)).toBe(0);
    },
  );

  it('copies the log whole when there is room', async () => {
    const copy = await copyBundleLog(await bundle());
    try {
      const lines = readFileSync(copy.path, 'utf8').trimEnd().split('\n');
      expect(lines.filter((l) => l.includes('"kind":"error"'))).toHaveLength(50);
    } finally {
      await copy.remove();
    }
  });

  it('removes the copies a search left when its process died, and no live one', async () => {
    // A crash or kill -9 left each copy (a whole log, maybe gigabytes) in the temporary folder.
    const dead = join(tmpdir(), 'mbn-diag-bundle-4194305-aB3dE9');
    const live = join(tmpdir(), `mbn-diag-bundle-${String(process.ppid)}-aB3dE9`);
    for (const dir of [dead, live]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'log.jsonl'), '{}\n');
    }
    try {
      const copy = await copyBundleLog(await bundle());
      await copy.remove();
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      for (const dir of [dead, live]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
