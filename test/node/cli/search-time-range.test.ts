/**
 * `mbn-diag search --since … --until …`: "it failed on Tuesday afternoon" searched there, in the
 * forms the matches print times in (UTC unless a zone is written) or ISO 8601, and a time that is
 * none refused in words naming the option, exit 2 as every other bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { RUN_START } from '../export/support/pass-through-lines.js';

/** 300 requests, one a second from 2026-01-05 08:00:01 UTC. */
const lines = kioskLogLines(300);
const file = join(mkdtempSync(join(tmpdir(), 'mbn-cli-range-')), 'kiosk.jsonl');
writeFileSync(file, `${lines.join('\n')}\n`);

/** The rows (position + 1) of the records logged in [from, to) seconds after 08:00. */
function rowsIn(from: number, to: number): number[] {
  const start = Date.UTC(2026, 0, 5, 8);
  return lines.flatMap((line, i) => {
    const ms = Date.parse((JSON.parse(line) as { time: string }).time);
    return ms >= start + from * 1000 && ms < start + to * 1000 ? [i + 1] : [];
  });
}
const rowsOf = (stdout: string): number[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => Number(/^#(\d+)/.exec(line)?.[1]));

describe('mbn-diag search --since / --until', () => {
  it('prints only the records of the range, the start in and the end out', async () => {
    const run = await runCli([
      'search',
      file,
      '--since',
      '2026-01-05 08:01:40',
      '--until',
      '2026-01-05T08:01:43Z',
    ]);
    expect(run.code).toBe(0);
    const expected = rowsIn(100, 103);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(rowsOf(run.stdout)).toEqual(expected);
    for (const line of run.stdout.trim().split('\n'))
      expect(line).toMatch(/^#\d+ +2026-01-05 08:01:4[0-2]\.000 Z /);
    // The count says it is of the range alone, as the window's count line does.
    expect(run.stderr).toContain(
      `${String(expected.length)} matches from 2026-01-05 08:01:40.000 Z to 2026-01-05 08:01:43.000 Z in `,
    );
    // A time copied off a match, its zone included, and one in another zone: the same range.
    const copied = await runCli([
      'search',
      file,
      '--since',
      '2026-01-05 08:01:40.000 Z',
      '--until',
      '2026-01-05 09:01:43 +01:00',
    ]);
    expect(copied.stdout).toBe(run.stdout);
  });

  it('takes one side alone, with other conditions', async () => {
    const run = await runCli(['search', file, '--since', '2026-01-05T08:04:58.000Z', '--json']);
    expect(run.code).toBe(0);
    expect(rowsOf(run.stdout.replace(/^\{"row":(\d+).*$/gm, '#$1'))).toEqual(rowsIn(298, 1000));
    const none = await runCli(['search', file, '--until', '2026-01-05 08:00', '--text', 'close']);
    expect(none.code).toBe(1);
    // Nothing in the range: the log's own times, to choose one within them.
    expect(none.stderr).toMatch(
      /The log's times run from 2026-01-05 08:00:01.000 Z to 2026-01-05 08:05:00.000 Z/,
    );
    // "close" is logged, before the range: not a word the log only shows, as that note suspects.
    expect(none.stderr).not.toMatch(/Words are looked for in the entries as they were logged/);
  });

  // An hour's export of a week keeps the run's start from days before: its times were said from
  // then, and a technician searched those days for nothing.
  it("says a range's export's own times, not those of the run's start it kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-cli-range-export-'));
    // The kiosk's traffic after its run's start, logged the day before.
    const run = join(dir, 'run.jsonl');
    const runStart = { v: 2, seq: 1, time: '2026-01-04T00:00:00.000Z', mono: 0, ...RUN_START };
    const after = lines.map((line) => {
      const record = JSON.parse(line) as { seq: number };
      return JSON.stringify({ ...record, seq: record.seq + 1 });
    });
    writeFileSync(run, `${[JSON.stringify(runStart), ...after].join('\n')}\n`);
    const hour = join(dir, 'hour.jsonl');
    const exported = await runCli([
      'export',
      run,
      '--format',
      'jsonl',
      '--out',
      hour,
      '--from',
      '2026-01-05 08:02',
      '--to',
      '2026-01-05 08:03',
    ]);
    expect(exported.code).toBe(0);
    // Its run-start, logged the day before, is kept.
    expect(JSON.parse(readFileSync(hour, 'utf8').split('\n')[1] ?? '{}')).toMatchObject({
      kind: 'run-start',
    });
    const none = await runCli(['search', hour, '--since', '2026-01-06', '--text', 'close']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /The log's times run from 2026-01-05 08:02:00\.000 Z to 2026-01-05 08:02:59\.\d{3} Z/,
    );
  });

  it('refuses a time that is none, or a range that holds no time, in words, with exit 2', async () => {
    const bad = await runCli(['search', file, '--since', 'Tuesday afternoon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since “Tuesday afternoon” is not a time/);
    expect(bad.stderr).toMatch(/2026-01-05T15:00:00Z/);
    const feb = await runCli(['search', file, '--until', '2026-02-31 10:00']);
    expect(feb.code).toBe(2);
    expect(feb.stderr).toMatch(/--until .* is not a time/);
    const backwards = await runCli([
      'search',
      file,
      '--since',
      '2026-01-05 09:00',
      '--until',
      '2026-01-05 08:00',
    ]);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--since .* must be before --until/);
  });
});
