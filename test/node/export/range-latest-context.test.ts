/**
 * What a range's export keeps from before the range: each device's latest details and the latest
 * run's start (shared/export-range.ts, LatestContext). A reviewer's hour of a week-long journal,
 * its modems listed again every few minutes, led its CSV with 284 listings from the days before,
 * 14% of its report's table. Read through the log's index (range-seek.ts) or from its start (a
 * bundle has no index: time-range-filter.ts), the export keeps the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import type { ExportRange } from '../../../shared/export-range.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';
import { ESN, RUN_START, SIERRA, SMS } from './support/pass-through-lines.js';

afterAll(removeTempDirs);

const START = Date.UTC(2026, 0, 5, 0, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUECTEL = '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}';
const SIERRA_IMEI = '359072061234567';
const QUECTEL_IMEI = '861234059876543';
/** 05:00 to 06:00. */
const RANGE = { from: START + 5 * HOUR, to: START + 6 * HOUR };

type Body = Record<string, unknown> & { kind: string };

/** Journal lines as the journal writes them, stamped in order; a run-start restarts mono. */
function journal() {
  const lines: string[] = [];
  let seq = 1;
  let runAt = START;
  return {
    push(ms: number, body: Body) {
      if (body.kind === 'run-start') runAt = ms;
      const stamp = { v: 2, seq: seq++, time: new Date(ms).toISOString(), mono: ms - runAt };
      lines.push(JSON.stringify({ ...stamp, ...body }));
    },
    save(name: string): string {
      const path = join(tempDir(), name);
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    },
  };
}

const listing = (interfaceId: string, firmware: string, deviceId: string, up: boolean): Body => ({
  kind: 'device-info',
  interfaceId,
  manufacturer: interfaceId === SIERRA ? 'Sierra Wireless' : 'Quectel',
  model: interfaceId === SIERRA ? 'EM7565' : 'EM120R-GL',
  firmware,
  deviceId,
  readyState: up ? 'initialized' : 'off',
});

const request = (interfaceId: string, n: number): Body => ({
  kind: 'request',
  ref: `r${String(n)}`,
  op: 'close',
  interfaceId,
  serviceId: SMS,
  serviceName: 'SMS',
  outcome: 'sending',
  sessionOpenBefore: true,
});

/**
 * Eight hours of one run: two modems listed again every five minutes (their ready state going up
 * and down), the Sierra's firmware updated at 03:00, a request every 2 s: the index's buckets
 * (4,096 records) before the range are passed over, their listings read backwards from it.
 */
function listedLog(): string {
  const log = journal();
  log.push(START, RUN_START);
  for (let ms = START, i = 0; ms < START + 8 * HOUR; ms += 2_000, i++) {
    if (i % 150 === 0) {
      const sierraFirmware = ms < START + 3 * HOUR ? 'SWI9X50C_01.09' : 'SWI9X50C_01.14';
      log.push(ms, listing(SIERRA, sierraFirmware, SIERRA_IMEI, i % 300 === 0));
      log.push(ms, listing(QUECTEL, 'EM120RGLAPR02A07M4G', QUECTEL_IMEI, i % 300 !== 0));
    }
    log.push(ms, request(i % 2 === 0 ? SIERRA : QUECTEL, i));
  }
  return log.save('listed.jsonl');
}

/** The log, and the same log as a bundle: read with its index, and read from its start. */
async function bothWays(path: string): Promise<{ indexed: string; whole: string }> {
  const bundle = join(tempDir(), 'customer.zip');
  await exportFromPath({
    source: path,
    format: 'zip',
    destination: bundle,
    app: APP,
    redact: false,
  });
  return { indexed: path, whole: bundle };
}

async function exported(
  source: string,
  format: 'jsonl' | 'csv' | 'html',
  range: ExportRange = RANGE,
): Promise<string> {
  const destination = join(tempDir(), `out.${format}`);
  await exportFromPath({ source, format, destination, app: APP, now: NOW, range });
  return readFileSync(destination, 'utf8');
}

/** A JSON Lines export's records, its header left off (it names the source). */
const records = (text: string) =>
  text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as Body & { time: string });

