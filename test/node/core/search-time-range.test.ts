/**
 * A whole-log search by time range ("it failed on Tuesday afternoon"): only records whose time is
 * at or after `since` and before `until` are hits, and counted, whichever way the search goes
 * (a log with no index yet, an indexed one, the count taken from the index once the hits are
 * handed out); the buckets wholly outside the range are not read at all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchLog, type SearchHit, type SearchQuery } from '../../../electron/core/log-search.js';
import type { IndexBucket } from '../../../electron/core/journal-index.js';
import {
  SearchQueryError,
  bucketMayMatch,
  compileQuery,
  indexedMatches,
  recordMatches,
} from '../../../electron/core/search-query.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { readRunStart } from '../../../electron/core/journal-reader.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { rotatingJournal } from '../../support/rotating-journal.js';
import { searchRows } from '../../support/search-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-search-range-'));
/** Request n of kioskLogLines is logged at this time plus n seconds. */
const START = Date.UTC(2026, 0, 5, 8);
const at = (n: number): string => new Date(START + n * 1000).toISOString();

function bucket(first: number, last: number): IndexBucket {
  return {
    offset: 0,
    line: 0,
    bytes: 1000,
    records: 10,
    lines: 10,
    firstSeq: 1,
    lastSeq: 10,
    time: [START + first * 1000, START + last * 1000],
    mono: [0, 1],
    outcomes: { failed: 4, succeeded: 6 },
    kinds: { completion: 10 },
    services: {},
    hresults: {},
    requestIds: null,
    refs: null,
    upgraded: 0,
    headers: 0,
    trouble: 0,
  };
}

describe('a time range compiled', () => {
  it('reads ISO 8601 with its zone, and refuses anything else in words', () => {
    const c = compileQuery({ since: '2026-01-05T09:00:00+01:00', until: at(100) });
    expect(c.sinceMs).toBe(START);
    expect(c.untilMs).toBe(START + 100_000);
    expect(() => compileQuery({ since: 'Tuesday afternoon' })).toThrow(SearchQueryError);
    expect(() => compileQuery({ until: '2026-01-05 08:00' })).toThrow(/not a time.*ISO 8601/);
    expect(() => compileQuery({ since: at(5), until: at(5) })).toThrow(/start.*before its end/);
    // A day there is none of: Date.parse alone took it for 3 March and searched from there.
    expect(() => compileQuery({ since: '2026-02-31T10:00:00Z' })).toThrow(/not a time/);
  });

  it('rules out the buckets wholly outside it, and counts from the index only those within', () => {
    const c = compileQuery({ since: at(100), until: at(200) });
    const names = {};
    expect(bucketMayMatch(bucket(0, 99), c, names)).toBe(false);
    expect(bucketMayMatch(bucket(200, 300), c, names)).toBe(false);
    expect(bucketMayMatch(bucket(0, 100), c, names)).toBe(true);
    expect(bucketMayMatch(bucket(199, 300), c, names)).toBe(true);
    expect(bucketMayMatch({ ...bucket(0, 0), time: null }, c, names)).toBe(false);
    // A range alone: every record of a bucket within it; one across its edge is read.
    expect(indexedMatches(bucket(100, 199), c, names)).toBe(10);
    expect(indexedMatches(bucket(99, 150), c, names)).toBeUndefined();
    expect(indexedMatches(bucket(150, 200), c, names)).toBeUndefined();
    const failed = compileQuery({ since: at(100), until: at(200), outcomes: ['failed'] });
    expect(indexedMatches(bucket(100, 199), failed, names)).toBe(4);
    expect(indexedMatches(bucket(150, 250), failed, names)).toBeUndefined();
  });

  it('tests a record by its time: the start in, the end out', () => {
    const c = compileQuery({ since: at(100), until: at(200) });
    const record = (time: string) =>
      ({ v: 2, seq: 1, time, mono: 0, kind: 'note', text: 'x' }) as unknown as JournalRecord;
    expect(recordMatches(record(at(100)), c, null)).toBe(true);
    expect(recordMatches(record(at(199)), c, null)).toBe(true);
    expect(recordMatches(record(at(200)), c, null)).toBe(false);
    expect(recordMatches(record(at(99)), c, null)).toBe(false);
    expect(recordMatches(record('not a time'), c, null)).toBe(false);
  });
});

