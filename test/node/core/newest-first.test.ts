import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import { BUCKET_RECORDS } from '../../../electron/core/journal-index.js';
import type * as LogSearch from '../../../electron/core/log-search.js';
import { searchLog, type SearchHit } from '../../../electron/core/log-search.js';
import { searchNewestFirst, type NewestFirstOptions } from '../../../electron/core/newest-first.js';
import type { SearchQuery } from '../../../electron/core/search-query.js';
import type { JournalEntry } from '../../../shared/journal/record.js';
import { failedQuery, requestEntries } from '../../support/journal-traffic.js';

/** How many times the log was searched (each pass is a search); what to do before the next. */
const passes = vi.hoisted(() => ({ count: 0, before: undefined as (() => void) | undefined }));
vi.mock('../../../electron/core/log-search.js', async (importOriginal) => {
  const original = await importOriginal<typeof LogSearch>();
  return {
    ...original,
    searchLog: (...args: Parameters<typeof original.searchLog>) => {
      passes.count += 1;
      passes.before?.();
      return original.searchLog(...args);
    },
  };
});

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

/** The rows of the last `n` of `hits` (oldest first, as a search oldest first lists them), newest first. */
function newestRows(hits: readonly SearchHit[], n: number): number[] {
  return hits
    .slice(-n)
    .map((h) => h.row)
    .reverse();
}

