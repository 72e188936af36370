/**
 * A saved log's index is built once and shared by its pages, jumps and searches. Opening another
 * log while the last one's is still being built stops that build: left to finish, a 3 GB log's
 * took a core from the new log's for about a minute.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorLog } from '../../support/error-log.js';
import { LogSearchJobs } from '../../../electron/ipc/log-search-jobs.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logOf(dir: string, name: string, count: number): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    errorLog(count, (n) => `entry ${String(n)}`, 'test'),
  );
  return file;
}

describe("a saved log's index", () => {
  it('stops being built when another log is opened, and the new one is built whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saved-index-switch-'));
    made.push(dir);
    const large = logOf(dir, 'large.jsonl', 200_000);
    const small = logOf(dir, 'small.jsonl', 3_000);
    const jobs = new LogSearchJobs({
      live: { runDir: dir, lastSeq: 0, firstSeq: 1, flush: () => undefined, readPage: () => [] },
      savedLog: () => ({ path: small, bundle: false }),
      onProgress: () => undefined,
    });
    const first = jobs.indexOfSaved(large);
    const settled = first.then(
      () => 'built',
      (error: unknown) => (error instanceof Error ? error.name : 'failed'),
    );
    const second = await jobs.indexOfSaved(small);
    expect(second.total).toBe(3_000);
    expect(await settled).toBe('AbortError');
    await jobs.dispose();
  });
});
