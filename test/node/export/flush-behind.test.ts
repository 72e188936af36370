/**
 * A long export flushes what it has written to disk while it goes on writing (AtomicFile's flush
 * behind), so the commit's flush has little left. Such a flush can fail (the disk went away, a
 * write error the system met later): the export must then fail and say so, as it would have at
 * the commit, and leave no file, never a destination the disk did not keep.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AtomicFile } from '../../../electron/core/export/atomic-file.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

const MIB = 1 << 20;

/** FileHandle's prototype, whose datasync the flush behind calls. */
async function handlePrototype(dir: string): Promise<FileHandle> {
  const handle = await open(join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as FileHandle;
}

/** 80 MiB, a MiB at a time, each MiB filled with its own number. */
async function writeMany(file: AtomicFile): Promise<void> {
  for (let n = 0; n < 80; n++) await file.write(Buffer.alloc(MIB, n));
}

describe('flushing behind a long write', () => {
  it('flushes while writing, and the file holds every byte in order', async () => {
    const dir = tempDir();
    const datasync = vi.spyOn(await handlePrototype(dir), 'datasync');
    const out = join(dir, 'long.jsonl');
    const file = await AtomicFile.create(out);
    await writeMany(file);
    await file.commit();
    expect(datasync).toHaveBeenCalled();
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(80 * MIB);
    for (let n = 0; n < 80; n++) expect(bytes[n * MIB + MIB - 1]).toBe(n);
  });

  it('fails the commit when a flush behind failed, and leaves no file', async () => {
    const dir = tempDir();
    vi.spyOn(await handlePrototype(dir), 'datasync').mockRejectedValue(
      Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }),
    );
    const out = join(dir, 'long.jsonl');
    const file = await AtomicFile.create(out);
    await writeMany(file);
    const error = await file.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).message).toContain('Nothing was saved.');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name !== 'probe')).toEqual([]);
  });
});
