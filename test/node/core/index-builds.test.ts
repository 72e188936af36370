/**
 * Indexes built on both cores (index-builds.ts) must be the indexes one thread builds, whoever
 * built each file, and a helper that is gone must cost nothing but time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexBuilds, type BuildJob } from '../../../electron/core/index-builds.js';
import { extendIndex } from '../../../electron/core/journal-index-scan.js';
import { emptyFileIndex, type FileIndex } from '../../../electron/core/journal-index.js';
import { requestEntries } from '../../support/journal-traffic.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-index-builds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Six journal files of a few thousand records each (several buckets apiece). */
const jobs: BuildJob[] = Array.from({ length: 6 }, (_, f) => {
  const file = join(dir, `journal-${String(f + 1).padStart(6, '0')}.jsonl`);
  const lines: string[] = [];
  let seq = f * 100_000;
  for (let n = 1; n <= 1500; n++)
    for (const entry of requestEntries(n + f * 1500, { rareEvery: 700, failEvery: 13 }))
      lines.push(
        JSON.stringify({
          v: 2,
          seq: ++seq,
          time: new Date(Date.UTC(2026, 0, 5) + seq * 1000).toISOString(),
          mono: seq * 1000,
          ...entry,
        }),
      );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, base: emptyFileIndex(`journal-${String(f + 1)}.jsonl`) };
});

async function serially(): Promise<FileIndex[]> {
  const out: FileIndex[] = [];
  for (const job of jobs) out.push(await extendIndex(job.file, job.base));
  return out;
}

async function onBothCores(builds: IndexBuilds): Promise<{ indexes: FileIndex[]; here: number }> {
  let here = 0;
  const indexes: FileIndex[] = [];
  try {
    for (let i = 0; i < jobs.length; i++)
      indexes.push(
        await builds.index(i, (job) => {
          here += 1;
          return extendIndex(job.file, job.base);
        }),
      );
  } finally {
    builds.close();
  }
  return { indexes, here };
}

describe('indexes built on both cores', () => {
  it('are the indexes one thread builds, file by file', async () => {
    const builds = new IndexBuilds(jobs);
    expect(await builds.whenReady()).toBe(true);
    const { indexes } = await onBothCores(builds);
    expect(builds.byHelper).toBeGreaterThan(0);
    expect(indexes).toEqual(await serially());
    expect(indexes[0]?.buckets.length).toBeGreaterThan(1);
  });

  it('are all built on the calling thread when the helper is gone', async () => {
    const builds = new IndexBuilds(jobs);
    builds.close();
    const { indexes, here } = await onBothCores(builds);
    expect(here).toBe(jobs.length);
    expect(indexes).toEqual(await serially());
  });

  // A saved log's progress while it is indexed counts these (indexed-log.ts): counted only as the
  // files were reached in order, a week's log said "0%" for seconds while both threads built the
  // files after the one the caller waited for.
  it('tell each file as its index is done, whichever thread built it', async () => {
    const told: number[] = [];
    const builds = new IndexBuilds(jobs, undefined, (i) => told.push(i));
    expect(await builds.whenReady()).toBe(true);
    await onBothCores(builds);
    expect(builds.byHelper).toBeGreaterThan(0);
    expect([...told].sort()).toEqual(jobs.map((_, i) => i));
  });
});
