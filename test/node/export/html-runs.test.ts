/**
 * A report of every run of a journal folder (a kiosk's week of nightly runs): each run numbers
 * its records from 1. The report said only the first run's ID and how many runs there were, and
 * its later records with a problem read as one run's (seq 100,004, then seq 3). It now lists the
 * runs, and a line says where the run changes among those later records.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { LOG_RECORDS } from '../../../electron/core/export/html-log-cap.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { requestEntries } from '../../support/journal-traffic.js';
import { APP, exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';

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

/** The Runs table's rows, their first five cells' text. */
function runRows(html: string): string[] {
  const env = /<section class="sec-env">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  const table = /<h3>Runs<\/h3>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(env)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
      .slice(0, 5)
      .map((cell) => (cell[1] ?? '').replace(/<[^>]+>/g, '').trim())
      .join(' | '),
  );
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
    expect(runRows(html)).toEqual([
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

describe('an export of some runs of a journal folder', () => {
  // Four nights; the third crashed (its writer's pid is gone and it never said it ended).
  const root = tempDir();
  const names = ['a', 'b', 'c', 'd'].map((id, day) => {
    const records = [
      ...run(day, id, 10, [4]),
      ...requestEntries(1).map((entry, i) => ({
        v: 2 as const,
        seq: 12 + i,
        time: new Date(START + day * DAY + (12 + i) * 1000).toISOString(),
        mono: (12 + i) * 1000,
        ...entry,
      })),
    ];
    const name = `run-2026010${String(5 + day)}T020001000Z-${id.repeat(6)}`;
    mkdirSync(join(root, name));
    writeFileSync(
      join(root, name, 'journal-000001.jsonl'),
      `${records.map((r) => JSON.stringify(r)).join('\n')}\n`,
    );
    if (day === 2) writeFileSync(join(root, name, 'writer.pid'), '2147483646\n');
    else writeFileSync(join(root, name, 'ended'), '');
    return name;
  });
  // The last two nights.
  const range = { from: START + 2 * DAY, to: START + 4 * DAY };
  const exported = async (format: 'html' | 'trace' | 'zip') => {
    const destination = join(tempDir(), `two.${format === 'trace' ? 'json' : format}`);
    const result = await exportFromPath({
      source: root,
      allRuns: true,
      range,
      format,
      destination,
      app: APP,
    });
    return { result, text: readFileSync(destination, 'utf8') };
  };

  it('numbers its runs as the folder does, and says which ended abnormally', async () => {
    const { result, text } = await exported('html');
    expect(result.abnormalRuns).toEqual([names[2]]);
    expect(runRows(text).map((row) => row.split(' | ').slice(0, 2).join(' | '))).toEqual([
      `3 of 4 | ${String(names[2])} ended abnormally`,
      `4 of 4 | ${String(names[3])}`,
    ]);
    const top = text.slice(0, text.indexOf('<section class="sec-summary">'));
    expect(top.replace(/<[^>]+>/g, '')).toContain(
      `A run ended abnormally. ${String(names[2])} ended abnormally: the app or the machine stopped without closing its journal (a crash, a power cut).`,
    );
  });

  it('tells its requests of one ref apart by the runs’ numbers in the folder', async () => {
    const { text } = await exported('trace');
    const ids = (JSON.parse(text) as { traceEvents: { cat?: string; id?: string }[] }).traceEvents
      .filter((e) => e.cat === 'request')
      .map((e) => e.id);
    expect([...new Set(ids)]).toEqual(['r1 (run 3)', 'r1 (run 4)']);
  });

  it('says in a bundle’s manifest and report which run ended abnormally, and again from it', async () => {
    const { result } = await exported('zip');
    const entries = await unzip(result.destination);
    const manifest = JSON.parse(entries.get('manifest.json')?.toString() ?? '{}') as {
      endedAbnormally?: string[];
    };
    expect(manifest.endedAbnormally).toEqual([names[2]]);
    expect(entries.get('mbn-diag-report.html')?.toString()).toContain('ended abnormally</span>');
    // Exported again, the bundle says the same of its runs.
    const again = join(tempDir(), 'again.html');
    await exportFromPath({
      source: result.destination,
      format: 'html',
      destination: again,
      app: APP,
    });
    const html = readFileSync(again, 'utf8');
    expect(runRows(html).map((row) => row.split(' | ').slice(0, 2).join(' | '))).toEqual([
      `3 of 4 | ${String(names[2])} ended abnormally`,
      `4 of 4 | ${String(names[3])}`,
    ]);
  });
});
