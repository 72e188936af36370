/**
 * A search by service alone parses only the lines holding the service's ID (its file's one ID
 * for the query, as forFileServices finds it), where it parsed every line of every bucket naming
 * the service (103 s at ten million events): with the same hits, whichever path finds a bucket's
 * candidate lines, as testing every record finds; an ID in any case, with braces or without,
 * spelt with a JSON escape, or in lines upgraded from v1; and a query two services answer keeps
 * parsing every line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { Journal } from '../../../electron/core/journal.js';
import { searchLog, type SearchQuery } from '../../../electron/core/log-search.js';
import { testRunStart } from '../../support/journal-entries.js';
import { matchingRows } from '../../support/matching-rows.js';
import { DIAG, requestEntries } from '../../support/journal-traffic.js';
import { SEARCH_PATHS, searchOnPath } from '../../support/search-paths.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-service-needle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const DIAG_ID = DIAG.serviceId;
/** The ID as one line spells it with a JSON escape (`\u0035` is "5"): its bytes hold no ID. */
const ESCAPED_ID = DIAG_ID.replace('5a4b', '\\u0035a4b');
/** Another vendor service, logged under the generic name as the diagnostics one was at first. */
const OTHER_VENDOR = '{0d0d0d0d-1111-4222-8333-444444444444}';

/** `requests` requests' records (about three each), as the journal writes them. */
function lines(requests: number): string[] {
  const entries = Array.from({ length: requests }, (_, n) => requestEntries(n + 1)).flat();
  return entries.map((entry, i) =>
    JSON.stringify({
      v: 2,
      seq: i + 1,
      time: new Date(Date.UTC(2026, 0, 5, 8) + i * 300).toISOString(),
      mono: i * 300,
      ...entry,
    }),
  );
}

/**
 * About 15,000 records (several buckets): the diagnostics service logged as "Vendor service" until
 * it was listed, its ID now in capitals, now without braces, once with an escape; another vendor
 * service now and then; then a v1 tail (upgraded), whose own diagnostics service shares the ID's
 * start.
 */
const MIXED = join(dir, 'mixed.jsonl');
const MIXED_LINES = lines(5000);
/** The line whose ID is escaped: the diagnostics service's first after 9,000. */
const ESCAPED_AT = MIXED_LINES.findIndex((line, i) => i > 9000 && line.includes(DIAG_ID));
writeFileSync(
  MIXED,
  `${[
    ...MIXED_LINES.map((line, i) => {
      if (i === ESCAPED_AT) return line.replaceAll(`"${DIAG_ID}"`, `"${ESCAPED_ID}"`);
      if (i < 1500) line = line.replace('"Sierra Diagnostics Stream"', '"Vendor service"');
      if (i % 5 === 0) line = line.replace(DIAG_ID, DIAG_ID.toUpperCase());
      if (i % 7 === 0) line = line.replace(DIAG_ID, DIAG_ID.slice(1, -1));
      if (i % 501 === 0)
        line = line.replace(/"serviceId":"[^"]*","serviceName":"[^"]*"/, () =>
          [`"serviceId":"${OTHER_VENDOR}"`, '"serviceName":"Vendor service"'].join(','),
        );
      return line;
    }),
    ...v1Lines(),
  ].join('\n')}\n`,
);

/** Every line written as the journal writes it: none escapes a character. */
const CLEAN = join(dir, 'clean.jsonl');
const CLEAN_LINES = lines(5000);
writeFileSync(CLEAN, `${CLEAN_LINES.join('\n')}\n`);

/** The rows (1-based) of a file's records a query matches, as testing every record finds them. */
const expectedRows = matchingRows;

