/**
 * The report timeline's axis in the units the log's span needs. A week-long log's axis read
 * "0 s … 500000 s" beside a summary saying "6.9 d": a support engineer could not tell which day a
 * cluster of failures fell on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { RUN_START, typical } from './support/pass-through-lines.js';

afterAll(removeTempDirs);

const START = Date.UTC(2026, 0, 5, 8, 30);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Runs starting at `starts` (ms after START), each with a failing request every `step` for `length`. */
function log(starts: number[], length: number, step: number): string {
  const lines: string[] = [];
  let seq = 1;
  const push = (ms: number, mono: number, body: object) =>
    lines.push(
      JSON.stringify({ v: 2, seq: seq++, time: new Date(ms).toISOString(), mono, ...body }),
    );
  for (const start of starts) {
    const runAt = START + start;
    push(runAt, 0, RUN_START);
    for (let mono = step; mono <= length; mono += step) {
      const [request, returned, , completion] = typical(seq);
      for (const [record, after] of [
        [request, 0],
        [returned, 1],
        [completion, 12.5],
      ] as const) {
        const { v: _v, seq: _s, time: _t, mono: _m, ...body } = record ?? {};
        push(runAt + mono + after, mono + after, body);
      }
    }
  }
  const path = join(tempDir(), 'log.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The axis's tick labels, left to right, and what it says it measures. */
async function axis(source: string): Promise<{ ticks: string[]; label: string; note: string }> {
  const destination = join(tempDir(), 'report.html');
  await exportFromPath({ source, format: 'html', destination, app: APP, now: NOW });
  const html = readFileSync(destination, 'utf8');
  const ticks = [...html.matchAll(/class="tl-ticklabel">([^<]*)</g)].map((m) => m[1] ?? '');
  const label = /class="tl-axislabel">([^<]*)</.exec(html)?.[1] ?? '';
  const note = /<section class="sec-timeline">.*?<p class="note">([^<]*)</s.exec(html)?.[1] ?? '';
  return { ticks, label, note };
}

describe('the report timeline axis', () => {
  it('of a week-long run, is dated at each UTC midnight, as the report’s times are', async () => {
    const { ticks, label, note } = await axis(log([0], 6.9 * DAY, 2 * HOUR));
    expect(ticks).toEqual([
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-01-10',
      '2026-01-11',
      '2026-01-12',
    ]);
    expect(label).toBe('UTC, as every time in this report');
    expect(note).toContain('from when the run started, 2026-01-05 08:30:00.000 Z.');
  });

  it('of a day, has hours of the day, the first with its date', async () => {
    const { ticks } = await axis(log([0], 20 * HOUR, HOUR));
    expect(ticks).toEqual([
      '2026-01-05 09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '2026-01-06',
      '03:00',
    ]);
  });

  it('of a week with a restart, is dated across both runs, the second after the first', async () => {
    // Each run's clock starts again at 0: the second run's requests were drawn over the first's.
    const { ticks, label, note } = await axis(log([0, 4 * DAY], 2.5 * DAY, 2 * HOUR));
    expect(ticks).toEqual([
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-01-10',
      '2026-01-11',
    ]);
    expect(label).toBe('UTC, as every time in this report');
    expect(note).toContain(
      'Each later run is drawn from where the time its start was logged puts it.',
    );
  });

  it('of runs whose logged times overlap, draws each after the one before, from the start', async () => {
    // The second run logged as starting half a day before the first ended (a clock set back):
    // drawn after it, so no tick can be one time of day.
    const { ticks, label, note } = await axis(log([0, 3 * DAY], 3.5 * DAY, 2 * HOUR));
    expect(ticks.at(0)).toBe('0 s');
    expect(ticks.at(-1)).toBe('7 d');
    expect(label).toBe('time since the first run started');
    expect(note).toContain('Each later run is drawn after the one before it');
  });

  it('of a few minutes, has the minutes of the clock, as the window’s axis does', async () => {
    const { ticks, label, note } = await axis(log([0], 5 * MINUTE, 10_000));
    expect(ticks).toEqual(['2026-01-05 08:30', '08:31', '08:32', '08:33', '08:34', '08:35']);
    expect(label).toBe('UTC, as every time in this report');
    expect(note).toContain('from when the run started, 2026-01-05 08:30:00.000 Z.');
  });

  it('of seconds, where latencies are read, says seconds after the start', async () => {
    const { ticks, note } = await axis(log([0], 90_000, 5_000));
    expect(ticks).toEqual(['0 s', '15 s', '30 s', '45 s', '1 min', '1 min 15 s', '1 min 30 s']);
    expect(note).toContain('0 s is when the run started, 2026-01-05 08:30:00.000 Z.');
  });

  it('of an hour’s export, has the clock times of that hour, not minutes from its start', async () => {
    // A run of three hours; the report of its second hour, as the export panel makes one.
    const source = log([0], 3 * HOUR, MINUTE);
    const destination = join(tempDir(), 'hour.html');
    await exportFromPath({
      source,
      format: 'html',
      destination,
      app: APP,
      now: NOW,
      range: { from: START + HOUR, to: START + 2 * HOUR },
    });
    const html = readFileSync(destination, 'utf8');
    const ticks = [...html.matchAll(/class="tl-ticklabel">([^<]*)</g)].map((m) => m[1] ?? '');
    // From the range's first entry, a request at 09:30:00, to its last at 10:29.
    expect(ticks).toEqual(['2026-01-05 09:30', '09:40', '09:50', '10:00', '10:10', '10:20']);
    expect(html).toContain('UTC, as every time in this report');
  });
});
