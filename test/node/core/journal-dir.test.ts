/**
 * A journal folder that cannot be written gets a plain message and exit 2, at once. Before,
 * Node's recursive mkdir made a read-only mount read as "unexpected error: ENOENT" (exit 1) and
 * retried for ever under /proc/self, so `--journal-dir /proc/self` hung; and a search of another
 * tool's log, its index made in a cache under that folder, spun there at full CPU for ever.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalDirError, ensureDir } from '../../../electron/core/journal-files.js';
import { kioskLogLines, RARE_HRESULT } from '../../support/journal-traffic.js';
import { runCli } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-dir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a journal folder that cannot be written', () => {
  it.skipIf(process.platform !== 'linux')(
    'under /proc/self: fails at once with the reason, instead of retrying for ever',
    () => {
      expect(() => ensureDir('/proc/self/journal')).toThrow(JournalDirError);
      expect(() => ensureDir('/proc/self/a/b/c')).toThrow(/\/proc\/self\/a\b.*cannot be written/);
    },
  );

  it('behind a file: names the folder and the reason', () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(() => ensureDir(join(file, 'journal'))).toThrow(
      /journal cannot be written \(ENOTDIR: a file stands where a folder should be\)/,
    );
  });

  it('creates missing parents like mkdir -p, and accepts an existing folder', () => {
    ensureDir(join(dir, 'a', 'b', 'c'));
    ensureDir(join(dir, 'a', 'b', 'c'));
  });

  it.skipIf(process.platform !== 'linux')(
    'ends `mbn-diag --journal-dir /proc/self watch` with exit 2 and a plain message',
    async () => {
      const run = await runCli(['--journal-dir', '/proc/self', 'watch', '--duration', '100']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^mbn-diag: The journal folder \/proc\/self\S* cannot be written/);
      expect(run.stderr).not.toMatch(/unexpected error/);
    },
  );

  // Not the journal's own folder: a log from another tool, whose index goes to the cache there.
  it.skipIf(process.platform !== 'linux')(
    'searches a log that is not its own under `--journal-dir /proc/self/…`, its index kept in memory',
    async () => {
      const log = join(dir, 'kiosk.jsonl');
      writeFileSync(log, `${kioskLogLines(300, () => ({ rareEvery: 100 })).join('\n')}\n`);
      const args = ['--journal-dir', '/proc/self/mbn', 'search', '--hresult', RARE_HRESULT, log];
      const run = await runCli(args, { timeoutMs: 20_000 });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/3 matches/);
    },
  );
});
