import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import { searchLog, type SearchHit } from '../../../electron/core/log-search.js';
import { searchNewestFirst, type NewestFirstOptions } from '../../../electron/core/newest-first.js';
import { requestEntries } from '../../support/journal-traffic.js';

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};

/** A run of several files: 3,000 requests, one in 50 failing (60 failures). */
function writeRun(): string {
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const dir = mkdtempSync(join(tmpdir(), 'mbn-newest-'));
  const journal = new Journal({ dir, clock, runStart, maxFileBytes: 200 * 1024 });
  attachJournalIndex(journal);
  for (let n = 1; n <= 3000; n++) {
    clock.advance(1000);
    for (const entry of requestEntries(n, { rareEvery: 4000, failEvery: 50 }))
      journal.append(entry);
  }
  journal.close();
  return journal.runDir;
}

const RUN = writeRun();
const FAILED = { outcomes: ['failed' as const] };

async function newest(options: Partial<NewestFirstOptions> = {}) {
  const hits: SearchHit[] = [];
  const summary = await searchNewestFirst(RUN, FAILED, {
    numbering: 'position',
    onHits: (batch) => hits.push(...batch),
    ...options,
  });
  return { hits, summary };
}

describe('the newest matches first', () => {
  it('hands out the last failures of the log, the latest first, and counts them all', async () => {
    const all: SearchHit[] = [];
    await searchLog(RUN, FAILED, { numbering: 'position', onHits: (b) => all.push(...b) });
    expect(all.length).toBe(60);

    const { hits, summary } = await newest({ maxHits: 25 });
    // The latest 25 of the 60, newest first: what "when did it last fail?" asks.
    expect(hits.map((h) => h.row)).toEqual(
      all
        .slice(-25)
        .map((h) => h.row)
        .reverse(),
    );
    expect(summary.matches).toBe(60);
    expect(summary.delivered).toBe(25);
  });

  it('hands out every match, newest first, when there are no more than it may hand out', async () => {
    const { hits, summary } = await newest({ maxHits: 100 });
    expect(hits.length).toBe(60);
    expect(hits.map((h) => h.row)).toEqual(hits.map((h) => h.row).sort((a, b) => b - a));
    expect(summary.matches).toBe(60);
    expect(summary.delivered).toBe(60);
  });

  it('goes on below the oldest hit handed out, counting only the matches before it', async () => {
    const first = await newest({ maxHits: 25 });
    const oldest = first.hits[first.hits.length - 1]?.row ?? 0;
    const older = await newest({ maxHits: 25, beforeRow: oldest });
    expect(older.summary.matches).toBe(35);
    expect(older.hits[0]?.row).toBeLessThan(oldest);
    const rest = await newest({ maxHits: 25, beforeRow: older.hits[24]?.row ?? 0 });
    // Every failure once, in three pages, newest to oldest.
    const rows = [...first.hits, ...older.hits, ...rest.hits].map((h) => h.row);
    expect(rows.length).toBe(60);
    expect(rows).toEqual([...rows].sort((a, b) => b - a));
    expect(new Set(rows).size).toBe(60);
  });

  it('counts only, handing out nothing, when no hit is asked for', async () => {
    const { hits, summary } = await newest({ maxHits: 0 });
    expect(hits).toEqual([]);
    expect(summary.matches).toBe(60);
    // Counted from the index's counts, the buckets from the row on are not counted.
    const first = await newest({ maxHits: 25 });
    const below = await newest({ maxHits: 0, beforeRow: first.hits[24]?.row ?? 0 });
    expect(below.summary.matches).toBe(35);
  });
});
