/**
 * What the top of the report says, read as a support engineer reads it. Its success rates beside
 * the colour that marks them: 99.8997 % read "99.9%" in orange
 * beside another service's green "99.9%" (99.90 %), and a support engineer could not tell why one
 * was marked. A rate whose rounding would carry it over its colour's line is written to a
 * hundredth, cut: "99.89%".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { requestEntries } from '../../support/journal-traffic.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(() => removeTempDirs());

/** 3,000 requests: SMS 2 failures in 2,000 (99.90 %), Diagnostics 1 in 999 (99.8999 %). */
function records(): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (let n = 1; n <= 3000; n++) {
    if (n === 3) continue; // Diagnostics: 999 requests
    const fail = n === 1000 || n === 2000 || n === 6;
    for (const entry of requestEntries(n, { failEvery: 1_000_000 })) {
      const failed =
        fail && entry.kind === 'completion'
          ? { ...entry, outcome: 'failed' as const, status: '0x80004005', statusName: 'E_FAIL' }
          : entry;
      const time = new Date(Date.UTC(2026, 0, 5, 8) + n * 1000).toISOString();
      out.push({ v: 2, seq: out.length + 1, time, mono: n * 1000, ...failed });
    }
  }
  return out;
}

describe('the report’s success rates', () => {
  it('never write two rates alike that their colours tell apart', async () => {
    const file = join(tempDir(), 'report.html');
    await exportRecords(records(), 'html', file);
    const html = readFileSync(file, 'utf8');
    const rate = (service: string): string =>
      html
        .match(
          new RegExp(
            `<td>${service}</td><td class="n">[\\d,]+</td><td class="n ([a-z]+)">([^<]+)</td>`,
          ),
        )
        ?.slice(1, 3)
        .join(' ') ?? 'none';
    expect(rate('SMS')).toBe('good 99.9%');
    expect(rate('Sierra Diagnostics Stream')).toBe('warn 99.89%');
  });
});

describe('the report’s header', () => {
  // "exported 2026-12-05 13:00:09 UTC" above rows reading "2026-01-05 08:00:01.000 Z": two ways
  // of writing a time in one page.
  it('writes when it was exported as every time in the report is written', async () => {
    const file = join(tempDir(), 'report.html');
    await exportRecords(records().slice(0, 3), 'html', file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/ · exported \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} Z by /);
  });
});
