/**
 * The recording machine's time zone in the run-start record: every time in a log is UTC, and a
 * technician's ticket ("the kiosk dropped its session at about 14:05") is in the kiosk's own time.
 * Written by the journal, read from logs that have it, logs without it still read, and a hostile
 * log's zone refused with words that say what is wrong.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../../electron/core/clock.js';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { readAll, readRunStart } from '../../../electron/core/journal-reader.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
  backend: { kind: 'simulator', label: 'Simulator', reason: 'test' },
};
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'mbn-zone-'));
const savedTz = process.env.TZ;

afterEach(() => {
  // Node takes a change of TZ at once; this file runs in a process of its own (pool: forks).
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** A run-start line as an older version (or a hostile hand) wrote it. */
function runStartLine(seq: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 2,
    seq,
    time: '2026-01-15T13:05:00.000Z',
    mono: 0,
    kind: 'run-start',
    format: 'mbn-diag-journal',
    runId: '0123456789abcdef0123456789abcdef',
    ...runStart,
    ...extra,
  });
}

async function readFile(lines: string[]) {
  const file = join(tempDir(), 'kiosk.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const log = await openLog(file);
  const records: JournalRecord[] = [];
  for await (const record of allRecords(log)) records.push(record);
  log.close();
  return { log, records };
}

describe('the journal records the machine time zone', () => {
  it('writes the zone the clock is set to, and its offset then, in the run-start and run.json', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 15, 13, 5), {
      name: 'America/Chicago',
      utcOffsetMinutes: -360,
    });
    const journal = new Journal({ dir: tempDir(), clock, runStart });
    journal.close();
    const zone = { name: 'America/Chicago', utcOffsetMinutes: -360 };
    const { records, summary } = await readAll(journal.runDir);
    expect(summary.problems).toEqual([]);
    expect(records[0]).toMatchObject({ kind: 'run-start', timeZone: zone });
    // A long run's first file is rotated away; its run-start lives on in run.json, zone and all.
    expect(readRunStart(journal.runDir)?.timeZone).toEqual(zone);
    const line = readFileSync(listJournalFiles(journal.runDir)[0] ?? '', 'utf8').split('\n')[0];
    expect(line).toContain('"timeZone":{"name":"America/Chicago","utcOffsetMinutes":-360}');
  });

  it("takes the machine's own zone, with the offset of that moment (summer time), never -0", () => {
    process.env.TZ = 'America/Chicago';
    expect(systemClock.timeZone(Date.UTC(2026, 0, 15, 12))).toEqual({
      name: 'America/Chicago',
      utcOffsetMinutes: -360,
    });
    expect(systemClock.timeZone(Date.UTC(2026, 6, 15, 12)).utcOffsetMinutes).toBe(-300);
    process.env.TZ = 'Asia/Kathmandu';
    expect(systemClock.timeZone(Date.UTC(2026, 0, 15)).utcOffsetMinutes).toBe(345);
    process.env.TZ = 'UTC';
    const utc = systemClock.timeZone(Date.UTC(2026, 0, 15));
    expect(utc.name).toBe('UTC');
    expect(Object.is(utc.utcOffsetMinutes, 0)).toBe(true);
  });

  it('writes the machine zone when the journal runs on the system clock', async () => {
    process.env.TZ = 'Europe/Berlin';
    const journal = new Journal({ dir: tempDir(), clock: systemClock, runStart });
    journal.close();
    const first = (await readAll(journal.runDir)).records[0];
    expect(first?.kind === 'run-start' ? first.timeZone?.name : undefined).toBe('Europe/Berlin');
    const offset = first?.kind === 'run-start' ? first.timeZone?.utcOffsetMinutes : undefined;
    expect([60, 120]).toContain(offset);
  });
});

describe('reading the zone back', () => {
  it('reads a log written before the zone was recorded, whole, with no zone', async () => {
    const { log, records } = await readFile([runStartLine(1)]);
    expect(log.problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(log.runStart?.runId).toBe('0123456789abcdef0123456789abcdef');
    expect(log.runStart?.timeZone).toBeUndefined();
  });

  it('takes zones at the edges: 14 hours either way, a name with digits, no name at all', async () => {
    const { log, records } = await readFile([
      runStartLine(1, { timeZone: { name: 'Pacific/Kiritimati', utcOffsetMinutes: 840 } }),
      runStartLine(2, { timeZone: { name: 'Etc/GMT+12', utcOffsetMinutes: -720 } }),
      runStartLine(3, { timeZone: { utcOffsetMinutes: -840 } }),
      runStartLine(4, {
        timeZone: { name: 'America/Argentina/Buenos_Aires', utcOffsetMinutes: -180 },
      }),
    ]);
    expect(log.problems).toEqual([]);
    expect(records.map((r) => (r.kind === 'run-start' ? r.timeZone : null))).toEqual([
      { name: 'Pacific/Kiritimati', utcOffsetMinutes: 840 },
      { name: 'Etc/GMT+12', utcOffsetMinutes: -720 },
      { utcOffsetMinutes: -840 },
      { name: 'America/Argentina/Buenos_Aires', utcOffsetMinutes: -180 },
    ]);
  });

  it("refuses a hostile log's zone with words that say what is wrong, and reads the rest", async () => {
    const wrong = 'a "run-start" record with a missing or wrong "timeZone": ';
    const offset = `${wrong}its "utcOffsetMinutes" is not a whole number of minutes within 14 hours of UTC`;
    const name = `${wrong}its "name" is not a time zone name (letters, digits, "/", "_", "+" or "-", up to 64 characters)`;
    const { log, records } = await readFile([
      runStartLine(1, { timeZone: { name: 'Europe/Berlin', utcOffsetMinutes: 841 } }),
      runStartLine(2, { timeZone: { name: 'Europe/Berlin', utcOffsetMinutes: -900 } }),
      runStartLine(3, { timeZone: { name: 'Europe/Berlin', utcOffsetMinutes: 60.5 } }),
      runStartLine(4, { timeZone: { name: 'Europe/Berlin', utcOffsetMinutes: '60' } }),
      runStartLine(5, { timeZone: { name: 'Europe/Berlin' } }),
      runStartLine(6, { timeZone: { name: 'Europe/Berlin\u001b[2J', utcOffsetMinutes: 60 } }),
      runStartLine(7, { timeZone: { name: `Europe/${'x'.repeat(60)}`, utcOffsetMinutes: 60 } }),
      runStartLine(8, { timeZone: { name: '<img src=x>', utcOffsetMinutes: 60 } }),
      runStartLine(9, { timeZone: 'Europe/Berlin' }),
      runStartLine(10, { timeZone: null }),
      runStartLine(11, { timeZone: { name: 'Europe/Berlin', utcOffsetMinutes: 60 } }),
    ]);
    expect(log.problems.map((p) => [p.line, p.message])).toEqual([
      [1, offset],
      [2, offset],
      [3, offset],
      [4, offset],
      [5, offset],
      [6, name],
      [7, name],
      [8, name],
      [9, `${wrong}it is not an object with "name" and "utcOffsetMinutes"`],
      [10, `${wrong}it is not an object with "name" and "utcOffsetMinutes"`],
    ]);
    expect(records.map((r) => r.seq)).toEqual([11]);
  });
});
