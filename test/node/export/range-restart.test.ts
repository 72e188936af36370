/**
 * A range that holds a restart of the app: its clock (mono) starts again at 0 in the second run,
 * so the report cannot draw the range from its first entry's mono, nor take its duration from
 * the mono span. A review found the later run's requests left out of the timeline's columns and
 * the duration read across both runs' clocks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { RUN_START, typical } from './support/pass-through-lines.js';

afterAll(removeTempDirs);

const TEN = Date.UTC(2026, 0, 5, 10);
const HOUR = 3_600_000;
/** 11:00 to 13:00: the last hour of the first run and the first of the second. */
const RANGE = { from: TEN + HOUR, to: TEN + 3 * HOUR };

/**
 * A run from 10:00 to 12:00, the app restarted at 12:00, running to 14:00: a request every
 * `step`, each failing at once.
 */
function restartLog(step: number): string {
  const lines: string[] = [];
  let seq = 1;
  const push = (ms: number, mono: number, body: object) =>
    lines.push(
      JSON.stringify({ v: 2, seq: seq++, time: new Date(ms).toISOString(), mono, ...body }),
    );
  for (const runAt of [TEN, TEN + 2 * HOUR]) {
    push(runAt, 0, RUN_START);
    for (let mono = step / 2; mono < 2 * HOUR; mono += step) {
      // Sent, returned, completed (E_FAIL) 12.5 ms later: as the journal writes them.
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
  const path = join(tempDir(), 'restart.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function report(step: number): Promise<string> {
  const destination = join(tempDir(), 'report.html');
  await exportFromPath({
    source: restartLog(step),
    format: 'html',
    destination,
    app: APP,
    now: NOW,
    range: RANGE,
  });
  return readFileSync(destination, 'utf8');
}

describe('a report of a range', () => {
  it('is drawn from its first entry though a completion is written after the call’s return', async () => {
    // The completion came during the call (at 11:00:00.200), so is written after its return
    // (11:00:00.500) with its own earlier time: the range's first entry is the return.
    const [request, returned, , completion] = typical(1);
    const lines: string[] = [];
    let seq = 1;
    const push = (ms: number, body: object) =>
      lines.push(
        JSON.stringify({
          v: 2,
          seq: seq++,
          time: new Date(ms).toISOString(),
          mono: ms - TEN,
          ...body,
        }),
      );
    const strip = (record: Record<string, unknown> | undefined) => {
      const { v: _v, seq: _s, time: _t, mono: _m, ...body } = record ?? {};
      return body;
    };
    push(TEN, RUN_START);
    push(TEN + HOUR - 1000, strip(request));
    push(TEN + HOUR + 500, strip(returned));
    push(TEN + HOUR + 200, strip(completion));
    const source = join(tempDir(), 'early.jsonl');
    writeFileSync(source, `${lines.join('\n')}\n`);
    const destination = join(tempDir(), 'early.html');
    await exportFromPath({ source, format: 'html', destination, app: APP, now: NOW, range: RANGE });
    expect(readFileSync(destination, 'utf8')).toContain(
      '0 s is the range&#39;s first entry, 2026-01-05 11:00:00.500 Z.',
    );
  });
});

describe('a report of a range that holds a restart', () => {
  it('says how long the range’s entries span by the wall clock, and draws both runs apart', async () => {
    const html = await report(60_000);
    // 11:00:30 to 12:59:30.
    expect(html).toContain('<b>2.0 h</b><span>duration</span>');
    // Drawn from the run's start: the second run's requests at its left, the first's at the
    // right, each where it stands (not piled up on the picture's edge).
    const xs = [...html.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="12"/g)].map(
      (m) => Number(m[1]),
    );
    expect(xs).toHaveLength(120);
    expect(new Set(xs).size).toBe(120);
  });

  it('counts both runs’ requests in the picture’s columns when there are too many to draw', async () => {
    const html = await report(1_000);
    expect(html).toContain('7,200 requests are too many to draw one by one');
    // Each column's title counts what it holds; a request is in the column it was sent in (and
    // in the next too, when its 12.5 ms cross into it: a few).
    const counted = [...html.matchAll(/<g><title>(\d+) failed/g)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
    expect(counted).toBeGreaterThanOrEqual(7_200);
    expect(counted).toBeLessThan(7_300);
  });
});
