import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { INDEX_SUFFIX } from '../../../electron/core/journal-index.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import { FINE_OVERVIEW_RECORDS, overviewOf } from '../../../electron/core/log-overview.js';
import { LogSearchJobs } from '../../../electron/ipc/log-search-jobs.js';
import {
  isProblemRecord,
  PROBLEM_RECORD_OUTCOMES,
  recordOutcome,
} from '../../../shared/request/story.js';
import { requestEntries } from '../../support/journal-traffic.js';

// Every scan of a journal file reads all of it: records through createReadStream, an index built
// or extended through readSync (where the checks of an index that is there read a few KB). The
// overview must scan nothing once the index is there.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const mocked = {
    ...real,
    createReadStream: vi.fn(real.createReadStream),
    readSync: vi.fn(real.readSync),
  };
  return { ...mocked, default: mocked };
});

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};
const START = Date.UTC(2026, 0, 5, 8, 0, 0);

function writeRun(requests: number): string {
  const clock = new ManualClock(START);
  const journal = new Journal({
    dir: mkdtempSync(join(tmpdir(), 'mbn-overview-')),
    clock,
    runStart,
    maxFileBytes: 600 * 1024,
  });
  attachJournalIndex(journal);
  for (let n = 1; n <= requests; n++) {
    clock.advance(1000);
    for (const entry of requestEntries(n, { rareEvery: 2500, failEvery: 40 }))
      journal.append(entry);
    // An outage, which is a problem though no request's outcome says so.
    if (n === 3000) {
      journal.append({
        kind: 'backend-status',
        backend: 'mbn',
        available: false,
        message: 'Gone.',
      });
      journal.append({ kind: 'error', message: 'Event could not be read', context: 'events' });
      journal.append({ kind: 'backend-status', backend: 'mbn', available: true, message: 'Back.' });
    }
    if (n % 500 === 0) journal.flush();
  }
  journal.close();
  return journal.runDir;
}

function jobsFor(runDir: string): LogSearchJobs {
  return new LogSearchJobs({
    live: { runDir, lastSeq: 0, firstSeq: 1, flush: () => undefined, readPage: () => [] },
    savedLog: () => ({ path: runDir, bundle: false }),
    onProgress: () => undefined,
  });
}

/**
 * Files streamed, and "indexed" when readSync read more than half the log: the checks of an index
 * that is there read a few KB of each file, a scan all of it.
 */
const streamed = (runDir: string): string[] => {
  const bytes = vi
    .mocked(fs.readSync)
    .mock.results.reduce((n, r) => n + (typeof r.value === 'number' ? r.value : 0), 0);
  const logBytes = readdirSync(runDir)
    .filter((name) => name.endsWith('.jsonl'))
    .reduce((n, name) => n + fs.statSync(join(runDir, name)).size, 0);
  return [
    ...vi.mocked(fs.createReadStream).mock.calls.map(([path]) => String(path)),
    ...(bytes > logBytes / 2 ? ['indexed'] : []),
  ];
};

afterEach(() => {
  vi.mocked(fs.createReadStream).mockClear();
  vi.mocked(fs.readSync).mockClear();
});

