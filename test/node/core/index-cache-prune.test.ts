/**
 * The index cache keeps the indexes of logs from elsewhere; nothing else removes them, so the
 * oldest go once the cache holds more than its limit (index-cache-prune.ts). A support engineer
 * searching ticket after ticket for a year must not find the app's folder grown by gigabytes.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneIndexCache } from '../../../electron/core/index-cache-prune.js';
import { searchLog } from '../../../electron/core/log-search.js';
import { resetOwnFolders, setOwnFolders } from '../../../electron/core/own-folders.js';
import { makeSampleRun } from '../export/support/sample-log.js';

const KB = 1024;
const DAY_S = 24 * 3600;
const dirs: string[] = [];
const temp = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `mbn-cache-${name}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  resetOwnFolders();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An index of `bytes` in `dir`, last written `daysAgo`. */
function cached(dir: string, name: string, bytes: number, daysAgo: number): string {
  const path = join(dir, name);
  writeFileSync(path, 'x'.repeat(bytes));
  const when = Date.now() / 1000 - daysAgo * DAY_S;
  utimesSync(path, when, when);
  return path;
}

describe('the index cache', () => {
  it('loses its oldest indexes while it holds more than its limit, never the one just saved', () => {
    const dir = temp('dir');
    cached(dir, 'a.mbnidx', 40 * KB, 30);
    cached(dir, 'b.mbnidx', 40 * KB, 20);
    cached(dir, 'c.mbnidx', 40 * KB, 10);
    const keep = cached(dir, 'd.mbnidx', 40 * KB, 40);
    // Not an index: a save under way, say.
    cached(dir, 'e.mbnidx.123-abcd.tmp', 400 * KB, 50);
    const removed = pruneIndexCache(dir, keep, 100 * KB);
    expect(removed.map((p) => p.split('/').at(-1))).toEqual(['a.mbnidx', 'b.mbnidx']);
    expect(readdirSync(dir).sort()).toEqual(['c.mbnidx', 'd.mbnidx', 'e.mbnidx.123-abcd.tmp']);
  });

  it('is pruned when a search saves the index of a log from elsewhere', async () => {
    const journal = temp('journal');
    const cache = join(journal, 'index-cache');
    mkdirSync(cache, { recursive: true });
    setOwnFolders({ journals: [journal], indexCache: cache, indexCacheMaxBytes: 100 * KB });
    for (const [i, name] of ['old1', 'old2', 'old3'].entries())
      cached(cache, `${name}.mbnidx`, 40 * KB, 30 - i);
    // A ticket's run, without the indexes the app kept for it.
    const made = await makeSampleRun(temp('made'));
    const run = join(temp('ticket'), 'run');
    cpSync(made, run, { recursive: true, filter: (from) => !from.endsWith('.mbnidx') });

    const found = await searchLog(run, { text: 'close' }, { numbering: 'position' });
    expect(found.matches).toBeGreaterThan(0);
    // 120 KB of old indexes and the ticket's new one, against 100 KB: the oldest went, and only it.
    const left = readdirSync(cache).sort();
    expect(left.filter((name) => name.startsWith('old'))).toEqual(['old2.mbnidx', 'old3.mbnidx']);
    expect(left.filter((name) => name.endsWith('.mbnidx'))).toHaveLength(3);

    // Looked at once an hour at most: another log's index saved now leaves the cache over.
    for (const [i, name] of ['old4', 'old5'].entries())
      cached(cache, `${name}.mbnidx`, 40 * KB, 20 - i);
    const other = join(temp('ticket'), 'run');
    cpSync(made, other, { recursive: true, filter: (from) => !from.endsWith('.mbnidx') });
    await searchLog(other, { text: 'close' }, { numbering: 'position' });
    expect(readdirSync(cache)).toContain('old4.mbnidx');
  });
});
