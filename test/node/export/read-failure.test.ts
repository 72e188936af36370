/**
 * A log read from a drive that goes away mid-export (a USB stick pulled out, a share dropped): the
 * export must say the rest could not be read, as it does for any read that fails, and never end
 * the process. The reading runs ahead of the writing (log-parts.ts, certified-read.ts), so the read
 * that fails is one nobody awaits yet: left unwatched, Node took its failure for an unhandled
 * rejection, which ends a Node process (the CLI) before the export can say anything.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  certifiedBuckets,
  certifiedRecords,
} from '../../../electron/core/export/certified-read.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { newReadState } from '../../../electron/core/export/line-records.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { resetOwnFolders } from '../../../electron/core/own-folders.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';
import { lineHead, SERVICE, savedLogWith } from './support/fast-vs-full.js';
import { writeOwnRun } from './support/own-run.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
  resetOwnFolders();
});

/**
 * Every read of a file handle after the first `good` fails, a little later, as on a drive gone
 * away; and every write takes a while, as to a slow stick: so the read ahead fails while the
 * export is waiting on a write, not on it.
 */
async function failReadsAfter(good: number): Promise<void> {
  const probe = await open(import.meta.filename, 'r');
  const prototype = Object.getPrototypeOf(probe) as {
    read: (...args: unknown[]) => Promise<unknown>;
    writev: (...args: unknown[]) => Promise<unknown>;
  };
  await probe.close();
  const { read, writev } = prototype;
  let reads = 0;
  vi.spyOn(prototype, 'read').mockImplementation(function (this: unknown, ...args: unknown[]) {
    reads += 1;
    if (reads <= good) return read.apply(this, args);
    return new Promise((_, reject) =>
      setTimeout(
        () => reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })),
        5,
      ),
    );
  });
  vi.spyOn(prototype, 'writev').mockImplementation(async function (this: unknown, ...args) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return writev.apply(this, args);
  });
}

/** Exports `source` as JSON Lines while reads fail, with the unhandled rejections seen meanwhile. */
async function exportWhileReadsFail(source: string, good: number) {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await failReadsAfter(good);
    const result = await exportFromPath({
      source,
      format: 'jsonl',
      destination: join(tempDir('mbn-read-failure-'), 'out.jsonl'),
      app: APP,
      redact: true,
    });
    vi.restoreAllMocks();
    // An unhandled rejection is told after the microtasks of the turn it happened in.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, unhandled };
  } finally {
    process.off('unhandledRejection', listener);
  }
}

describe('a read that fails mid-export', () => {
  it('of a saved log: the export says the rest could not be read', async () => {
    // About 6 MB: several chunks, so a read ahead is in flight while one is written.
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++)
      lines.push(
        `${lineHead(500_000 + i)},"kind":"session-state",${SERVICE},"from":"open","to":"closing"}`,
      );
    const { result, unhandled } = await exportWhileReadsFail(savedLogWith(lines), 2);
    expect(unhandled).toEqual([]);
    expect(result.problems.map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(/the rest could not be read: EIO/),
    );
    expect(result.records).toBeGreaterThan(0);
  }, 60_000);

  it("of the app's own journal, read bucket by bucket: the failure reaches the reader", async () => {
    // One file of several buckets, each read while its reader is busy with the one before (here,
    // waiting as on a write; the export's batches happen to ask again sooner).
    const { run } = writeOwnRun(undefined, 0, 64 * 1024 * 1024);
    const [file] = listJournalFiles(run);
    const buckets = file ? certifiedBuckets(file) : undefined;
    expect(buckets?.length).toBeGreaterThan(2);
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await failReadsAfter(1);
      const reading = certifiedRecords(
        file ?? '',
        buckets ?? [],
        { offset: 0, line: 0 },
        'f',
        newReadState(),
        undefined,
      );
      let batches = 0;
      await expect(
        (async () => {
          for await (const batch of reading) {
            batches += batch.length > 0 ? 1 : 0;
            await new Promise((resolve) => setTimeout(resolve, 30));
          }
        })(),
      ).rejects.toThrow(/EIO/);
      expect(batches).toBeGreaterThan(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  }, 60_000);
});
