/**
 * A journal folder holds a run per start of the app or the CLI: a kiosk restarted each night, a
 * run a day. Its export gave the newest run alone, naming the others on the terminal only, and a
 * support engineer sent the folder's export got the last command and none of the week. With
 * --all-runs every run is exported, oldest first, and a run that cannot be read is named in the
 * export's problems without costing the others.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { runCli } from '../../support/run-cli.js';

const journalDir = mkdtempSync(join(tmpdir(), 'mbn-all-runs-'));
const out = mkdtempSync(join(tmpdir(), 'mbn-all-runs-out-'));
afterAll(() => {
  rmSync(journalDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

/** The services closed in the export at `file`, in its order, and how many runs it starts. */
function exported(file: string): { closed: string[]; runs: number } {
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"v"'))
    .map((line) => JSON.parse(line) as { kind: string; op?: string; serviceName?: string });
  return {
    closed: records
      .filter((r) => r.kind === 'request' && r.op === 'close')
      .map((r) => r.serviceName ?? ''),
    runs: records.filter((r) => r.kind === 'run-start').length,
  };
}

describe('export of a journal folder of several runs', () => {
  beforeAll(async () => {
    await runCli(['close', '1', 'sms'], { journalDir });
    await runCli(['close', '1', 'diag'], { journalDir });
    // The oldest run, damaged through: a copy that went wrong.
    const damaged = join(journalDir, 'run-20000101T000000000Z-abcdef');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'journal-000001.jsonl'), 'not a record\n'.repeat(20));
  }, 60_000);

  it('exports the newest run alone by default, and says how to export them all', async () => {
    const file = join(out, 'newest.jsonl');
    const run = await cliInProcess(['export', journalDir, '--format', 'jsonl', '--out', file]);
    expect(run.code).toBe(0);
    expect(run.err).toContain('holds 3 runs; exporting the newest');
    expect(run.err).toContain('Add --all-runs to export every run');
    expect(exported(file)).toEqual({ closed: ['Sierra diagnostics stream'], runs: 1 });
  });

  it('exports every run with --all-runs, oldest first, naming the run it could not read', async () => {
    const file = join(out, 'all.jsonl');
    const run = await cliInProcess([
      'export',
      journalDir,
      '--format',
      'jsonl',
      '--out',
      file,
      '--all-runs',
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toContain('holds 3 runs; exporting all of them, oldest first.');
    expect(exported(file)).toEqual({ closed: ['SMS', 'Sierra diagnostics stream'], runs: 2 });
    expect(run.err).toContain('run-20000101T000000000Z-abcdef');
    expect(run.err).toContain('this run was not read');
  });

  it('reports every run in the HTML report', async () => {
    const file = join(out, 'all.html');
    const run = await cliInProcess([
      'export',
      journalDir,
      '--format',
      'html',
      '--out',
      file,
      '--all-runs',
    ]);
    expect(run.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('(all 3 runs)');
    expect(html).toMatch(/Runs in this log<\/[a-z]+>\s*<[a-z]+[^>]*>2</);
    expect(readdirSync(out)).not.toContain('all.html.tmp');
  });
});
