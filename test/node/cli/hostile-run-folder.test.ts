/**
 * A run folder from a ticket may hold a named pipe where a file belongs. A read of one waits
 * forever, past Ctrl+C (the process never gets back to its signal handler): a search or an export
 * of such a folder hung until killed. Each child here is killed after 20 s, so a hang fails the
 * test instead of hanging the suite. POSIX only: Windows has no pipes under a file's name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, runCli } from '../../support/run-cli.js';

let made = '';
beforeAll(async () => {
  const journalDir = mkdtempSync(join(tmpdir(), 'mbn-cli-hostile-run-'));
  await runCli(['close', '1', 'sms'], { journalDir });
  const [run] = readdirSync(journalDir).filter((n) => n.startsWith('run-'));
  made = join(journalDir, run ?? '');
});

/** A copy of the run, as a ticket folder holds it, with a pipe planted under `name`. */
function ticketWithPipe(name: string): string {
  const run = join(mkdtempSync(join(tmpdir(), 'mbn-ticket-')), 'run');
  cpSync(made, run, { recursive: true });
  rmSync(join(run, name), { force: true });
  execFileSync('mkfifo', [join(run, name)]);
  return run;
}

function cli(args: string[]): {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
} {
  const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], {
    env: { ...process.env, MBN_DIAG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'mbn-cli-')) },
    timeout: 20_000,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  return { code: run.status, signal: run.signal, stderr: run.stderr };
}

describe.skipIf(process.platform === 'win32')(
  'a run folder with a pipe where a file belongs',
  () => {
    it('is searched and exported when the pipe stands for run.json, writer.pid or a sidecar', () => {
      for (const name of ['run.json', 'writer.pid', 'journal-000001.jsonl.mbnidx']) {
        const run = ticketWithPipe(name);
        const searched = cli(['search', run, '--text', 'close']);
        expect(searched.signal, `search with a pipe as ${name}`).toBeNull();
        expect(searched.code, searched.stderr).toBe(0);
        const out = join(mkdtempSync(join(tmpdir(), 'mbn-out-')), 'log.jsonl');
        const exported = cli(['export', run, '--format', 'jsonl', '--out', out]);
        expect(exported.signal, `export with a pipe as ${name}`).toBeNull();
        expect(exported.code, exported.stderr).toBe(0);
      }
    });

    it('is refused, naming the file, when the pipe stands for a journal file', () => {
      const run = ticketWithPipe('journal-000002.jsonl');
      for (const args of [
        ['search', run, '--text', 'close'],
        ['export', run, '--format', 'jsonl', '--out', join(tmpdir(), 'never.jsonl')],
      ]) {
        const refused = cli(args);
        expect(refused.signal, args[0]).toBeNull();
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(
          `journal-000002.jsonl in ${run} is not a plain file (a pipe, a device or a folder under a journal file's name): the log was not opened.`,
        );
      }
    });
  },
);
