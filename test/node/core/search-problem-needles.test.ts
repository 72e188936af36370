/**
 * A search for any problem, for several outcomes or for several kinds parses only the lines
 * holding a word of the values a bucket's counts say it holds (`failed"`, `refused"`, `error"`, a
 * completion's kind for an unmatched one...), where it parsed every line of every bucket holding a
 * problem ("Any problem" on ten million events: 31 s, "Failed" 2.6 s): with the hits testing every
 * record finds, on every path, in a log of failures, refusals, errors, the backend unavailable,
 * unmatched completions, values spelt with JSON escapes and lines upgraded from v1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { extendIndex } from '../../../electron/core/journal-index-scan.js';
import { emptyFileIndex } from '../../../electron/core/journal-index.js';
import { searchLog, type SearchQuery } from '../../../electron/core/log-search.js';
import type { JournalEntry } from '../../../shared/journal/record.js';
import { matchingRows } from '../../support/matching-rows.js';
import { SMS, requestEntries } from '../../support/journal-traffic.js';
import { SEARCH_PATHS, searchOnPath } from '../../support/search-paths.js';
import { v1Lines } from '../../support/v1-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-problem-needles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const request = { ...SMS, ref: 'r0', op: 'close' as const };

/** Now and then, a record that is (or, the decoy, looks like) a problem of another kind. */
function extra(i: number, unmatched: (i: number) => boolean): JournalEntry | undefined {
  if (i % 173 === 0) return { kind: 'error', message: 'the backend threw', context: 'query' };
  if (i % 211 === 0)
    return { kind: 'backend-status', backend: 'wwan', available: false, message: 'gone' };
  // Holds `failed"` and `backend-status"`, and is no problem.
  if (i % 223 === 0)
    return { kind: 'backend-status', backend: 'wwan', available: true, message: 'probe failed' };
  if (i % 307 === 0)
    return { kind: 'overdue', ...request, outcome: 'overdue', requestId: 9, timeoutMs: 5000 };
  if (i % 331 === 0)
    return { kind: 'call-failed', ...request, outcome: 'call-failed', message: 'threw' };
  if (unmatched(i))
    return {
      kind: 'completion',
      ...SMS,
      op: 'close',
      requestId: 77,
      status: '0x00000000',
      statusName: 'S_OK',
      match: 'unknown-request',
      ref: null,
      outcome: null,
      latencyMs: null,
    };
  return undefined;
}

/** About `requests` × 3 records: requests, refused or failing now and then, and `extra`'s. */
function lines(requests: number, unmatched: (i: number) => boolean): string[] {
  const entries: JournalEntry[] = [];
  for (let n = 1; n <= requests; n++) {
    entries.push(...requestEntries(n, { rareEvery: 89, failEvery: 41 }));
    const more = extra(entries.length, unmatched);
    if (more) entries.push(more);
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
 * Several buckets: one failure's outcome and one error's kind spelt with a JSON escape (their
 * bytes hold no `failed"`, no `error"`), unmatched completions throughout, and a v1 tail
 * (upgraded: a refusal there is told by a state, not by its word).
 */
const MIXED = join(dir, 'mixed.jsonl');
const MIXED_LINES = lines(5000, (i) => i % 389 === 0);
const FAILED_AT = MIXED_LINES.findIndex((l, i) => i > 6000 && l.includes('"outcome":"failed"'));
const ERROR_AT = MIXED_LINES.findIndex((l, i) => i > 11000 && l.includes('"kind":"error"'));
writeFileSync(
  MIXED,
  `${[
    ...MIXED_LINES.map((line, i) => {
      if (i === FAILED_AT) return line.replace('"outcome":"failed"', '"outcome":"f\\u0061iled"');
      if (i === ERROR_AT) return line.replace('"kind":"error"', '"kind":"\\u0065rror"');
      return line;
    }),
    ...v1Lines(),
  ].join('\n')}\n`,
);

/** No escape, no v1 line; unmatched completions only among the first 1,000 lines. */
const CLEAN = join(dir, 'clean.jsonl');
const CLEAN_LINES = lines(7000, (i) => i < 1000 && i % 97 === 0);
writeFileSync(CLEAN, `${CLEAN_LINES.join('\n')}\n`);

/** The lines of the log a search parses (JSON.parse of a record's line), and its hits' rows. */
async function parsedBy(
  file: string,
  query: SearchQuery,
  path: (typeof SEARCH_PATHS)[number],
): Promise<{ parsed: number; rows: number[]; fromHelper: number }> {
  // Counted by hand: searchOnPath restores every mock before it returns.
  const { parse } = JSON;
  let parsed = 0;
  JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]): unknown => {
    if (text.startsWith('{"v":2,"seq"')) parsed += 1;
    return parse(text, reviver);
  };
  const found = await searchOnPath(file, query, path).finally(() => {
    JSON.parse = parse;
  });
  return { parsed, rows: found.hits.map((h) => h.row), fromHelper: found.fromHelper };
}