describe('a whole-log search by time range', () => {
  // 9,000 requests, three lines each (27,000 lines, seven buckets), one request a second; a
  // damaged stretch early, outside the range.
  const lines = kioskLogLines(9000, () => ({ failEvery: 17 }));
  lines.splice(600, 0, '{"v":2,"seq":0,"time":"2026-', 'not json');
  /** Rows (1-based, as a saved log numbers records) of the lines whose time is in the range. */
  const inRange = (since: number, until: number, keep: (line: string) => boolean = () => true) =>
    lines
      .filter((line) => line.startsWith('{"v":2,"seq":') && line.endsWith('}'))
      .flatMap((line, i) => {
        const time = Date.parse((JSON.parse(line) as { time: string }).time);
        return time >= START + since * 1000 && time < START + until * 1000 && keep(line)
          ? [i + 1]
          : [];
      });
  const range = { since: at(3000), until: at(6500) };
  const expected = inRange(3000, 6500);
  const expectedFailed = inRange(3000, 6500, (line) => line.includes('"outcome":"failed"'));

  const search = (path: string, query: SearchQuery, maxHits = Number.MAX_SAFE_INTEGER) =>
    searchRows(path, query, { numbering: 'position', maxHits, save: false });

  it('finds exactly the records in range in a log with no index, then through its index', async () => {
    const file = join(dir, 'week.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // The records logged exactly at the start are in, those exactly at the end out.
    const atStart = inRange(3000, 3001);
    const atEnd = inRange(6500, 6501);
    expect(atStart.length).toBeGreaterThan(0);
    expect(atEnd.length).toBeGreaterThan(0);
    expect(expected.slice(0, atStart.length)).toEqual(atStart);
    expect(expected).not.toContain(atEnd[0]);
    const first = await search(file, range);
    expect(first.summary.indexed).toBe(1);
    expect(first.rows).toEqual(expected);
    expect(first.summary.matches).toBe(expected.length);
    // The damaged lines lie before the range: nothing of the range was left unsearched.
    expect(first.summary.damagedLines).toBe(0);

    const indexed = await search(file, range);
    expect(indexed.summary.indexed).toBe(0);
    expect(indexed.rows).toEqual(expected);
    expect(indexed.summary.matches).toBe(expected.length);
    expect(indexed.summary.bucketsSkipped).toBeGreaterThanOrEqual(3);

    const failed = await search(file, { ...range, outcomes: ['failed'] });
    expect(failed.rows).toEqual(expectedFailed);
    expect(failed.rows.length).toBeGreaterThan(50);

    // Counted from the index once no more hits may be handed out: the same count.
    for (const query of [range, { ...range, outcomes: ['failed' as const] }]) {
      const counted = await search(file, query, 10);
      expect(counted.summary.matches).toBe(
        query === range ? expected.length : expectedFailed.length,
      );
      expect(counted.rows).toEqual((query === range ? expected : expectedFailed).slice(0, 10));
    }
  });

  it('holds each edge exactly, with one side of the range alone too', async () => {
    const file = join(dir, 'edges.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const since = await search(file, { since: at(8990) });
    expect(since.rows).toEqual(inRange(8990, 10_000));
    const until = await search(file, { until: at(2) });
    expect(until.rows).toEqual(inRange(0, 2));
    expect(until.rows).toHaveLength(3);
    // Now the damaged lines are in the range's part of the log: said.
    const early = await search(file, { until: at(400) });
    expect(early.summary.damagedLines).toBe(2);
  });

  it('says the log’s first and last times, from its index, whether or not the range matched', async () => {
    const file = join(dir, 'span.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const times = lines
      .filter((line) => line.startsWith('{"v":2,"seq":') && line.endsWith('}'))
      .map((line) => Date.parse((JSON.parse(line) as { time: string }).time));
    const span = [Math.min(...times), Math.max(...times)];
    // A month later: nothing, found building the index first, then through it, its buckets unread.
    for (const pass of ['building', 'indexed']) {
      const { summary } = await search(file, { since: '2026-02-05T00:00:00Z' });
      expect(summary.matches, pass).toBe(0);
      expect(summary.times, pass).toEqual(span);
    }
    expect((await search(file, range)).summary.times).toEqual(span);
  });

  it('says a line cut off at the end was not searched only when the range reaches it', async () => {
    const file = join(dir, 'cut.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n{"v":2,"seq":99999,"time":"2026-01-05T1`);
    expect((await search(file, { since: at(8000) })).summary.damagedLines).toBe(1);
    expect((await search(file, { until: at(8000) })).summary.damagedLines).toBe(2);
    expect((await search(file, { since: at(2000), until: at(8000) })).summary.damagedLines).toBe(0);
  });
});

describe('a time range over a live rotated run', () => {
  it('hands out no record outside it: neither the run-start put before the files nor any other', async () => {
    const { journal } = rotatingJournal();
    try {
      const all: SearchHit[] = [];
      await searchLog(
        journal.runDir,
        { since: '1970-01-01T00:00:00Z' },
        {
          numbering: 'seq',
          maxHits: Number.MAX_SAFE_INTEGER,
          onHits: (batch) => void all.push(...batch),
        },
      );
      // The run-start from run.json comes first, its files' first record much later.
      expect(all[0]?.record.kind).toBe('run-start');
      const times = all.map((h) => Date.parse(h.record.time));
      const since = times[Math.floor(times.length / 3)] ?? 0;
      const until = times[Math.floor((times.length * 2) / 3)] ?? 0;
      const ranged: SearchHit[] = [];
      const summary = await searchLog(
        journal.runDir,
        { since: new Date(since).toISOString(), until: new Date(until).toISOString() },
        { numbering: 'seq', onHits: (batch) => void ranged.push(...batch) },
      );
      const expected = all.filter((_, i) => (times[i] ?? 0) >= since && (times[i] ?? 0) < until);
      expect(ranged.map((h) => h.row)).toEqual(expected.map((h) => h.row));
      expect(summary.matches).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(100);
    } finally {
      journal.close();
    }
  });

  it('says the run ran from its start, kept apart once its first file is dropped', async () => {
    const { journal, rotateAfterTurns } = rotatingJournal();
    try {
      await rotateAfterTurns(0);
      const runStart = readRunStart(journal.runDir);
      if (!runStart) throw new Error('no run-start');
      const hits: SearchHit[] = [];
      const summary = await searchLog(
        journal.runDir,
        { since: '1970-01-01T00:00:00Z' },
        {
          numbering: 'seq',
          maxHits: Number.MAX_SAFE_INTEGER,
          onHits: (batch) => void hits.push(...batch),
        },
      );
      // Its first file gone, the run-start from run.json is put before the files' records.
      expect(hits[0]?.record.kind).toBe('run-start');
      expect(hits[1]?.record.seq).toBeGreaterThan(runStart.seq + 1);
      const times = hits.map((h) => Date.parse(h.record.time));
      expect(Math.min(...times.slice(1))).toBeGreaterThan(Date.parse(runStart.time));
      expect(summary.times).toEqual([Date.parse(runStart.time), Math.max(...times)]);
    } finally {
      journal.close();
    }
  });
});
