/**
 * A journal folder holds a run per start of the app or the CLI: a kiosk restarted each night, a
 * run a day. Its search read the newest run alone, and a refusal three nights old was "0
 * matches"; a service only older runs used was refused as not in the log at all. With --all-runs
 * every run is searched, each run's matches under its name (rows are numbered again in each run),
 * counted together, and a run that cannot be read is named without costing the others.
 */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const journalDir = mkdtempSync(join(tmpdir(), 'mbn-search-all-runs-'));
afterAll(() => rmSync(journalDir, { recursive: true, force: true }));

/** The folder's runs that hold records, oldest first. */
function runs(): string[] {
  return readdirSync(journalDir)
    .filter((name) => name.startsWith('run-2') && !name.startsWith('run-2000'))
    .sort();
}

const search = (...args: string[]) => runCli(['search', journalDir, ...args], { journalDir });

describe('search --all-runs of a journal folder of several runs', () => {
  beforeAll(async () => {
    // Three nights: SMS closed, then the diagnostics stream, then SMS again.
    await runCli(['close', '1', 'sms'], { journalDir });
    await runCli(['close', '1', 'diag'], { journalDir });
    await runCli(['close', '1', 'sms'], { journalDir });
    // The oldest run, damaged through: a copy that went wrong.
    const damaged = join(journalDir, 'run-20000101T000000000Z-abcdef');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'journal-000001.jsonl'), 'not a record\n'.repeat(20));
  }, 60_000);

  it('without it, searches the newest run and says how to search them all', async () => {
    const run = await search('--service', 'sms');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('holds 4 runs; searching the newest');
    expect(run.stderr).toContain('Add --all-runs to search every run');
  });

  it('finds matches in every run, each run under its name, counted together', async () => {
    const [first, second, third] = runs();
    const run = await search('--service', 'sms', '--all-runs');
    // Matches, but the damaged run was not searched: 2, as grep's for a file it could not read.
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('holds 4 runs; searching all of them');
    const lines = run.stdout.trim().split('\n');
    // Headings for the two nights SMS was closed, in order; none for the night it was not.
    const headings = lines.filter((line) => line.startsWith('run-'));
    expect(headings).toEqual([`${first ?? ''} (run 2 of 4):`, `${third ?? ''} (run 4 of 4):`]);
    expect(run.stdout).not.toContain(second ?? 'none');
    // A blank line between one run's matches and the next run's name.
    expect(run.stdout).toContain(`\n\n${third ?? ''} (run 4 of 4):\n#`);
    const matches = lines.filter((line) => line.startsWith('#'));
    expect(matches.length).toBeGreaterThan(1);
    // Counted of the runs searched: the damaged one was not.
    expect(run.stderr).toContain(`${String(matches.length)} matches, in 2 of 3 runs searched,`);
    // The run that could not be read is named, and did not stop the others.
    expect(run.stderr).toContain(
      'this run was not searched: run-20000101T000000000Z-abcdef is not',
    );
  });

  it('searches a service only older runs used, rather than refuse it as not in the log', async () => {
    // The newest run never used the diagnostics stream: searched alone, "not in this log", exit 2.
    expect((await search('--service', 'diag')).code).toBe(2);
    const run = await search('--service', 'diag', '--all-runs');
    // 2 for the damaged run alone, not a refusal: the matches are printed.
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toContain('No service in the log');
    expect(run.stdout).toContain(`${runs()[1] ?? ''} (run 3 of 4):`);
  });

  it('names each JSON match by its run', async () => {
    const run = await search('--service', 'sms', '--all-runs', '--json');
    expect(run.code).toBe(2); // the damaged run
    const found = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { run: string; row: number });
    expect([...new Set(found.map((hit) => hit.run))]).toEqual([runs()[0], runs()[2]]);
  });

  it('shares one limit across runs, and newest first begins with the newest run', async () => {
    const oldest = await search('--service', 'sms', '--all-runs', '--limit', '1');
    expect(oldest.stdout.split('\n')[0]).toBe(`${runs()[0] ?? ''} (run 2 of 4):`);
    expect(oldest.stdout.match(/^#/gm)).toHaveLength(1);
    expect(oldest.stderr).toContain('Only 1 match was printed');
    const newest = await search('--service', 'sms', '--all-runs', '--limit', '1', '--newest-first');
    expect(newest.stdout.split('\n')[0]).toBe(`${runs()[2] ?? ''} (run 4 of 4):`);
    expect(newest.stdout.match(/^#/gm)).toHaveLength(1);
  });

  // MBN request IDs start again in each run: "search for r1" named one run's sending of #1001
  // beside matches of #1001 in two runs, each sent as another request.
  it('names no one sending for a request ID found in several runs', async () => {
    const twice = mkdtempSync(join(tmpdir(), 'mbn-search-all-runs-ids-'));
    try {
      await runCli(['close', '1', 'diag'], { journalDir: twice });
      const one = await runCli(['search', twice, '--request', '1001', '--all-runs'], {
        journalDir: twice,
      });
      // Every run has an r1: the one meant is named.
      expect(one.stderr).toMatch(/search for r1 to see it too\. It is in run-\d{8}T/);
      // The simulator keeps the closed session: started afresh, the close is accepted again.
      await runCli(['--reset-simulator', 'close', '1', 'diag'], { journalDir: twice });
      const run = await runCli(['search', twice, '--request', '1001', '--all-runs'], {
        journalDir: twice,
      });
      expect(run.stderr).toContain('in 2 of 2 runs searched');
      expect(run.stderr).not.toContain('search for r1');
    } finally {
      rmSync(twice, { recursive: true, force: true });
    }
  });

  // A run whose file went missing from under it (a broken link, a copy cut short) stopped the
  // whole search with "unexpected error: ENOENT", every other run unsearched.
  it('names a run that fails as it is read, and searches the others', async () => {
    const two = mkdtempSync(join(tmpdir(), 'mbn-search-all-runs-broken-'));
    try {
      await runCli(['close', '1', 'sms'], { journalDir: two });
      await runCli(['close', '1', 'sms'], { journalDir: two });
      const whole = await runCli(['search', two, '--service', 'sms', '--all-runs'], {
        journalDir: two,
      });
      expect(whole.code, whole.stderr).toBe(0);
      const [broken] = readdirSync(two)
        .filter((n) => n.startsWith('run-'))
        .sort();
      symlinkSync(join(two, 'nowhere.jsonl'), join(two, broken ?? '', 'journal-000002.jsonl'));
      const run = await runCli(['search', two, '--service', 'sms', '--all-runs'], {
        journalDir: two,
      });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toContain('(run 2 of 2):');
      expect(run.stderr).toContain(`this run was not searched: ${broken ?? ''}`);
      expect(run.stderr).toContain('in 1 of 1 runs searched');
    } finally {
      rmSync(two, { recursive: true, force: true });
    }
  });

  it("names the runs damaged lines are in, and the runs' times when a range held nothing", async () => {
    const [first] = runs();
    appendFileSync(join(journalDir, first ?? '', 'journal-000001.jsonl'), '{"torn":\n');
    const run = await search('--service', 'sms', '--all-runs');
    expect(run.stderr).toContain(
      `1 damaged line could not be read, so it was not searched. In ${first ?? ''}.`,
    );
    const late = await search('--service', 'sms', '--since', '2099-01-01', '--all-runs');
    // No match in the runs searched, and one run not searched: 2, not "nothing found".
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/The log's times run from \d{4}-/);
    // Not "in 0 of 2 runs searched", which read as if none was searched (a review).
    expect(late.stderr).toMatch(/0 matches from [^,]+, in none of the \d+ runs searched/);
  });

  it('says --all-runs changes nothing of one run', async () => {
    const one = await runCli(
      ['search', join(journalDir, runs()[0] ?? ''), '--service', 'sms', '--all-runs'],
      { journalDir },
    );
    expect(one.code).toBe(0);
    expect(one.stderr).toContain('is one log, searched as it is.');
    expect(one.stdout).not.toMatch(/^run-/m);
  });
});
