/**
 * A search that goes on from a row: after the last hit an earlier search handed out, so that a
 * technician can reach every match of a week, not only the first 5,000 (Monday morning). The rows
 * before the start are neither counted nor read: the index's buckets wholly before it are passed
 * over, as those it rules out are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import { type SearchQuery } from '../../../electron/core/log-search.js';
import { kioskLogLines, requestEntries } from '../../support/journal-traffic.js';
import { searchRows } from '../../support/search-rows.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'mbn-search-from-'));

const search = searchRows;

describe('a search from a row', () => {
  // 6,000 requests, a failure every 20th: 300 failures spread over a few buckets.
  const file = join(tempDir(), 'week.jsonl');
  writeFileSync(file, kioskLogLines(6000, () => ({ failEvery: 20 })).join('\n') + '\n');
  const failed: SearchQuery = { outcomes: ['failed'] };

  it('goes on after the last hit handed out, and counts only what follows', async () => {
    const all = await search(file, failed, { numbering: 'position' });
    expect(all.summary.matches).toBe(300);
    const first = await search(file, failed, { numbering: 'position', maxHits: 100 });
    expect(first.rows).toEqual(all.rows.slice(0, 100));
    const last = first.rows.at(-1) ?? 0;
    const next = await search(file, failed, {
      numbering: 'position',
      maxHits: 100,
      fromRow: last + 1,
    });
    // The next hundred, with none listed twice and none missed, and the count from there on.
    expect(next.rows).toEqual(all.rows.slice(100, 200));
    expect(next.summary.matches).toBe(200);
    expect(next.summary.totalBytes).toBe(all.summary.totalBytes);
  });

  it('reads none of the buckets before its start', async () => {
    // Free text reads every bucket the index has: from the middle, only the second half.
    const words: SearchQuery = { text: 'diagnostics' };
    const whole = await search(file, words, { numbering: 'position' });
    const middle = Math.floor((whole.rows.at(-1) ?? 0) / 2);
    const half = await search(file, words, { numbering: 'position', fromRow: middle });
    expect(half.rows).toEqual(whole.rows.filter((row) => row >= middle));
    const buckets = whole.summary.bucketsRead;
    expect(buckets).toBeGreaterThanOrEqual(4);
    expect(half.summary.bucketsRead + half.summary.bucketsSkipped).toBe(buckets);
    expect(half.summary.bucketsSkipped).toBeGreaterThanOrEqual(Math.floor(buckets / 2) - 1);
    // Bytes passed over are bytes dealt with: the search ends at 100 %.
    expect(half.summary.doneBytes).toBe(half.summary.totalBytes);
  });

  it('starts at the row given, a hit on that very row included', async () => {
    const all = await search(file, failed, { numbering: 'position' });
    const at = all.rows[150] ?? 0;
    const from = await search(file, failed, { numbering: 'position', fromRow: at });
    expect(from.rows[0]).toBe(at);
    expect(from.summary.matches).toBe(150);
  });

  it('numbers the live log by seq, and goes on from a seq', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const runStart: JournalOptions['runStart'] = {
      app: { name: 'mbn-diag', version: 'test' },
      os: { platform: 'linux', release: 'x', arch: 'x64' },
      backend: { kind: 'simulator', label: 'test', reason: 'test' },
    };
    const journal = new Journal({ dir: tempDir(), clock, runStart, maxFileBytes: 300 * 1024 });
    attachJournalIndex(journal);
    for (let n = 1; n <= 4000; n++) {
      clock.advance(1000);
      for (const entry of requestEntries(n, { failEvery: 25 })) journal.append(entry);
    }
    journal.close();
    const all = await search(journal.runDir, failed, { numbering: 'seq' });
    expect(all.rows.length).toBe(160);
    const from = (all.rows[99] ?? 0) + 1;
    const rest = await search(journal.runDir, failed, { numbering: 'seq', fromRow: from });
    expect(rest.rows).toEqual(all.rows.slice(100));
    expect(rest.summary.matches).toBe(60);
    expect(rest.summary.bucketsSkipped).toBeGreaterThan(all.summary.bucketsSkipped);
  });
});
