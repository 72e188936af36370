/**
 * `mbn-diag search` prints UTC times; the technician's ticket beside the log is in the recording
 * machine's own time. The search says where the log was recorded, every run's zone, and a run's
 * start names its zone as every view does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimeZone } from '../../../shared/journal/time-zone.js';
import { runCli } from '../../support/run-cli.js';
import { zoneRun } from '../../support/zone-runs.js';

/** A run whose backend then dropped the kiosk's session, as the log's lines. */
function run(zone: TimeZone | undefined, hour: number): string[] {
  return zoneRun(zone, hour, { available: false, message: 'the kiosk dropped its session' }).map(
    (record) => JSON.stringify(record),
  );
}

function logFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-cli-zone-')), 'kiosk.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('mbn-diag search and the time zone', () => {
  it('says which zone the log was recorded in, under the UTC times it printed', async () => {
    const file = logFile(run({ name: 'America/Chicago', utcOffsetMinutes: -360 }, 20));
    const found = await runCli(['search', file, '--text', 'dropped']);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/^#2 +2026-01-15 20:05:00.000 Z /);
    expect(found.stderr).toContain(
      'mbn-diag: Recorded in America/Chicago (UTC-06:00). Times above are UTC.\n',
    );
    const start = await runCli(['search', file, '--text', 'chicago']);
    expect(start.stdout).toContain('(Simulator), clock set to America/Chicago (UTC-06:00)');
  });

  it("names every run's zone, and says when a log does not have it", async () => {
    const mixed = logFile([
      ...run({ name: 'Europe/Berlin', utcOffsetMinutes: 60 }, 8),
      ...run({ name: 'America/Chicago', utcOffsetMinutes: -360 }, 20),
    ]);
    const both = await runCli(['search', mixed, '--text', 'dropped']);
    expect(both.stderr).toContain(
      'mbn-diag: Recorded in 2 time zones: Europe/Berlin (UTC+01:00), America/Chicago (UTC-06:00). Times above are UTC.\n',
    );
    const old = await runCli(['search', logFile(run(undefined, 8)), '--text', 'dropped']);
    expect(old.code).toBe(0);
    expect(old.stderr).toContain(
      "mbn-diag: Recording machine's time zone not recorded. Times above are UTC.\n",
    );
  });
});
