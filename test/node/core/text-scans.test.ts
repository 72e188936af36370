/**
 * A search on both cores (text-scans.ts): whichever thread read a bucket, a technician gets the
 * same hits, in the same order, each numbered as the row the saved log shows it on and naming its
 * command; and a helper that is gone costs nothing but time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IndexedLog } from '../../../electron/core/indexed-log.js';
import { extendIndex } from '../../../electron/core/journal-index-scan.js';
import { emptyFileIndex } from '../../../electron/core/journal-index.js';
import { searchLog, type SearchHit, type SearchQuery } from '../../../electron/core/log-search.js';
import { compileQuery, recordMatches } from '../../../electron/core/search-query.js';
import { TextScans } from '../../../electron/core/text-scans.js';
import type { JournalEntry, JournalRecord } from '../../../shared/journal/record.js';
import { failedQuery, requestEntries, SMS } from '../../support/journal-traffic.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-text-scans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** A query longer than the WebAssembly scan holds: searched in JavaScript, on either thread. */
const LONG_TEXT = `Modem reset: ${'stack trace frame '.repeat(70)}end`;

/** An error record in place of `line`, with its seq and times, whose message is LONG_TEXT. */
function longError(line: string): string {
  const { seq, time, mono } = JSON.parse(line) as { seq: number; time: string; mono: number };
  return JSON.stringify({ v: 2, seq, time, mono, kind: 'error', message: LONG_TEXT, context: 'x' });
}

/** A QUERY's request and return, and its completion, failed as the kiosk's closes fail. */
function query(n: number): { sent: JournalEntry[]; completed: JournalEntry } {
  const { sent, failed } = failedQuery(
    SMS,
    `r${String(100_000 + n)}`,
    { commandId: 7, requestId: 900_000 + n },
    { status: '0x8054820a', statusName: 'E_MBN_SIM_NOT_INSERTED' },
  );
  return { sent, completed: failed };
}

/**
 * About 30,000 records (several buckets) of closes, and a QUERY every 1,500 requests whose
 * completion comes 200 requests later (now and then in the next bucket); blank and CRLF lines in
 * clean buckets, which the rows after them must not count; one damaged line, whose bucket this
 * thread parses line by line; and a tail of format-v1 lines, upgraded, which the helper is never
 * handed.
 */
