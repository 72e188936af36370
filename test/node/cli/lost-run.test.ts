/**
 * A week's journal folder copied without Tuesday's journal: its run folder is there (run.json,
 * `ended`), its journal file is not. A review exported and searched the folder with --all-runs:
 * both read six nights, numbered 1 to 6, with no word of the seventh, and exited 0. The run is now
 * counted, named as not read in the terminal and in the file, and the commands exit 2.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { requestEntries, runLines, runStartEntry } from '../../support/journal-traffic.js';

const root = mkdtempSync(join(tmpdir(), 'mbn-lost-run-'));
const out = mkdtempSync(join(tmpdir(), 'mbn-lost-run-out-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const RUNS = [
  'run-20260105T020000000Z-aaaaaa',
  'run-20260106T020000000Z-bbbbbb',
  'run-20260107T020000000Z-cccccc',
];
const LOST = RUNS[1] ?? '';

beforeAll(() => {
  for (const [day, name] of RUNS.entries()) {
    const dir = join(root, name);
    mkdirSync(dir);
    const start = Date.UTC(2026, 0, 5 + day, 2);
    const runStart = runStartEntry(`${name.slice(-6)}000000`);
    const entries = [runStart];
    for (let n = 1; n <= 5; n++) entries.push(...requestEntries(n, { rareEvery: 5 }));
    const lines = runLines(entries, start);
    writeFileSync(join(dir, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'run.json'), `${lines[0] ?? ''}\n`);
    writeFileSync(join(dir, 'ended'), '');
  }
  unlinkSync(join(root, LOST, 'journal-000001.jsonl'));
});

const GONE = `${LOST}: this run was not read: its folder holds no journal file (deleted, or not copied with the others).`;

describe('a journal folder with a run whose journal is gone', () => {
  it('is exported with the run named as missing, in the terminal and the file, exit 2', async () => {
    const file = join(out, 'week.jsonl');
    const run = await cliInProcess([
      ...['export', root, '--all-runs', '--format', 'jsonl', '--out', file],
    ]);
    expect(run.err).toContain(
      `holds 2 runs (and 1 run folder without its journal); exporting all of them`,
    );
    expect(run.err).toContain(`mbn-diag: error: ${GONE}`);
    // The file's last line is that note, not a record of the log: said, as the count is.
    expect(run.out).toContain(
      'JSON Lines log, 30 records, then a last line (an error) naming what could not be read,',
    );
    expect(run.code).toBe(2);
    const last = readFileSync(file, 'utf8').trimEnd().split('\n').pop() ?? '';
    expect(JSON.parse(last)).toMatchObject({
      kind: 'error',
      message: `1 run could not be read, so its records are missing from this export: ${GONE}`,
    });
  });

  it('is not named by the export of a range it held no time of', async () => {
    const file = join(out, 'wednesday.jsonl');
    const run = await cliInProcess([
      ...['export', root, '--all-runs', '--format', 'jsonl', '--out', file],
      ...['--from', '2026-01-07 02:00', '--to', '2026-01-07 03:00'],
    ]);
    expect(run.err).toContain(
      'exporting the range from those that may hold a time in it, oldest first.',
    );
    expect(run.err).not.toContain(LOST);
    expect(run.code).toBe(0);
  });

  it('says so in the report’s count of runs', async () => {
    const file = join(out, 'week.html');
    await cliInProcess(['export', root, '--all-runs', '--format', 'html', '--out', file]);
    const text = readFileSync(file, 'utf8')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Runs in this log 2, and 1 that could not be read');
    expect(text).toContain(LOST);
  });

  it('says of a request ID found in several runs that they are different requests', async () => {
    const run = await cliInProcess(['search', root, '--all-runs', '--request', '1001']);
    expect(run.err).toContain(
      'Request #1001 is in 2 runs, each numbering its requests afresh: different requests.',
    );
  });

  it('is searched with the run named as not searched, exit 2', async () => {
    const run = await cliInProcess(['search', root, '--all-runs', '--hresult', '0x80070005']);
    expect(run.err).toContain(
      `mbn-diag: this run was not searched: ${LOST}: its folder holds no journal file (deleted, or not copied with the others)`,
    );
    expect(run.code).toBe(2);
  });
});
