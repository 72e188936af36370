/**
 * Where a reader of the exports finds the recording machine's time zone: every time in them is
 * UTC, and a technician's ticket is in the machine's own time. The report says it under its
 * header and in its environment (every run's zone, never one picked from several), the trace in
 * its metadata, the bundle in its manifest; the JSON Lines keep the run-start lines as they are,
 * and redaction leaves a zone's name alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, manifestSchema } from '../../../electron/core/export/bundle-manifest.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { zoneRun } from '../../support/zone-runs.js';
import { exportRecords, removeTempDirs, tempDir, unzip } from './support/helpers.js';

afterAll(removeTempDirs);

const BERLIN = { name: 'Europe/Berlin', utcOffsetMinutes: 60 };
const CHICAGO = { name: 'America/Chicago', utcOffsetMinutes: -360 };

const run = zoneRun;

async function report(records: JournalRecord[]): Promise<string> {
  const out = join(tempDir(), 'report.html');
  await exportRecords(records, 'html', out);
  return readFileSync(out, 'utf8');
}

/** The line under the report's header, and its environment's row. */
function zoneWords(html: string): { meta: string | undefined; env: string | undefined } {
  return {
    meta: /<p class="meta sec-zone">([^<]*)<\/p>/.exec(html)?.[1],
    env: /<tr><th>Time zone at run start<\/th><td>([^<]*)<\/td><\/tr>/.exec(html)?.[1],
  };
}

describe('the HTML report', () => {
  it('says under its header which zone the log was recorded in, and that its times are UTC', async () => {
    const html = await report(run(BERLIN, 13));
    expect(zoneWords(html)).toEqual({
      meta: 'Recorded in Europe/Berlin (UTC+01:00). Every time in this report is UTC.',
      env: 'Recorded in Europe/Berlin (UTC+01:00)',
    });
    // The run-start row of the log says it too, in the words every view gives that record.
    expect(html).toContain('(Simulator), clock set to Europe/Berlin (UTC+01:00)');
  });

  it('names every zone of a log whose runs were recorded in several, and which runs did not say', async () => {
    const two = zoneWords(await report([...run(BERLIN, 8), ...run(CHICAGO, 20)]));
    expect(two.meta).toBe(
      'Recorded in 2 time zones: Europe/Berlin (UTC+01:00), America/Chicago (UTC-06:00). Every time in this report is UTC.',
    );
    const some = zoneWords(
      await report([...run(BERLIN, 8), ...run(undefined, 9), ...run(BERLIN, 10)]),
    );
    expect(some.env).toBe('Recorded in Europe/Berlin (UTC+01:00); not recorded for 1 of 3 runs');
  });

  it("says when the recording machine's zone is not in the log (one written before it was)", async () => {
    expect(zoneWords(await report(run(undefined, 13)))).toEqual({
      meta: 'Recording machine&#39;s time zone not recorded. Every time in this report is UTC.',
      env: 'Recording machine&#39;s time zone not recorded',
    });
  });
});

describe('the other exports', () => {
  it('the trace says the zones in its metadata', async () => {
    const out = join(tempDir(), 'trace.json');
    await exportRecords([...run(BERLIN, 8), ...run(CHICAGO, 20)], 'trace', out);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as { otherData: { timeZone: string } };
    expect(trace.otherData.timeZone).toBe(
      'Recorded in 2 time zones: Europe/Berlin (UTC+01:00), America/Chicago (UTC-06:00); each event\'s "time" is UTC',
    );
  });

  it("the bundle's manifest lists each zone and the runs without one", async () => {
    const out = join(tempDir(), 'bundle.zip');
    await exportRecords([...run(BERLIN, 8), ...run(undefined, 9), ...run(CHICAGO, 20)], 'zip', out);
    const manifest = manifestSchema.parse(
      JSON.parse((await unzip(out)).get(BUNDLE_FILES.manifest)?.toString() ?? ''),
    );
    expect(manifest.environment.timeZones).toEqual([BERLIN, CHICAGO]);
    expect(manifest.environment.runsWithoutTimeZone).toBe(1);
  });

  it('a saved log with zones exports to JSON Lines with its run-start lines as they were', async () => {
    const source = join(tempDir(), 'kiosk.jsonl');
    const lines = [...run(BERLIN, 8), ...run(undefined, 9), ...run(CHICAGO, 20)].map((r) =>
      JSON.stringify(r),
    );
    writeFileSync(source, lines.join('\n') + '\n');
    for (const redact of [true, false]) {
      const out = join(tempDir(), 'out.jsonl');
      const result = await exportFromPath({
        source,
        format: 'jsonl',
        destination: out,
        redact,
        app: { name: 'mbn-diag', version: '0.1.0' },
      });
      expect(result.problems).toEqual([]);
      // After the export's own header line: every line, zone or none, byte for byte.
      expect(readFileSync(out, 'utf8').trim().split('\n').slice(1)).toEqual(lines);
    }
  });

  it('redaction leaves zone names alone, digits, signs and all', async () => {
    const zones = [
      { name: 'Etc/GMT-14', utcOffsetMinutes: 840 },
      { name: 'America/Argentina/Buenos_Aires', utcOffsetMinutes: -180 },
      { name: 'Asia/Kathmandu', utcOffsetMinutes: 345 },
    ];
    const out = join(tempDir(), 'log.jsonl');
    await exportRecords(
      zones.flatMap((zone, i) => run(zone, 8 + i)),
      'jsonl',
      out,
      { redact: true },
    );
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; timeZone?: unknown; redacted?: boolean });
    expect(lines[0]?.redacted).toBe(true);
    expect(lines.filter((l) => l.kind === 'run-start').map((l) => l.timeZone)).toEqual(zones);
  });
});
