/**
 * A log whose files the user may not read (a run folder copied as root, a folder of mode 000).
 * A journal file refused inside a run folder said "unexpected error: EACCES …" and exited 1,
 * which a search means as "no matches"; a folder that could not be listed was said to be empty.
 * Both now say what cannot be opened and exit 2, as a file named on the command line does. Run as
 * the unprivileged `nobody` (root reads anything), so only where the tests run as root, as CI does.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSessionStateLog } from '../../support/session-state-log.js';
import { CLI_BUNDLE } from '../../support/run-cli.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'mbn-unreadable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI run as `nobody`, its journal in a folder it may write. */
function asNobody(args: string[]) {
  const journal = join(dir, 'journal');
  mkdirSync(journal, { recursive: true });
  chmodSync(journal, 0o777);
  return spawnSync(process.execPath, [CLI_BUNDLE, ...args], {
    env: { ...process.env, MBN_DIAG_JOURNAL_DIR: journal, HOME: journal },
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.runIf(asRoot)('a log the user may not read', () => {
  chmodSync(dir, 0o755);

  it('names the journal file it may not open, and exits 2', () => {
    writeSessionStateLog(join(dir, 'saved.jsonl'), 50);
    // Its only file, and one of two (the other read, the search reaches the refused one).
    for (const files of [
      ['journal-000001.jsonl'],
      ['journal-000001.jsonl', 'journal-000002.jsonl'],
    ]) {
      const run = join(dir, `run-${String(files.length)}`);
      mkdirSync(run);
      for (const file of files) copyFileSync(join(dir, 'saved.jsonl'), join(run, file));
      chmodSync(join(run, 'journal-000001.jsonl'), 0o600);
      // An export of the two reads the other and lists the refused file among what it could
      // not read (a note, as for any part of a log that cannot be read).
      const commands = [['search', run, '--outcome', 'failed']];
      if (files.length === 1)
        commands.push(['export', run, '--format', 'csv', '--out', join(dir, 'journal', 'out.csv')]);
      for (const args of commands) {
        const result = asNobody(args);
        expect(result.stderr).toMatch(/^mbn-diag: .*\bEACCES\b.*\n$/);
        expect(result.stderr).toContain(join(run, 'journal-000001.jsonl'));
        expect(result.stderr).not.toMatch(/unexpected error|is empty/);
        expect(result.status).toBe(2);
      }
    }
  });

  it('says a folder it may not list cannot be read, not that it is empty', () => {
    const closed = join(dir, 'closed');
    mkdirSync(closed);
    chmodSync(closed, 0o000);
    const result = asNobody(['search', closed, '--outcome', 'failed']);
    expect(result.stderr).toBe(`mbn-diag: ${closed} cannot be read (EACCES).\n`);
    expect(result.status).toBe(2);
  });
});
