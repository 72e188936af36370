/**
 * The index cache keeps the indexes of logs from elsewhere; nothing else removes them, so the
 * oldest go once the cache holds more than its limit (index-cache-prune.ts). A support engineer
 * searching ticket after ticket for a year must not find the app's folder grown by gigabytes,
 * and nothing outside the cache may ever be touched by it.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cachePruned,
  pruneIndexCache,
  resetCachePruning,
} from '../../../electron/core/index-cache-prune.js';
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
beforeEach(() => resetCachePruning());
afterEach(() => {
  resetOwnFolders();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A file of `bytes` in `dir`, last written `daysAgo`. */
function cached(dir: string, name: string, bytes: number, daysAgo: number): string {
  const path = join(dir, name);
  writeFileSync(path, 'x'.repeat(bytes));
  const when = Date.now() / 1000 - daysAgo * DAY_S;
  utimesSync(path, when, when);
  return path;
}

/** The app's folders with a small cache, and a ticket's run (without the app's indexes). */
async function ticket(maxBytes: number): Promise<{ cache: string; run: () => string }> {
  const journal = temp('journal');
  const cache = join(journal, 'index-cache');
  mkdirSync(cache, { recursive: true });
  setOwnFolders({ journals: [journal], indexCache: cache, indexCacheMaxBytes: maxBytes });
  const made = await makeSampleRun(temp('made'));
  return {
    cache,
    run: () => {
      const run = join(temp('ticket'), 'run');
      cpSync(made, run, { recursive: true, filter: (from) => !from.endsWith('.mbnidx') });
      return run;
    },
  };
}

async function searchTicket(run: string): Promise<void> {
  const found = await searchLog(run, { text: 'close' }, { numbering: 'position' });
  expect(found.matches).toBeGreaterThan(0);
  await cachePruned();
}

const indexes = (cache: string): string[] =>
  readdirSync(cache)
    .filter((name) => name.endsWith('.mbnidx'))
    .sort();

describe('the index cache', () => {
  it('loses its oldest indexes while it holds more than its limit, never the one just saved', async () => {
    const dir = temp('dir');
    cached(dir, 'a.mbnidx', 40 * KB, 30);
    cached(dir, 'b.mbnidx', 40 * KB, 20);
    cached(dir, 'c.mbnidx', 40 * KB, 10);
    const keep = cached(dir, 'd.mbnidx', 40 * KB, 40);
    // A save under way, and one a process that died left a week ago.
    cached(dir, 'e.mbnidx.123-abcd.tmp', 400 * KB, 0);
    cached(dir, 'f.mbnidx.99-dead.tmp', 400 * KB, 7);
    const removed = await pruneIndexCache(dir, keep, 100 * KB);
    expect(removed.map((p) => p.split('/').at(-1)).sort()).toEqual([
      'a.mbnidx',
      'b.mbnidx',
      'f.mbnidx.99-dead.tmp',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['c.mbnidx', 'd.mbnidx', 'e.mbnidx.123-abcd.tmp']);
  });

  it('neither counts nor follows a link planted in it', async () => {
    const dir = temp('dir');
    const outside = temp('outside');
    const precious = cached(outside, 'precious.mbnidx', 400 * KB, 60);
    symlinkSync(precious, join(dir, 'planted.mbnidx'));
    cached(dir, 'a.mbnidx', 40 * KB, 30);
    expect(await pruneIndexCache(dir, '', 100 * KB)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['a.mbnidx', 'planted.mbnidx']);
    expect(statSync(precious).size).toBe(400 * KB);
  });

  it('is pruned when a search saves the index of a log from elsewhere, then not for an hour', async () => {
    const { cache, run } = await ticket(100 * KB);
    for (const [i, name] of ['old1', 'old2', 'old3'].entries())
      cached(cache, `${name}.mbnidx`, 40 * KB, 30 - i);
    await searchTicket(run());
    // 120 KB of old indexes and the ticket's new one, against 100 KB: the oldest went, and only it.
    const left = indexes(cache);
    expect(left.filter((name) => name.startsWith('old'))).toEqual(['old2.mbnidx', 'old3.mbnidx']);
    expect(left).toHaveLength(3);

    // Another ticket searched within the hour, by another process: the cache is left as it is.
    resetCachePruning();
    for (const [i, name] of ['old4', 'old5'].entries())
      cached(cache, `${name}.mbnidx`, 40 * KB, 20 - i);
    await searchTicket(run());
    expect(indexes(cache).filter((name) => name.startsWith('old'))).toEqual([
      'old2.mbnidx',
      'old3.mbnidx',
      'old4.mbnidx',
      'old5.mbnidx',
    ]);
  });

  it('writes its stamp through no link, and a stamp from the future does not stop it', async () => {
    const { cache, run } = await ticket(50 * KB);
    const outside = join(temp('outside'), 'precious.txt');
    writeFileSync(outside, 'precious');
    const old = Date.now() / 1000 - 30 * DAY_S;
    utimesSync(outside, old, old);
    symlinkSync(outside, join(cache, 'last-pruned'));
    cached(cache, 'old1.mbnidx', 40 * KB, 30);
    cached(cache, 'old2.mbnidx', 40 * KB, 29);
    await searchTicket(run());
    expect(indexes(cache)).not.toContain('old1.mbnidx');
    expect(readFileSync(outside, 'utf8')).toBe('precious');
    expect(Math.round(statSync(outside).mtimeMs / 1000)).toBe(Math.round(old));

    // A clock set back: the stamp says next year, and the cache is looked at all the same.
    rmSync(join(cache, 'last-pruned'));
    const future = Date.now() / 1000 + 365 * DAY_S;
    writeFileSync(join(cache, 'last-pruned'), '');
    utimesSync(join(cache, 'last-pruned'), future, future);
    resetCachePruning();
    cached(cache, 'old3.mbnidx', 40 * KB, 28);
    await searchTicket(run());
    expect(indexes(cache)).not.toContain('old2.mbnidx');
  });
});