describe('log overview', () => {
  it('counts what the records hold, from the index alone, without streaming a journal file', async () => {
    const runDir = writeRun(6000);
    const { records } = await readAll(runDir);
    vi.mocked(fs.createReadStream).mockClear();
    vi.mocked(fs.readSync).mockClear();

    const overview = await jobsFor(runDir).overview({ log: 'saved', logId: 1 });

    expect(streamed(runDir)).toEqual([]);
    const times = records.map((r) => Date.parse(r.time));
    const problems = records.filter(isProblemRecord).length;
    const outage = records.filter((r) => r.kind === 'error' || r.kind === 'backend-status');
    expect(outage).toHaveLength(3);
    // The outage and the error, beside the problem outcomes.
    expect(problems).toBe(
      records.filter((r) => PROBLEM_RECORD_OUTCOMES.some((o) => o === recordOutcome(r))).length + 2,
    );
    expect(overview.records).toBe(records.length);
    // The newest counted, from which a live window counts those it gets after.
    expect(overview.lastSeq).toBe(Math.max(...records.map((r) => r.seq)));
    expect(overview.problems).toBe(problems);
    expect(overview.bins.reduce((n, b) => n + b.records, 0)).toBe(records.length);
    expect(overview.t0).toBe(Math.min(...times));
    expect(overview.t1).toBe(Math.max(...times));
    // Each bin's counts are those of the records in its time range (bins are in time order).
    for (const bin of overview.bins.slice(0, 3)) {
      const inside = records.filter(
        (r) => Date.parse(r.time) >= bin.t0 && Date.parse(r.time) <= bin.t1,
      );
      expect(inside.length).toBeGreaterThanOrEqual(bin.records);
    }
  });

  it('builds a missing index once by reading the log (the control: the spy sees scans)', async () => {
    // Past FINE_OVERVIEW_RECORDS, so the overview comes from the index.
    const runDir = writeRun(4000);
    for (const name of readdirSync(runDir))
      if (name.endsWith(INDEX_SUFFIX)) unlinkSync(join(runDir, name));
    vi.mocked(fs.createReadStream).mockClear();
    vi.mocked(fs.readSync).mockClear();
    const jobs = jobsFor(runDir);
    const first = await jobs.overview({ log: 'saved', logId: 1 });
    expect(streamed(runDir).length).toBeGreaterThan(0);
    vi.mocked(fs.createReadStream).mockClear();
    vi.mocked(fs.readSync).mockClear();
    const again = await jobs.overview({ log: 'saved', logId: 1 });
    expect(streamed(runDir)).toEqual([]);
    expect(again).toEqual(first);
  });

  it("draws a short log from its records' own times: where its problems are, not a flat bar", async () => {
    // 300 requests a second apart, the last 30 failing: one index bucket, which drew as one bar
    // with the problem band over all of it.
    const clock = new ManualClock(START);
    const journal = new Journal({
      dir: mkdtempSync(join(tmpdir(), 'mbn-overview-')),
      clock,
      runStart,
    });
    attachJournalIndex(journal);
    for (let n = 1; n <= 300; n++) {
      clock.advance(1000);
      for (const entry of requestEntries(n, { failEvery: n > 270 ? 1 : 1_000_000 }))
        journal.append(entry);
    }
    journal.close();
    const { records } = await readAll(journal.runDir);
    expect(records.length).toBeLessThanOrEqual(FINE_OVERVIEW_RECORDS);

    const overview = await jobsFor(journal.runDir).overview({ log: 'saved', logId: 1 });

    expect(overview.records).toBe(records.length);
    expect(overview.lastSeq).toBe(Math.max(...records.map((r) => r.seq)));
    expect(overview.bins.length).toBeGreaterThan(100);
    const withProblems = overview.bins.filter((b) => b.problems > 0);
    expect(withProblems.length).toBeGreaterThan(0);
    // Every problem lies in the last tenth of the log's time.
    const t0 = overview.t0 ?? 0;
    const t1 = overview.t1 ?? 0;
    for (const bin of withProblems) expect(bin.t0).toBeGreaterThan(t0 + 0.85 * (t1 - t0));
    expect(overview.bins.reduce((n, b) => n + b.problems, 0)).toBe(overview.problems);
  });

  it('merges neighbouring buckets into at most the bins asked for, keeping every count', async () => {
    const runDir = writeRun(6000);
    const full = await jobsFor(runDir).overview({ log: 'saved', logId: 1 });
    expect(full.bins.length).toBeGreaterThan(4);
    const log = await openIndexedLog(runDir);
    const merged = overviewOf(
      log.buckets.map((b) => b.bucket),
      2,
    );
    expect(merged.bins.length).toBe(2);
    expect(merged.bins.reduce((n, b) => n + b.records, 0)).toBe(full.records);
    expect(merged.bins.reduce((n, b) => n + b.problems, 0)).toBe(full.problems);
    expect(merged.bins[0]?.t0).toBe(full.t0);
    expect(merged.bins[1]?.t1).toBe(full.t1);
  });
});
