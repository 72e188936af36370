/**
 * An export writes behind its formatting: several chunks in flight at once (AtomicFile's
 * writeBehind), and what is written flushed to disk while it goes on (its flush behind), so the
 * commit's flush has little left. Writes may finish in any order, and the formatter fills its
 * buffers again once written: every byte must still land in its place, none overwritten while it
 * waits. A flush can fail (the disk went away, a write error the system met later): the export
 * must then fail and say so, as it would have at the commit, and leave no file, never a
 * destination the disk did not keep.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AtomicFile } from '../../../electron/core/export/atomic-file.js';
import { ExportError } from '../../../electron/core/export/export-error.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { APP, NOW, exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { savedLogWith } from './support/fast-vs-full.js';
import { makeSampleRun } from './support/sample-log.js';

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

/** Writes that each wait before they start, the first longest: they finish out of order. */
function slowWrites(prototype: FileHandle): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with each handle below
  const real = prototype.writev;
  let calls = 0;
  vi.spyOn(prototype, 'writev').mockImplementation(async function (
    this: FileHandle,
    ...args: Parameters<FileHandle['writev']>
  ) {
    const wait = [25, 8, 0][calls++ % 3] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return real.apply(this, args);
  });
}

describe('writing behind the formatting', () => {
  it('lands every chunk in its place when writes finish out of order', async () => {
    const dir = tempDir();
    slowWrites(await handlePrototype(dir));
    const out = join(dir, 'chunks.jsonl');
    const file = await AtomicFile.create(out);
    for (let n = 0; n < 12; n++) await file.writeBehind([Buffer.alloc(64 * 1024, n)]);
    await file.commit();
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(12 * 64 * 1024);
    for (let n = 0; n < 12; n++) expect(bytes[n * 64 * 1024 + 100]).toBe(n);
  });

  it('never fills a buffer again while its write waits: the export is the same as with a fast disk', async () => {
    const sample = (await readAll(await makeSampleRun(tempDir()))).records;
    // Several MiB, so that the formatter fills its buffers again many times.
    const records: JournalRecord[] = Array.from({ length: 30_000 }, (_, i) => ({
      ...(sample[i % sample.length] as JournalRecord),
      seq: i + 1,
    }));
    const dir = tempDir();
    await exportRecords(records, 'jsonl', join(dir, 'fast.jsonl'));
    slowWrites(await handlePrototype(dir));
    await exportRecords(records, 'jsonl', join(dir, 'slow.jsonl'));
    const fast = readFileSync(join(dir, 'fast.jsonl'));
    expect(fast.length).toBeGreaterThan(4 << 20);
    expect(readFileSync(join(dir, 'slow.jsonl')).equals(fast)).toBe(true);
  });
});

describe('a saved log written from the memory it was read into', () => {
  // Runs of clean lines are written straight from the chunks the log was read into, which the
  // reader fills again once written (TextBuffer.pushKeptLine): a chunk filled again while its
  // write still waited would put a later part of the log in an earlier place.
  it('exports the same with a slow disk as with a fast one, and the log as it was', async () => {
    // Lines of the kinds that pass, 12 MB: long runs, in many more chunks than are held at once.
    const saved = savedLogWith([], 10_000, 0);
    const dir = tempDir();
    const again = (name: string) =>
      exportFromPath({
        source: saved,
        format: 'jsonl',
        destination: join(dir, name),
        app: APP,
        now: NOW,
        redact: false,
      });
    await again('fast.jsonl');
    slowWrites(await handlePrototype(dir));
    await again('slow.jsonl');
    const fast = readFileSync(join(dir, 'fast.jsonl'));
    expect(fast.length).toBeGreaterThan(8 << 20);
    expect(readFileSync(join(dir, 'slow.jsonl')).equals(fast)).toBe(true);
    // Past the export's own header line, the saved log's lines as they were.
    expect(fast.subarray(fast.indexOf(10) + 1).equals(readFileSync(saved))).toBe(true);
  }, 60_000);
});

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
