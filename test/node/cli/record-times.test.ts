/**
 * The CLI writes a record's time as the window's log, the HTML report and its own export words
 * do ("2026-01-15 20:05:00.000 Z"): `search` printed "2026-01-15T20:05:00.000Z" beside them, and
 * a technician comparing its output with the window read two notations for one time. Its --json
 * keeps the record as logged, for scripts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { zoneRun } from '../../support/zone-runs.js';

const SCENARIO = join(import.meta.dirname, '../../fixtures/ui-same-model.json');
/** "2026-01-15 20:05:00.000 Z", as shared/time.ts formatTimestamp writes a UTC time. */
const AS_THE_WINDOW_WRITES = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Z$/;

function logFile(): string {
  const lines = zoneRun({ name: 'America/Chicago', utcOffsetMinutes: -360 }, 20, {
    available: false,
    message: 'the kiosk dropped its session',
  }).map((record) => JSON.stringify(record));
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-cli-times-')), 'kiosk.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('the times the CLI prints', () => {
  it("writes a search match's time as the window does, and keeps it as logged in --json", async () => {
    const file = logFile();
    const found = await runCli(['search', file, '--text', 'dropped']);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/^#2 {2}2026-01-15 20:05:00\.000 Z {2}Unavailable/);
    const json = await runCli(['search', file, '--text', 'dropped', '--json']);
    const hit = JSON.parse(json.stdout) as { record: { time: string } };
    expect(hit.record.time).toBe('2026-01-15T20:05:00.000Z');
  });

  it('writes the time of each record `watch` prints as the window does', async () => {
    const run = await runCli(['--scenario', SCENARIO, 'watch', '--duration', '200']);
    expect(run.code).toBe(0);
    // Every line but the summary: a record, its time first, then two spaces.
    const records = run.stdout.trimEnd().split('\n').slice(0, -1);
    expect(records.length).toBeGreaterThan(2);
    for (const line of records) expect(line.split('  ')[0]).toMatch(AS_THE_WINDOW_WRITES);
  });
});