describe('the newest matches first', () => {
  it('hands out the last failures of the log, the latest first, and counts them all', async () => {
    const all: SearchHit[] = [];
    await searchLog(RUN, FAILED, { numbering: 'position', onHits: (b) => all.push(...b) });
    expect(all.length).toBe(60);

    const { hits, summary } = await newest({ maxHits: 25 });
    // The latest 25 of the 60, newest first: what "when did it last fail?" asks.
    expect(hits.map((h) => h.row)).toEqual(newestRows(all, 25));
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

  // "When did E_ACCESSDENIED last happen?": words the index cannot count were read twice, once to
  // count them and once to take the newest, though the first read had met them all.
  it('reads the log once when it holds no more matches than it may hand out', async () => {
    passes.count = 0;
    const hits: SearchHit[] = [];
    const summary = await searchNewestFirst(
      RUN,
      { text: 'E_MBN_SIM_NOT_INSERTED' },
      { numbering: 'position', maxHits: 100, onHits: (b) => hits.push(...b) },
    );
    expect(summary.matches).toBe(60);
    expect(hits.length).toBe(60);
    expect(passes.count).toBe(1);
  });

  // "When did the SIM last go missing?" over a week: words the index cannot count, a little more
  // than a page of them, were read twice, the second time from where the newest began.
  it('reads the log once when the index cannot count the matches, though there are more', async () => {
    const TEXT = { text: 'E_MBN_SIM_NOT_INSERTED' };
    const all: SearchHit[] = [];
    await searchLog(RUN, TEXT, { numbering: 'position', onHits: (b) => all.push(...b) });
    passes.count = 0;
    const hits: SearchHit[] = [];
    const summary = await searchNewestFirst(RUN, TEXT, {
      numbering: 'position',
      maxHits: 25,
      onHits: (b) => hits.push(...b),
    });
    expect(passes.count).toBe(1);
    expect(summary).toMatchObject({ matches: 60, delivered: 25 });
    // The same 25 the search oldest first ends with.
    expect(hits.map((h) => h.row)).toEqual(newestRows(all, 25));
  });

  it('says, once every match is counted, that it takes the newest, the count whole', async () => {
    const seen: { matches: number; newest?: number; done: number }[] = [];
    await searchNewestFirst(RUN, FAILED, {
      numbering: 'position',
      maxHits: 25,
      onProgress: (p) => seen.push({ matches: p.matches, newest: p.newest, done: p.doneBytes }),
    });
    const taking = seen.filter((p) => p.newest !== undefined);
    expect(taking.length).toBeGreaterThan(0);
    // Every match counted, the newest 25 being taken; the first read's events say neither.
    for (const p of taking) expect(p).toMatchObject({ matches: 60, newest: 25 });
    const firstTaking = seen.findIndex((p) => p.newest !== undefined);
    expect(firstTaking).toBeGreaterThan(0);
    expect(seen.slice(0, firstTaking).every((p) => p.newest === undefined)).toBe(true);
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

  // A live run drops its oldest file when its folder is full: between the two passes, the count
  // still held that file's failures, more than the log then had.
  it('counts what the log holds when a live run drops its oldest file between the passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-newest-dropped-'));
    cpSync(RUN, dir, { recursive: true });
    const oldest = readdirSync(dir)
      .filter((f) => /^journal-\d+\.jsonl$/.test(f))
      .sort()[0];
    if (!oldest) throw new Error('no journal file');
    passes.count = 0;
    passes.before = () => {
      if (passes.count === 2) rmSync(join(dir, oldest));
    };
    const hits: SearchHit[] = [];
    const summary = await searchNewestFirst(dir, FAILED, {
      numbering: 'seq',
      maxHits: 25,
      onHits: (b) => hits.push(...b),
    }).finally(() => (passes.before = undefined));
    expect(passes.count).toBe(2);
    const left: SearchHit[] = [];
    await searchLog(dir, FAILED, { numbering: 'seq', onHits: (b) => left.push(...b) });
    expect(left.length).toBeLessThan(60);
    expect(summary.matches).toBe(left.length);
    expect(hits.map((h) => h.row)).toEqual(newestRows(left, 25));
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

describe('the newest matches first, naming their commands', () => {
  // A hit names the command its request sent when the search read that request, in the hit's
  // bucket or the one before (hit-commands.ts): where the newest began in a bucket whose first
  // hit's request ended the one before, that hit named none.
  /** Five failed queries, commands 10 to 14; the newest three begin in the third bucket. */
  function writeFailures(): string {
    const B = BUCKET_RECORDS;
    const service = {
      interfaceId: '{3a1c0d57-5e1b-4c1f-9d55-0b8b6a6f0001}',
      serviceId: '{A289CC33-BCBB-8B4F-B6B0-133EC2AAE6DF}',
      serviceName: 'Basic Connect',
    };
    const [q0, q1, q2, q3, q4] = [10, 11, 12, 13, 14].map((commandId, i) =>
      failedQuery(service, `r90000${String(i + 1)}`, { commandId, requestId: 70001 + i }),
    );
    if (!q0 || !q1 || !q2 || !q3 || !q4) throw new Error('no queries');
    /** A query sent at `row`, answered `after` rows later. */
    const at = (row: number, q: typeof q0, after: number): [number, JournalEntry][] => [
      [row, q.sent[0] as JournalEntry],
      [row + 1, q.sent[1] as JournalEntry],
      [row + after, q.failed],
    ];
    // Failures in the first two buckets; the third's first failure sent at the second's end.
    const placed = new Map<number, JournalEntry>([
      ...at(100, q0, 10),
      ...at(B + 500, q4, 10),
      ...at(2 * B - 6, q1, 11),
      ...at(2 * B + 20, q2, 10),
      ...at(2 * B + 40, q3, 10),
    ]);
    const lines: string[] = [];
    const push = (entry: JournalEntry): void => {
      const seq = lines.length + 1;
      lines.push(
        JSON.stringify({ v: 2, seq, time: '2026-01-05T08:00:00.000Z', mono: seq, ...entry }),
      );
    };
    for (let n = 1; lines.length < 4 * B; n++)
      for (const entry of requestEntries(n, { failEvery: Number.MAX_SAFE_INTEGER })) {
        const due = placed.get(lines.length);
        if (due) push(due);
        push(entry);
      }
    const file = join(mkdtempSync(join(tmpdir(), 'mbn-newest-commands-')), 'kiosk.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }
  const FILE = writeFailures();

  async function newestThree(query: SearchQuery) {
    passes.count = 0;
    const hits: SearchHit[] = [];
    const summary = await searchNewestFirst(FILE, query, {
      numbering: 'position',
      commands: true,
      maxHits: 3,
      onHits: (b) => hits.push(...b),
    });
    return { hits, summary };
  }

  it('names the command of the oldest hit it hands out, sent in the bucket before', async () => {
    // The newest three of five: they begin in the third bucket, the oldest's request before it.
    const { hits, summary } = await newestThree({ outcomes: ['failed'] });
    expect(summary.matches).toBe(5);
    expect(hits.map((h) => h.commandId)).toEqual([13, 12, 11]);
  });

  // Read once (the index cannot count words), the newest in the order the log has them: the two
  // met past the three it may hand out are told before those three's batch was.
  it('names the commands of the newest it met in one read, in the order of the log', async () => {
    const { hits, summary } = await newestThree({ text: 'E_FAIL' });
    expect(passes.count).toBe(1);
    expect(summary.matches).toBe(5);
    expect(hits.map((h) => h.commandId)).toEqual([13, 12, 11]);
  });
});
