/**
 * A search that has handed out all the hits it may (the window's 5,000, the command's --limit)
 * only counts the rest. For a query of outcomes, of problems or of kinds alone, the index's
 * counts say it exactly: a week of "succeeded" (1.4M matches) was counted by parsing every
 * matching line (23 s at ten million events). The count must be the one reading gives, whatever
 * the log holds (damaged lines, lines of format v1, a rotated run), and the hits handed out the
 * same.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SearchQuery } from '../../../electron/core/log-search.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { searchRows } from '../../support/search-rows.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-search-count-'));

/** The rows handed out (at most `maxHits`) and the summary, the index left unsaved. */
const search = (path: string, query: SearchQuery, maxHits: number) =>
  searchRows(path, query, { numbering: 'position', maxHits, save: false });

describe('the count of a search past its last hit handed out', () => {
  // 9,000 requests (27,000 lines, several buckets): failures, refusals and rare outcomes, a
  // damaged stretch, and format-v1 lines at the end.
  const file = join(dir, 'week.jsonl');
  const lines = kioskLogLines(9000, (n) => ({ failEvery: 17, rareEvery: 301 + (n % 5) }));
  lines.splice(12_000, 0, '{"v":2,"seq":0,"time":"2026-', '\0\0\0\0', 'not json');
  writeFileSync(file, `${lines.join('\n')}\n`);
  appendFileSync(file, `${v1Lines().join('\n')}\n`);

  const queries: SearchQuery[] = [
    { outcomes: ['succeeded'] },
    { outcomes: ['failed', 'refused'] },
    { problems: true },
    { kinds: ['completion'] },
    { kinds: ['request', 'call'] },
  ];

  it('is the count reading every line gives, with the same hits handed out', async () => {
    for (const query of queries) {
      const read = await search(file, query, Number.MAX_SAFE_INTEGER);
      expect(read.summary.matches, JSON.stringify(query)).toBeGreaterThan(50);
      for (const maxHits of [0, 50]) {
        const counted = await search(file, query, maxHits);
        const what = `${JSON.stringify(query)} after ${String(maxHits)} hits`;
        expect(counted.summary.matches, what).toBe(read.summary.matches);
        expect(counted.rows, what).toEqual(read.rows.slice(0, maxHits));
        expect(counted.summary.damagedLines, what).toBe(read.summary.damagedLines);
      }
    }
  });

  it('reads no bucket to count once the hits are handed out', async () => {
    const counted = await search(file, { outcomes: ['succeeded'] }, 0);
    expect(counted.summary.bucketsRead).toBe(0);
    // Two conditions together: only reading tells which records hold both.
    const both = await search(file, { outcomes: ['failed'], kinds: ['completion'] }, 0);
    expect(both.summary.bucketsRead).toBeGreaterThan(0);
  });
});