describe('a range’s export of a log whose devices are listed again and again', () => {
  it('leads its spreadsheet with the run’s start and each device’s latest details, nothing older', async () => {
    const sources = await bothWays(listedLog());
    for (const source of [sources.indexed, sources.whole]) {
      const rows = (await exported(source, 'csv')).trim().split('\n').slice(1);
      // seq, time, ...: the rows from before 05:00.
      const before = rows.filter((row) => (row.split(',')[1] ?? '') < '2026-01-05T05:00');
      expect(before, source).toHaveLength(3);
      expect(before[0], source).toContain(',run-start,');
      // Each modem as it was just before the hour, 04:55: the Sierra's firmware as updated at
      // 03:00, not as first listed; the hour's own listings follow among its rows.
      expect(before[1], source).toContain('2026-01-05T04:55:00.000Z');
      expect(before[1], source).toContain('SWI9X50C_01.14');
      expect(before[2], source).toContain('EM120R-GL');
      expect(before.join('\n'), source).not.toContain('SWI9X50C_01.09');
      // The hour's 1,800 requests and its 12 listings of each modem.
      expect(rows, source).toHaveLength(3 + 1800 + 2 * 12);
    }
  });

  it('keeps the same records whether the log is read through its index or from its start', async () => {
    const sources = await bothWays(listedLog());
    const indexed = records(await exported(sources.indexed, 'jsonl'));
    expect(records(await exported(sources.whole, 'jsonl'))).toEqual(indexed);
    expect(indexed.slice(0, 3).map((r) => [r.kind, r.interfaceId, r.firmware, r.time])).toEqual([
      ['run-start', undefined, undefined, '2026-01-05T00:00:00.000Z'],
      ['device-info', SIERRA, 'SWI9X50C_01.14', '2026-01-05T04:55:00.000Z'],
      ['device-info', QUECTEL, 'EM120RGLAPR02A07M4G', '2026-01-05T04:55:00.000Z'],
    ]);
    // A range starting between two listings keeps the ones before it, as the other way does.
    const between = { from: START + 5 * HOUR + 2 * MINUTE, to: START + 5 * HOUR + 4 * MINUTE };
    const early = records(await exported(sources.indexed, 'jsonl', between));
    expect(records(await exported(sources.whole, 'jsonl', between))).toEqual(early);
    expect(early.slice(0, 3).map((r) => r.time)).toEqual([
      '2026-01-05T00:00:00.000Z',
      '2026-01-05T05:00:00.000Z',
      '2026-01-05T05:00:00.000Z',
    ]);
  });
});

describe('a range’s export of a log holding two runs', () => {
  /**
   * The app restarted at 03:00, upgraded: the first run listed two modems, the second only the
   * Sierra (the Quectel unplugged meanwhile), its firmware updated.
   */
  function twoRuns(): string {
    const log = journal();
    log.push(START, RUN_START);
    log.push(START, listing(SIERRA, 'SWI9X50C_01.09', SIERRA_IMEI, true));
    log.push(START, listing(QUECTEL, 'EM120RGLAPR02A07M4G', QUECTEL_IMEI, true));
    for (let ms = START + 30_000, i = 0; ms < START + 3 * HOUR; ms += 30_000, i++)
      log.push(ms, request(i % 2 === 0 ? SIERRA : QUECTEL, i));
    const upgraded = { ...RUN_START, runId: 'fedcba9876543210fedcba9876543210' };
    log.push(START + 3 * HOUR, { ...upgraded, app: { name: 'mbn-diag', version: '0.2.0' } });
    log.push(START + 3 * HOUR, listing(SIERRA, 'SWI9X50C_01.14', SIERRA_IMEI, true));
    for (let ms = START + 3 * HOUR + 30_000, i = 0; ms < START + 8 * HOUR; ms += 30_000, i++)
      log.push(ms, request(SIERRA, i));
    return log.save('two-runs.jsonl');
  }

  it('says the range was recorded by the run it is in, with only that run’s devices', async () => {
    const sources = await bothWays(twoRuns());
    for (const source of [sources.indexed, sources.whole]) {
      const html = await exported(source, 'html');
      expect(html, source).toContain('<th>Recorded by</th><td>mbn-diag 0.2.0</td>');
      expect(html, source).toContain('SWI9X50C_01.14');
      // The Quectel was listed only in the first run: not a device of the range's.
      expect(html, source).not.toContain(QUECTEL);
      expect(html, source).not.toContain('SWI9X50C_01.09');
      const kept = records(await exported(source, 'jsonl')).filter((r) => r.time < '2026-01-05T05');
      expect(
        kept.map((r) => [r.kind, r.time]),
        source,
      ).toEqual([
        ['run-start', '2026-01-05T03:00:00.000Z'],
        ['device-info', '2026-01-05T03:00:00.000Z'],
      ]);
    }
  });
});

describe('a redacted range’s export', () => {
  it('redacts the device ID of a listing it left out for a later one, named in the range', async () => {
    // A CDMA modem (its ESN no digit scan finds) swapped at 02:00 for a GSM one on the same
    // interface; in the range, an error still names the ESN.
    const log = journal();
    log.push(START, RUN_START);
    log.push(START, listing(SIERRA, 'SWI9X50C_01.09', ESN, true));
    for (let ms = START + 30_000, i = 0; ms < START + 8 * HOUR; ms += 30_000, i++) {
      if (ms === START + 2 * HOUR)
        log.push(ms, listing(SIERRA, 'SWI9X50C_01.14', SIERRA_IMEI, true));
      if (ms === START + 5 * HOUR + 30 * MINUTE)
        log.push(ms, { kind: 'error', message: `ESN ${ESN} still reported`, context: 'cdma' });
      log.push(ms, request(SIERRA, i));
    }
    const sources = await bothWays(log.save('swapped.jsonl'));
    for (const source of [sources.indexed, sources.whole]) {
      const text = await exported(source, 'jsonl');
      expect(text, source).toContain('still reported');
      expect(text, source).not.toContain(ESN);
      expect(text, source).not.toContain(SIERRA_IMEI);
    }
  });
});
