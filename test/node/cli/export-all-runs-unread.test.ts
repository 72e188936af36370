/**
 * A week's journal folder whose Tuesday run has 250 damaged lines and whose Wednesday run cannot
 * be read at all (its first journal file is a folder). A review exported it with --all-runs:
 * Wednesday was missing from the file, the terminal said only "251 damaged lines … and 248
 * more", the file nothing of a missing day, and the command exited 0. The run is named in every
 * place, whatever the damaged lines before it, and the command exits 2 as the search does.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { requestEntries } from '../../support/journal-traffic.js';

const root = mkdtempSync(join(tmpdir(), 'mbn-all-runs-unread-'));
const out = mkdtempSync(join(tmpdir(), 'mbn-all-runs-unread-out-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const MONDAY = 'run-20260105T020000000Z-aaaaaa';
const TUESDAY = 'run-20260106T020000000Z-bbbbbb';
const WEDNESDAY = 'run-20260107T020000000Z-cccccc';
const THURSDAY = 'run-20260108T020000000Z-dddddd';

/** A run of `requests` requests from `day` (2026-01-05 + day), `damaged` lines among them. */
function writeRun(name: string, day: number, requests: number, damaged = 0): void {
  const dir = join(root, name);
  mkdirSync(dir);
  const start = Date.UTC(2026, 0, 5 + day, 2);
  const lines: string[] = [];
  const push = (time: number, entry: object) =>
    lines.push(
      JSON.stringify({ v: 2, seq: lines.length + 1, time: new Date(time).toISOString(), ...entry }),
    );
  const runStart = {
    mono: 0,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: `${name.slice(-6)}000000`,
    app: { name: 'mbn-diag', version: '0.1.0' },
    os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
    backend: { kind: 'mbn', label: 'Windows MBN service', reason: 'test' },
  };
  push(start, runStart);
  for (let n = 1; n <= requests; n++)
    for (const entry of requestEntries(n)) push(start + n * 1000, { mono: n * 1000, ...entry });
  for (let i = 0; i < damaged; i++) lines.push(`{"torn ${String(i)}`);
  writeFileSync(join(dir, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify({ v: 2, seq: 1, ...runStart })}\n`);
  writeFileSync(join(dir, 'ended'), '');
}

/** `mbn-diag export <root> --all-runs` into `file`, as its extension's format, with `more`. */
function exportWeek(file: string, more: string[] = []): ReturnType<typeof cliInProcess> {
  const format = file.endsWith('.html') ? 'html' : 'jsonl';
  return cliInProcess(['export', root, '--all-runs', '--format', format, '--out', file, ...more]);
}

beforeAll(() => {
  writeRun(MONDAY, 0, 20);
  writeRun(TUESDAY, 1, 20, 250);
  // Wednesday: its first file a folder (a copy gone wrong), so the run is not opened.
  mkdirSync(join(root, WEDNESDAY, 'journal-000001.jsonl'), { recursive: true });
  writeFileSync(join(root, WEDNESDAY, 'journal-000002.jsonl'), '{"v":2}\n');
  writeRun(THURSDAY, 3, 20);
  // Thursday's kiosk crashed: no end written, its writer's pid (no such process) left.
  rmSync(join(root, THURSDAY, 'ended'));
  writeFileSync(join(root, THURSDAY, 'writer.pid'), '2147483000\n');
});

describe('an export of every run, one of which cannot be read', () => {
  it('names the run on the terminal and in the file, and exits 2', async () => {
    const file = join(out, 'week.jsonl');
    const run = await exportWeek(file);
    expect(run.err).toContain(
      `mbn-diag: error: ${WEDNESDAY}: this run was not read: journal-000001.jsonl in`,
    );
    expect(run.err).toContain('All its records are missing from the export.');
    expect(run.err).toContain('250 damaged lines could not be read');
    // The report lists 200 of them (and counts the rest): said as such.
    expect(run.err).toContain('… and 247 more (an HTML report or a bundle lists the first 200)');
    expect(run.code).toBe(2);
    // The crash said as such, not left to a torn last line.
    expect(run.err).toContain(
      `mbn-diag: note: ${THURSDAY} ended abnormally: the app or the machine stopped`,
    );
    // Months later, the file alone says a day is missing, and which.
    const last = JSON.parse(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) ?? '') as {
      kind: string;
      message: string;
    };
    expect(last.kind).toBe('error');
    expect(last.message).toMatch(
      new RegExp(
        `^1 run could not be read, so its records are missing from this export: ${WEDNESDAY}: this run was not read: `,
      ),
    );
    expect(last.message).toContain('250 damaged lines could not be read');
  });

  it('names it in the HTML report, beside the runs it read', async () => {
    const file = join(out, 'week.html');
    const run = await exportWeek(file);
    expect(run.code).toBe(2);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(
      /Runs in this log<\/th><td>3, and 1 that could not be read \(Reading problems names it\): its records are missing</,
    );
    const problems = html.slice(html.indexOf('id="problems"'));
    expect(problems).toContain(`<li>${WEDNESDAY}: this run was not read: `);
    // The 200 damaged lines listed, and the rest counted (the list read as all of them).
    expect(problems).toContain('And 50 more lines that could not be read, not listed here.');
  });
});

// A review typed `export … --show-ids` for a file with the identifiers in: taken silently, the
// file came out redacted. --show-ids is the terminal's; --no-redact the file's.
describe('--show-ids given to an export', () => {
  it('is refused, saying --no-redact is what leaves identifiers in a file', async () => {
    const file = join(out, 'ids.jsonl');
    const run = await cliInProcess([
      '--show-ids',
      'export',
      join(root, MONDAY),
      '--format',
      'jsonl',
      '--out',
      file,
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('an export redacts them unless --no-redact is given');
    const kept = await cliInProcess([
      '--show-ids',
      'export',
      join(root, MONDAY),
      '--format',
      'jsonl',
      '--out',
      file,
      '--no-redact',
    ]);
    expect(kept.code).toBe(0);
  });
});

// A review exported Saturday afternoon of a week with --all-runs: every run was read, and a
// damaged line of another day was reported in the extract as missing from it. Once the runs are
// indexed (a search builds their indexes), those that cannot hold the range are not read.
describe('a range of every run', () => {
  it('reads only the runs that may hold it, and says nothing of the others’ damaged lines', async () => {
    const searched = await cliInProcess(['search', root, '--all-runs', '--text', 'SMS']);
    expect(searched.code).toBe(2);
    const file = join(out, 'thursday.jsonl');
    const run = await exportWeek(file, [
      '--from',
      '2026-01-08T02:00:05Z',
      '--to',
      '2026-01-08T02:00:10Z',
    ]);
    expect(run.err).not.toContain('damaged line');
    const records = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { kind: string; runId?: string; time: string });
    // Thursday's start, kept from before the range, and its own: no other day's.
    expect(records.filter((r) => r.kind === 'run-start').map((r) => r.runId)).toEqual([
      'dddddd000000',
    ]);
    // Wednesday's run, which could not be read, may hold it: still named.
    expect(run.err).toContain(`${WEDNESDAY}: this run was not read`);
  });
});