describe('a search for any problem, several outcomes or several kinds', () => {
  it('finds what testing every record finds, on every path', async () => {
    // Indexed first: only the buckets an index knows are shared with the helper.
    await searchLog(MIXED, { text: 'x' }, { numbering: 'position' });
    const queries: SearchQuery[] = [
      { problems: true },
      { outcomes: ['failed', 'refused'] },
      { outcomes: ['failed', 'call-failed'] },
      { outcomes: ['unmatched', 'overdue'] },
      { kinds: ['error', 'backend-status'] },
      { kinds: ['completion', 'call-failed'] },
      { problems: true, kinds: ['completion', 'request-returned'] },
      { problems: true, outcomes: ['succeeded', 'refused'] },
      { problems: true, service: 'sms' },
    ];
    for (const query of queries) {
      const expected = await matchingRows(MIXED, query);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(10);
      for (const path of SEARCH_PATHS) {
        const found = await searchOnPath(MIXED, query, path);
        expect(
          found.hits.map((h) => h.row),
          `${JSON.stringify(query)} (${path})`,
        ).toEqual(expected);
        if (path === 'helper') expect(found.fromHelper, JSON.stringify(query)).toBeGreaterThan(0);
      }
    }
    // The escaped failure and error, and the v1 tail's refusal, are among the problems.
    const problems = await searchOnPath(MIXED, { problems: true }, 'webassembly');
    const rows = new Set(problems.hits.map((h) => h.row));
    expect(rows.has(FAILED_AT + 1)).toBe(true);
    expect(rows.has(ERROR_AT + 1)).toBe(true);
    expect(
      problems.hits.some((h) => h.row > MIXED_LINES.length && h.record.kind === 'request-returned'),
    ).toBe(true);
  });

  it('parses only the lines holding a word of the values each bucket holds', async () => {
    const index = await extendIndex(CLEAN, emptyFileIndex('clean.jsonl'));
    expect(index.buckets.length).toBeGreaterThan(3);
    // The first bucket alone holds unmatched completions: its completions are candidates too.
    const firstBucket = index.buckets[0]?.records ?? 0;
    const holding = (words: string[], i: number, line: string): boolean =>
      words.some((word) => line.includes(`${word}"`)) ||
      (words.includes('unmatched') && i < firstBucket && line.includes('"kind":"completion"'));
    await searchLog(CLEAN, { text: 'x' }, { numbering: 'position' });
    const cases: [SearchQuery, string[]][] = [
      [
        { problems: true },
        ['failed', 'refused', 'overdue', 'error', 'backend-status', 'unmatched'],
      ],
      [{ outcomes: ['failed', 'refused'] }, ['failed', 'refused']],
      [{ kinds: ['error', 'backend-status'] }, ['error', 'backend-status']],
    ];
    for (const [query, words] of cases) {
      const expected = await matchingRows(CLEAN, query);
      const candidates = CLEAN_LINES.filter((line, i) => holding(words, i, line)).length;
      for (const path of SEARCH_PATHS) {
        const found = await parsedBy(CLEAN, query, path);
        expect(found.rows, `${JSON.stringify(query)} (${path})`).toEqual(expected);
        // The candidates alone (the matches, and decoys such as a message ending "failed"),
        // where every line of every bucket holding one was parsed.
        expect(found.parsed, `${JSON.stringify(query)} (${path})`).toBe(candidates);
        expect(found.parsed * 4).toBeLessThan(CLEAN_LINES.length);
        if (path === 'helper') expect(found.fromHelper).toBeGreaterThan(0);
      }
    }
  });
});
