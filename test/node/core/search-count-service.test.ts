/**
 * A search by service alone that has handed out all the hits it may (the window's 5,000, the
 * command's --limit) counts the rest from the index's per-bucket service counts, where it read
 * and parsed every matching line only to count it (`--service diagnostics --limit 0`: 1.3 s at a
 * million events, where `--outcome succeeded` counted in 0.9 s). The count must be the one
 * reading gives, whatever the log holds: a service known under two names, a name two services
 * share, a service re-enumerated under a second ID, an ID that normalizes twice, damaged lines
 * and a v1 tail (upgraded, its failed calls taking their service from their request).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SearchQuery } from '../../../electron/core/log-search.js';
import { matchingRows } from '../../support/matching-rows.js';
import { DIAG, kioskLogLines } from '../../support/journal-traffic.js';
import { searchRows } from '../../support/search-rows.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-search-count-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another vendor service, logged under the generic name the diagnostics one had at first. */
const OTHER_VENDOR = '{0d0d0d0d-1111-4222-8333-444444444444}';
/** The diagnostics service after the device was re-enumerated: the same name, a new ID. */
const DIAG_AGAIN = '{8c1e5a4b-9999-4d4b-9a22-51a2d1ef0c9a}';
/** An ID normalized twice is another (`{0ddba11}` once, `0ddba11` again): matched by name. */
const ODD_ID = '{{0ddba11}}';

/**
 * 9,000 requests (about 27,000 lines, seven buckets) to SMS and the diagnostics service: the
 * latter logged as "Vendor service" until it was listed, then re-enumerated for a stretch;
 * another vendor service now and then, `odd` IDs in one stretch, a damaged stretch.
 */
function kioskLines(odd: boolean): string[] {
  const lines = kioskLogLines(9000, (n) => ({ failEvery: 17, rareEvery: 301 + (n % 5) }));
  const named = (line: string, id: string, name: string): string =>
    line.replace(/"serviceId":"[^"]*","serviceName":"[^"]*"/, () =>
      [`"serviceId":"${id}"`, `"serviceName":"${name}"`].join(','),
    );
  const out = lines.map((line, i) => {
    if (i < 1500) line = line.replace('"Sierra Diagnostics Stream"', '"Vendor service"');
    if (i >= 18_000 && i < 20_000) line = line.replaceAll(DIAG.serviceId, DIAG_AGAIN);
    if (i % 501 === 0) line = named(line, OTHER_VENDOR, 'Vendor service');
    if (odd && i >= 9000 && i < 9100 && i % 4 === 0)
      line = named(line, ODD_ID, 'Odd diagnostics port');
    return line;
  });
  out.splice(12_000, 0, '{"v":2,"seq":0,"time":"2026-', '\0\0\0\0', 'not json');
  return out;
}

/**
 * The v1 fixture, its last call that threw (an error naming its request, r11) put two buckets
 * after that request: the index's build met the request, a search reading the error's bucket
 * does not (it reads the bucket before only), and takes the call for no service's ID.
 */
function v1Tail(): string[] {
  const lines = v1Lines();
  const padding = lines.find((line) => line.includes('"kind":"read-data"')) ?? '';
  lines.splice(-1, 0, ...Array.from({ length: 8500 }, () => padding));
  return lines;
}

const MIXED = join(dir, 'mixed.jsonl');
writeFileSync(MIXED, `${[...kioskLines(true), ...v1Tail()].join('\n')}\n`);
/** The same without the odd IDs and the v1 tail: every bucket's service counts exact. */
const PLAIN = join(dir, 'plain.jsonl');
writeFileSync(PLAIN, `${kioskLines(false).join('\n')}\n`);

/** The rows handed out (at most `maxHits`) and the summary, the index left unsaved. */
const search = (path: string, query: SearchQuery, maxHits: number) =>
  searchRows(path, query, { numbering: 'position', maxHits, save: false });

/** The rows (1-based) of a file's records a query matches, as testing every record finds them. */
const expectedRows = matchingRows;

const QUERIES: SearchQuery[] = [
  // Three IDs: the diagnostics service's two and the odd one, by its name.
  { service: 'diagnostics' },
  { service: 'Sierra' },
  // By the ID's start: both of the diagnostics service's, and the v1 tail's.
  { service: '{8C1E5A4B' },
  { service: 'sms' },
  // Two services went by this name, one of them under another name too.
  { service: 'vendor' },
  { service: 'odd' },
  { service: 'quectel' },
  // A service and an outcome: only reading tells which records hold both.
  { service: 'diagnostics', outcomes: ['succeeded'] },
];

describe('the count of a search by service past its last hit handed out', () => {
  it('is the count reading every line gives, with the same hits handed out', async () => {
    // Counted first while the file's index is built on the way, then from the index kept.
    const fresh = join(dir, 'fresh.jsonl');
    for (const query of QUERIES) {
      const expected = await expectedRows(MIXED, query);
      const read = await search(MIXED, query, Number.MAX_SAFE_INTEGER);
      // But for the call after its request by two buckets, which a search reads for no
      // service's ID (v1Tail) and one pass over every record for its request's: the count is
      // held to what the search reads.
      if (query.service !== '{8C1E5A4B') expect(read.rows, JSON.stringify(query)).toEqual(expected);
      else expect(read.rows).toHaveLength(expected.length - 1);
      expect(read.summary.matches, JSON.stringify(query)).toBeGreaterThan(10);
      copyFileSync(MIXED, fresh);
      for (const [file, maxHits] of [
        [fresh, 0],
        [MIXED, 0],
        [MIXED, 1],
        [MIXED, 50],
      ] as const) {
        const counted = await search(file, query, maxHits);
        const what = `${JSON.stringify(query)} after ${String(maxHits)} hits`;
        expect(counted.summary.matches, what).toBe(read.summary.matches);
        expect(counted.rows, what).toEqual(read.rows.slice(0, maxHits));
        expect(counted.summary.damagedLines, what).toBe(read.summary.damagedLines);
      }
    }
  });

  it('reads no bucket to count once the hits are handed out', async () => {
    const read = await search(PLAIN, { service: 'diagnostics' }, Number.MAX_SAFE_INTEGER);
    expect(read.summary.bucketsRead).toBeGreaterThan(4);
    for (const service of ['diagnostics', 'vendor', 'sms']) {
      const counted = await search(PLAIN, { service }, 0);
      expect(counted.summary.bucketsRead, service).toBe(0);
      expect(counted.summary.matches, service).toBeGreaterThan(100);
    }
    // The first bucket read for its one hit, the rest counted.
    const one = await search(PLAIN, { service: 'diagnostics' }, 1);
    expect(one.summary.bucketsRead).toBe(1);
    expect(one.summary.matches).toBe(read.summary.matches);
    // Two conditions together are read.
    const both = await search(PLAIN, { service: 'diagnostics', outcomes: ['succeeded'] }, 0);
    expect(both.summary.bucketsRead).toBeGreaterThan(4);
    // In the mixed log, only the buckets the counts cannot tell are read: the odd IDs' and the
    // two of the v1 tail that name the service (its request r11's, its failed call's).
    const mixed = await search(MIXED, { service: 'diagnostics' }, 0);
    expect(mixed.summary.bucketsRead).toBe(3);
  });
});