function kioskLines(): string[] {
  const entries: JournalEntry[] = [];
  const due = new Map<number, JournalEntry>();
  for (let n = 1; n <= 10_000; n++) {
    entries.push(...requestEntries(n, { rareEvery: 900, failEvery: 11 }));
    const completion = due.get(n);
    if (completion) entries.push(completion);
    if (n % 1500 === 0) {
      const { sent, completed } = query(n);
      entries.push(...sent);
      due.set(n + 200, completed);
    }
  }
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
 * Some values spelt with JSON escapes, as another tool may write them: every third failed
 * outcome, and every other E_ACCESSDENIED. Their bytes hold no needle (`failed"`, `80070005`).
 */
function escaped(line: string, i: number): string {
  if (i % 3 === 0) line = line.replace('"outcome":"failed"', '"outcome":"f\\u0061iled"');
  if (i % 2 === 0) line = line.replaceAll('"0x80070005"', '"0x8007\\u0030005"');
  return line;
}

const FILE = join(dir, 'kiosk.jsonl');
writeFileSync(
  FILE,
  `${[
    ...kioskLines()
      .map(escaped)
      .flatMap((line, i) =>
        i === 5000
          ? [longError(line)]
          : i === 15_000
            ? [line, '{"v":2,"seq":"torn']
            : i % 2345 === 2344
              ? [line, '', '  ']
              : i % 397 === 0
                ? [`${line}\r`]
                : [line],
      ),
    ...v1Lines(),
  ].join('\n')}\n`,
);

/** A search, its hits, and how many buckets the helper's candidates were searched from. */
async function search(query: SearchQuery, shareScanFrom: number, commands: boolean) {
  let fromHelper = 0;
  const { prototype } = TextScans;
  const original = Object.getOwnPropertyDescriptor(prototype, 'take')?.value as TextScans['take'];
  const take = (scans: TextScans, k: number) => original.call(scans, k);
  vi.spyOn(prototype, 'take').mockImplementation(async function (this: TextScans, k) {
    // The search waits for the helper before its first bucket, as on a log large enough that
    // the helper is up while the search is in its first buckets.
    if (k === 0) await this.whenReady();
    const found = await take(this, k);
    if (found) fromHelper += 1;
    return found;
  });
  const hits: SearchHit[] = [];
  const summary = await searchLog(FILE, query, {
    numbering: 'position',
    shareScanFrom,
    commands,
    onHits: (batch) => hits.push(...batch),
  });
  vi.restoreAllMocks();
  return { hits, summary, fromHelper };
}

// A rare word in another case than written, a common one, one in the v1 tail too, one longer
// than the WebAssembly scan holds; and what is found by the bytes of an outcome's word, of an
// HRESULT's digits, or of both a word and free text.
const QUERIES: SearchQuery[] = [
  { text: 'Sim_Not_Inserted' },
  { text: 'r77' },
  { text: 'close' },
  { text: LONG_TEXT.toUpperCase() },
  { outcomes: ['failed'] },
  { hresult: 'E_ACCESSDENIED' },
  { outcomes: ['succeeded'], text: 'SMS' },
  // Found by several words, any of which a candidate holds (bucket-needles.ts, bucketQueries).
  { problems: true },
  { outcomes: ['failed', 'refused'] },
];

describe('a search on both cores', () => {
  let rows: JournalRecord[] = [];
  beforeAll(async () => {
    // Indexed first: only buckets the index knows are shared.
    await searchLog(FILE, { text: 'x' }, { numbering: 'position' });
    const index = await extendIndex(FILE, emptyFileIndex('kiosk.jsonl'));
    const log = new IndexedLog([{ file: FILE, index }], []);
    rows = await log.read(0, log.total);
    expect(index.buckets.length).toBeGreaterThan(6);
    expect(index.buckets.some((b) => b.records < b.lines)).toBe(true);
    expect(index.buckets.some((b) => b.upgraded > 0)).toBe(true);
    expect(LONG_TEXT.length).toBeGreaterThan(1024);
  });

  // One query a test: each is four searches, each starting a helper thread, and all of them in
  // one test outlasted its timeout on a machine loaded past its two cores.
  // Named by the query, the long text by what it is.
  const named = QUERIES.map((query): [string, SearchQuery] => [
    query.text === LONG_TEXT.toUpperCase()
      ? 'a text longer than the scan holds'
      : JSON.stringify(query),
    query,
  ]);
  it.each(named)(
    'finds the hits one core finds, each on the row the log shows it: %s',
    async (_, query) => {
      // As the window and the command line search (each hit naming its command), and without.
      for (const commands of [true, false]) {
        const both = await search(query, 0, commands);
        const one = await search(query, Infinity, commands);
        expect(both.fromHelper, JSON.stringify(query)).toBeGreaterThan(0);
        expect(one.fromHelper).toBe(0);
        expect(both.hits.length).toBeGreaterThan(0);
        // Every record that matches, escaped or not, as reading every row finds them.
        const c = compileQuery(query);
        if (c.text === null)
          expect(both.summary.matches).toBe(rows.filter((r) => recordMatches(r, c, null)).length);
        expect(both.hits).toEqual(one.hits);
        expect(both.summary.matches).toBe(one.summary.matches);
        for (const hit of both.hits) expect(hit.record).toEqual(rows[hit.row - 1]);
        if (query.text === 'Sim_Not_Inserted')
          expect(both.hits.filter((h) => h.commandId === 7)).toHaveLength(commands ? 6 : 0);
      }
    },
  );

  it('are all searched on the calling thread when the helper is gone', async () => {
    const scans = new TextScans(
      [0, 1, 2].map((k) => ({ file: FILE, offset: k * 100, bytes: 100, runStart: false })),
      { needle: Buffer.from('close'), telling: false, byValue: false },
      undefined,
      0,
    );
    scans.close();
    expect(await scans.whenReady()).toBe(false);
    for (const k of [0, 1, 2]) expect(await scans.take(k)).toBeUndefined();
  });
});
