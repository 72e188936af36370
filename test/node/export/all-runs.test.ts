/**
 * Every run of a journal folder exported as one log (--all-runs: all-runs-log.ts). Each run is
 * read as it is read alone: a run whose first file was rotated away still starts with its
 * run-start, kept in run.json, or its requests would be paired with the run before's. And a device
 * ID no digit scan finds, named in an older run, is found before the export begins: searched for
 * in the newest run alone, it went out in clear.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';
import { SERVICE, SIERRA, lineHead } from './support/fast-vs-full.js';

afterAll(removeTempDirs);

function runStart(seq: number, runId: string): string {
  return JSON.stringify({
    v: 2,
    seq,
    time: '2026-11-24T08:30:00.000Z',
    mono: 0,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId,
    app: APP,
    os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
    backend: { kind: 'simulator', label: 'sim', reason: 'test' },
  });
}

/** A run folder of `files` (journal file number to its lines), with run.json when given. */
function run(root: string, name: string, files: Record<number, string[]>, json?: string): void {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [n, lines] of Object.entries(files))
    writeFileSync(join(dir, `journal-${n.padStart(6, '0')}.jsonl`), `${lines.join('\n')}\n`);
  if (json) writeFileSync(join(dir, 'run.json'), `${json}\n`);
}

const state = (seq: number, name: string): string =>
  `${lineHead(seq)},"kind":"session-state",${SERVICE.replace('"SMS"', `"${name}"`)},"from":"open","to":"closing"}`;

describe('an export of every run of a journal folder', () => {
  const root = tempDir();
  // The oldest run: a hex ESN in a service's name, before the device-info line naming it.
  run(root, 'run-20261124T083000000Z-aaaaaa', {
    1: [
      runStart(1, 'a'.repeat(32)),
      state(2, 'esn 8a3b1c2d'),
      `${lineHead(3)},"kind":"device-info","interfaceId":"${SIERRA}","manufacturer":"m","model":"CDMA","firmware":"f","deviceId":"8A3B1C2D","readyState":"initialized"}`,
    ],
  });
  // The newest, a long one: its first file rotated away, its run-start in run.json.
  const second = runStart(1, 'b'.repeat(32));
  run(root, 'run-20261124T090000000Z-bbbbbb', { 2: [state(900, 'second run')] }, second);

  it('holds each run, oldest first, each from its run-start, and the ESN redacted', async () => {
    const destination = join(tempDir(), 'all.jsonl');
    const result = await exportFromPath({
      source: root,
      allRuns: true,
      format: 'jsonl',
      destination,
      app: APP,
    });
    const records = readFileSync(destination, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"v"'))
      .map((line) => JSON.parse(line) as { kind: string; runId?: string; serviceName?: string });
    expect(records.map((r) => r.kind)).toEqual([
      'run-start',
      'session-state',
      'device-info',
      'run-start',
      'session-state',
    ]);
    expect(records.filter((r) => r.kind === 'run-start').map((r) => r.runId)).toEqual([
      'a'.repeat(32),
      'b'.repeat(32),
    ]);
    expect(records[1]?.serviceName).toBe('esn ESN-1');
    expect(readFileSync(destination, 'utf8').toLowerCase()).not.toContain('8a3b1c2d');
    expect(result.records).toBe(5);
  });

  // A range opening on a run's start sent the run before's start (held as context) first: the
  // report counted two runs for one, and the confirmation said a run's start was kept from before.
  it("holds a range's own run alone when the range opens on that run's start", async () => {
    const dir = tempDir();
    const times = (day: number) => `2026-11-2${String(day)}T08:30:00.000Z`;
    const dayRun = (day: number, name: string): void => {
      const start = JSON.parse(runStart(1, String(day).repeat(32))) as Record<string, unknown>;
      const lines = [
        JSON.stringify({ ...start, time: times(day) }),
        state(2, `day ${String(day)}`).replace(/"time":"[^"]+"/, `"time":"${times(day)}"`),
      ];
      run(dir, name, { 1: lines });
    };
    dayRun(1, 'run-20261121T083000000Z-aaaaaa');
    dayRun(2, 'run-20261122T083000000Z-bbbbbb');
    const destination = join(tempDir(), 'day2.jsonl');
    const result = await exportFromPath({
      source: dir,
      allRuns: true,
      format: 'jsonl',
      destination,
      app: APP,
      range: { from: Date.parse(times(2)), to: Date.parse(times(2)) + 60_000 },
    });
    const records = readFileSync(destination, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"v"'))
      .map((line) => JSON.parse(line) as { kind: string; runId?: string });
    expect(records.map((r) => r.runId ?? r.kind)).toEqual(['2'.repeat(32), 'session-state']);
    expect(result.keptFromBefore).toEqual({ runStarts: 0, devices: 0 });
  });
});