describe('a search by service alone', () => {
  it('finds every record of the service, by any name or spelling of its ID, on every path', async () => {
    // Indexed first: only the buckets an index knows are shared with the helper.
    await searchLog(MIXED, { text: 'x' }, { numbering: 'position' });
    const queries: SearchQuery[] = [
      { service: 'diagnostics' },
      { service: 'Sierra' },
      { service: '{8C1E5A4B-4A67' },
      { service: '8c1e5a4b' },
      { service: 'sms' },
      // Two services went by this name: no one ID to look for.
      { service: 'vendor' },
      { service: 'diagnostics', outcomes: ['succeeded', 'failed'] },
      { service: 'sms', outcomes: ['failed'] },
    ];
    for (const query of queries) {
      const expected = await expectedRows(MIXED, query);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(10);
      for (const path of SEARCH_PATHS) {
        const found = await searchOnPath(MIXED, query, path);
        expect(
          found.hits.map((h) => h.row),
          `${JSON.stringify(query)} (${path})`,
        ).toEqual(expected);
        // The helper is handed the buckets whose candidates a needle finds.
        if (path === 'helper' && query.service !== 'vendor')
          expect(found.fromHelper, JSON.stringify(query)).toBeGreaterThan(0);
      }
    }
    // The line whose ID is escaped, those before the listing, and the v1 tail's are all found.
    const diag = await searchOnPath(MIXED, { service: 'diagnostics' }, 'webassembly');
    const seqs = diag.hits.map((h) => h.record);
    expect(seqs.some((r) => r.seq === ESCAPED_AT + 1)).toBe(true);
    expect(seqs.some((r) => 'serviceName' in r && r.serviceName === 'Vendor service')).toBe(true);
    expect(seqs.some((r) => r.time.startsWith('2026-11-23'))).toBe(true);
  });

  it('parses only the lines that hold the service’s ID', async () => {
    await searchLog(CLEAN, { text: 'x' }, { numbering: 'position' });
    const holding = CLEAN_LINES.filter((line) => line.includes(DIAG_ID)).length;
    for (const path of SEARCH_PATHS) {
      // Counted by hand: searchOnPath restores every mock before it returns.
      const { parse } = JSON;
      let parsed = 0;
      JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]): unknown => {
        if (text.startsWith('{"v":2,"seq"')) parsed += 1;
        return parse(text, reviver);
      };
      const found = await searchOnPath(CLEAN, { service: 'diagnostics' }, path).finally(() => {
        JSON.parse = parse;
      });
      expect(found.hits).toHaveLength(holding);
      // A third of the lines, where every line of the log was parsed.
      expect(parsed, path).toBe(holding);
      expect(parsed * 2).toBeLessThan(CLEAN_LINES.length);
    }
  });

  // A service the device was re-enumerated for takes a new ID: one name, an ID per file.
  it('looks in each file for the ID the service has there', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const journal = new Journal({
      dir: mkdtempSync(join(dir, 'run-')),
      clock,
      runStart: testRunStart,
      maxFileBytes: 256 * 1024,
    });
    attachJournalIndex(journal);
    const ids = [DIAG_ID, OTHER_VENDOR];
    for (let n = 1; n <= 4000; n++) {
      clock.advance(1000);
      const id = ids[listJournalFiles(journal.runDir).length % 2] ?? DIAG_ID;
      for (const entry of requestEntries(n))
        journal.append(
          'serviceId' in entry && entry.serviceId === DIAG_ID ? { ...entry, serviceId: id } : entry,
        );
    }
    journal.close();
    const run = journal.runDir;
    expect(listJournalFiles(run).length).toBeGreaterThan(4);
    const every: number[] = [];
    for (const path of SEARCH_PATHS) {
      const found = await searchOnPath(run, { service: 'diagnostics' }, path);
      const seqs = found.hits.map((h) => h.record.seq);
      if (path === 'helper') expect(found.fromHelper).toBeGreaterThan(0);
      // Every request to the service, under either ID: three records each (a third of 4,000).
      expect(seqs, path).toHaveLength(1333 * 3);
      if (every.length === 0) every.push(...seqs);
      else expect(seqs, path).toEqual(every);
      const byId = new Set(
        found.hits.map((h) => ('serviceId' in h.record ? h.record.serviceId : '')),
      );
      expect([...byId].sort()).toEqual([...ids].sort());
    }
  });
});
