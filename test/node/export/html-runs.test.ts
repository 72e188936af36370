/**
 * A report of every run of a journal folder (a kiosk's week of nightly runs): each run numbers
 * its records from 1. The report said only the first run's ID and how many runs there were, and
 * its later records with a problem read as one run's (seq 100,004, then seq 3). It now lists the
 * runs, and a line says where the run changes among those later records.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { LOG_RECORDS } from '../../../electron/core/export/html-log-cap.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 2);

/** A night's run: its run-start, then `count` records, an error at each seq of `errors`. */
function run(day: number, id: string, count: number, errors: readonly number[]): JournalRecord[] {
  const at = (seq: number) => ({
    v: 2 as const,
    seq,
    time: new Date(START + day * DAY + seq * 1000).toISOString(),
    mono: seq * 1000,
  });
  const records: JournalRecord[] = [
    {
      ...at(1),
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: id.repeat(12),
      app: { name: 'mbn-diag', version: day < 2 ? '0.1.0' : '0.2.0' },
      os: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
      backend: { kind: 'mbn', label: 'Windows MBN service', reason: 'present' },
    },
  ];
  for (let seq = 2; seq <= count + 1; seq++)
    records.push(
      errors.includes(seq)
        ? { ...at(seq), kind: 'error', context: 'read', message: `night ${String(day + 1)} fault` }
        : { ...at(seq), kind: 'backend-status', backend: 'mbn', available: true, message: 'ok' },
    );
  return records;
}

async function report(records: readonly JournalRecord[]): Promise<string> {
  const out = join(tempDir(), 'report.html');
  await exportRecords(records, 'html', out);
  return readFileSync(out, 'utf8');
}

describe('the report of several runs', () => {
  it('lists each run, and says where the run changes among the later problems', async () => {
    const html = await report([
      ...run(0, 'a', LOG_RECORDS, [LOG_RECORDS]),
      ...run(1, 'b', 10, [4]),
      ...run(2, 'c', 10, []),
      ...run(3, 'd', 10, [3, 7]),
    ]);
    const env = /<section class="sec-env">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    const runs = [
      ...env.matchAll(
        /<tr><td class="n">(\d+)<\/td><td class="mono">([^<]+)<\/td><td>([^<]+)<\/td><td class="n">([\d,]+)<\/td><td>([^<]+)<\/td>/g,
      ),
    ].map((m) => m.slice(1).join(' | '));
    expect(runs).toEqual([
      '1 | run-20260105T020001000Z-aaaaaa | 2026-01-05 02:00:01.000 Z | 100,001 | mbn-diag 0.1.0',
      '2 | run-20260106T020001000Z-bbbbbb | 2026-01-06 02:00:01.000 Z | 11 | mbn-diag 0.1.0',
      '3 | run-20260107T020001000Z-cccccc | 2026-01-07 02:00:01.000 Z | 11 | mbn-diag 0.2.0',
      '4 | run-20260108T020001000Z-dddddd | 2026-01-08 02:00:01.000 Z | 11 | mbn-diag 0.2.0',
    ]);
    // The later problems: the last of run 1's start listing is run 1's; then run 2's, then run 4's.
    const later =
      /Later records with a problem[\s\S]*?<pre>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
    const lines = later.split('\n').filter(Boolean);
    expect(
      lines.map((line) => (line.startsWith('──') ? line : line.trim().split(/\s+/)[0])),
    ).toEqual([
      '── run 2: run-20260106T020001000Z-bbbbbb, started 2026-01-06 02:00:01.000 Z ──',
      '4',
      '── run 4: run-20260108T020001000Z-dddddd, started 2026-01-08 02:00:01.000 Z ──',
      '3',
      '7',
    ]);
  });

  it('lists no runs for a log of one', async () => {
    const html = await report(run(0, 'a', 20, [5]));
    expect(html).not.toContain('<h3>Runs</h3>');
    expect(html).not.toContain('── run');
  });
});
