/**
 * Go to time in a log whose clock stepped back (a time sync on a kiosk whose clock ran an hour
 * fast): the same minute is in the log twice, and the technician must learn that the entry shown
 * is the first of two, and where the other is. And in a log whose clock never stepped back, or
 * only slewed back by a second, there is one such entry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import { requestEntries } from '../../support/journal-traffic.js';
import { steppingClock } from '../../support/stepping-clock.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};
const START = Date.UTC(2026, 0, 5, 10, 0, 0);
const MINUTE = 60_000;

/**
 * 9,000 requests a second apart (several index buckets, rotated files); after `stepAt` requests
 * the wall clock moves by `stepMs` (negative: back), the monotonic clock going on.
 */
async function runWithStep(stepAt: number, stepMs: number) {
  const { clock, manual, step } = steppingClock(START);
  const dir = mkdtempSync(join(tmpdir(), 'mbn-times-at-'));
  dirs.push(dir);
  const journal = new Journal({ dir, clock, runStart, maxFileBytes: 900 * 1024 });
  attachJournalIndex(journal);
  for (let n = 1; n <= 9000; n++) {
    manual.advance(1000);
    if (n === stepAt) step(stepMs);
    for (const entry of requestEntries(n, { rareEvery: 2500, failEvery: 40 }))
      journal.append(entry);
  }
  journal.close();
  const log = await openIndexedLog(journal.runDir, { save: false });
  const { records } = await readAll(journal.runDir);
  return { log, records };
}

describe('where the clock showed a time', () => {
  it('is found twice after the clock stepped back an hour past it, each the first entry at it', async () => {
    // 10:00 to 11:40, then back to 10:40 and on to 11:30: 10:40, 10:50 and 11:20 are in the log
    // twice.
    const { log, records } = await runWithStep(6000, -60 * MINUTE);
    const firstAfter = (ms: number, from: number) =>
      records.findIndex((r, i) => i >= from && Date.parse(r.time) >= ms);
    for (const ms of [START + 40 * MINUTE, START + 50 * MINUTE, START + 80 * MINUTE]) {
      const times = await log.timesAt(ms);
      expect(times).toHaveLength(2);
      const [first = -1, again = -1] = times;
      expect(first).toBe(firstAfter(ms, 0));
      expect(first).toBe(await log.positionAt(ms));
      // The other: after the step back (seq 6000 on), the first entry at or after the time again.
      const stepped = records.findIndex((r, i) => i > 0 && r.time < (records[i - 1]?.time ?? ''));
      expect(again).toBe(firstAfter(ms, stepped));
      expect(again).toBeGreaterThanOrEqual(stepped);
    }
    // Before the stretch the clock went back over, and after the latest time it reached after
    // the step: once.
    expect(await log.timesAt(START + 20 * MINUTE)).toHaveLength(1);
    expect(await log.timesAt(START + 35 * MINUTE)).toHaveLength(1);
    expect(await log.timesAt(START + 95 * MINUTE)).toHaveLength(1);
  });

  it('is found once where the clock never stepped back, or slewed back by seconds', async () => {
    for (const stepMs of [0, -5000]) {
      const { log } = await runWithStep(6000, stepMs);
      const ms = START + 6000 * 1000 - 2000;
      expect(await log.timesAt(ms), `step ${String(stepMs)} ms`).toEqual([
        await log.positionAt(ms),
      ]);
    }
  });
});
