/**
 * A journal folder holds a run per start of the app or the CLI: a kiosk restarted each night, a
 * run a day. Its export gave the newest run alone, naming the others on the terminal only, and a
 * support engineer sent the folder's export got the last command and none of the week. With
 * --all-runs every run is exported, oldest first, and a run that cannot be read is named in the
 * export's problems without costing the others.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { runEnd } from '../../../electron/core/journal-files.js';
import { runCli } from '../../support/run-cli.js';

const journalDir = mkdtempSync(join(tmpdir(), 'mbn-all-runs-'));
const out = mkdtempSync(join(tmpdir(), 'mbn-all-runs-out-'));
afterAll(() => {
  rmSync(journalDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

/** The names of the folder's newest `n` runs, oldest first. */
function newestRuns(n: number): string[] {
  return readdirSync(journalDir)
    .filter((name) => name.startsWith('run-2026') || name.startsWith('run-2027'))
    .sort()
    .slice(-n);
}

/** `mbn-diag export <log> --all-runs --out <file>` as `--format` of the file's extension. */
function exportAll(
  file: string,
  options: { log?: string; before?: string[]; after?: string[] } = {},
): ReturnType<typeof cliInProcess> {
  const format = file.endsWith('.html') ? 'html' : 'jsonl';
  return cliInProcess([
    ...(options.before ?? []),
    'export',
    options.log ?? journalDir,
    '--format',
    format,
    '--out',
    file,
    '--all-runs',
    ...(options.after ?? []),
  ]);
}

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
    const run = await exportAll(file);
    // The run not read is input that could not be read: 2, as the search's and grep's.
    expect(run.code).toBe(2);
    expect(run.err).toContain('holds 3 runs; exporting all of them, oldest first.');
    expect(exported(file)).toEqual({ closed: ['SMS', 'Sierra diagnostics stream'], runs: 2 });
    expect(run.err).toContain('run-20000101T000000000Z-abcdef');
    expect(run.err).toContain('this run was not read');
    // Of one run, --all-runs changes nothing, and says so.
    const one = await exportAll(join(out, 'one.jsonl'), {
      log: join(journalDir, newestRuns(1)[0] ?? ''),
    });
    expect(one.code).toBe(0);
    expect(one.err).toContain('is one log, exported as it is.');
  });

  it('names a damaged line by its run and file, and an unread run as a run', async () => {
    // Every run has a journal-000001.jsonl: by the file's name alone, three problems in three
    // runs read as one file's.
    const damaged = newestRuns(2);
    for (const name of damaged)
      appendFileSync(join(journalDir, name, 'journal-000001.jsonl'), '{"torn":\n');
    const file = join(out, 'damaged.jsonl');
    const run = await exportAll(file);
    expect(run.code).toBe(2);
    for (const name of damaged)
      expect(run.err).toMatch(new RegExp(`${name} › journal-000001\\.jsonl, line \\d+: `));
    expect(run.err).toContain('2 damaged lines could not be read');
    // The run it could not read is said as a run, not counted among the lines.
    expect(run.err).toContain(
      'mbn-diag: error: run-20000101T000000000Z-abcdef: this run was not read:',
    );
  });

  it('reports every run in the HTML report', async () => {
    const file = join(out, 'all.html');
    const run = await exportAll(file);
    expect(run.code).toBe(2);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('(all 3 runs)');
    expect(html).toMatch(
      /Runs in this log<\/[a-z]+>\s*<[a-z]+[^>]*>2, and 1 that could not be read/,
    );
    expect(readdirSync(out)).not.toContain('all.html.tmp');
  });

  // A run that ended abnormally is kept from pruning until someone has looked at it. Opening each
  // run marked it: one --all-runs export that saved nothing unprotected every crashed run.
  it('marks crashed runs as looked at only once their export is saved', async () => {
    const runs = newestRuns(2).map((name) => join(journalDir, name));
    for (const run of runs) {
      if (existsSync(join(run, 'ended'))) unlinkSync(join(run, 'ended'));
      if (existsSync(join(run, 'seen'))) unlinkSync(join(run, 'seen'));
      writeFileSync(join(run, 'writer.pid'), '2147483000\n');
    }
    expect(runs.map(runEnd)).toEqual(['abnormal', 'abnormal']);
    const own = ['--journal-dir', journalDir];
    const none = await exportAll(join(out, 'none.jsonl'), {
      before: own,
      after: ['--from', '2031-01-01'],
    });
    expect(none.code).toBe(2);
    expect(runs.map(runEnd)).toEqual(['abnormal', 'abnormal']);
    const saved = await exportAll(join(out, 'saved.jsonl'), { before: own });
    // Saved, though the oldest run could not be read (so 2).
    expect(saved.code).toBe(2);
    expect(runs.map(runEnd)).toEqual(['abnormal-seen', 'abnormal-seen']);
  });
});
