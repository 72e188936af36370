/**
 * A disk the index cache filled: the save of a ticket's index fails with ENOSPC, the cache's
 * oldest indexes go at once (not an hour later: the next save would fail as well), and the save
 * is tried again. The disk is made full by failing the first write of the index's temporary file.
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
import type * as FsPromises from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';

const full = { left: 0 };
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof FsPromises>();
  return {
    ...fs,
    writeFile: (async (...args: Parameters<typeof fs.writeFile>) => {
      const [path] = args;
      if (typeof path === 'string' && path.includes('index-cache') && full.left > 0) {
        full.left -= 1;
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      return fs.writeFile(...args);
    }) as typeof fs.writeFile,
  };
});

const { searchLog } = await import('../../../electron/core/log-search.js');
const { resetOwnFolders, setOwnFolders } = await import('../../../electron/core/own-folders.js');
const { makeSampleRun } = await import('../export/support/sample-log.js');

const dirs: string[] = [];
const temp = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `mbn-full-${name}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  resetOwnFolders();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('an index cache that filled the disk', () => {
  it('loses its oldest indexes at once, and the new index is saved', async () => {
    const journal = temp('journal');
    const cache = join(journal, 'index-cache');
    mkdirSync(cache, { recursive: true });
    setOwnFolders({ journals: [journal], indexCache: cache, indexCacheMaxBytes: 50 * 1024 });
    // Looked at a minute ago: only a full disk makes it look again within the hour.
    writeFileSync(join(cache, 'last-pruned'), '');
    for (const [i, name] of ['old1', 'old2'].entries()) {
      const path = join(cache, `${name}.mbnidx`);
      writeFileSync(path, 'x'.repeat(40 * 1024));
      const when = Date.now() / 1000 - (30 - i) * 24 * 3600;
      utimesSync(path, when, when);
    }
    const run = join(temp('ticket'), 'run');
    cpSync(await makeSampleRun(temp('made')), run, {
      recursive: true,
      filter: (from) => !from.endsWith('.mbnidx'),
    });

    full.left = 1;
    await searchLog(run, { text: 'close' }, { numbering: 'position' });
    expect(full.left).toBe(0);
    const left = readdirSync(cache).filter((n) => n.endsWith('.mbnidx'));
    expect(left).not.toContain('old1.mbnidx');
    expect(left).toContain('old2.mbnidx');
    // The ticket's own index was saved on the second try.
    expect(left).toHaveLength(2);
  });
});
