import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { INDEX_SUFFIX } from '../../../electron/core/journal-index.js';
import { readSidecar } from '../../../electron/core/journal-index-file.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { scanStretch } from '../../../electron/core/journal-index-scan.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import {
  OverviewReads,
  READ_BYTES,
  overviewOf,
  overviewOfLog,
  type LogOverview,
} from '../../../electron/core/log-overview.js';
import { searchLog } from '../../../electron/core/log-search.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { LogSearchJobs } from '../../../electron/ipc/log-search-jobs.js';
import {
  isProblemRecord,
  PROBLEM_RECORD_OUTCOMES,
  recordOutcome,
} from '../../../shared/request/story.js';
import { kioskLogLines, requestEntries } from '../../support/journal-traffic.js';
import { columnsOf } from '../../../renderer/src/timeline/overview-columns.js';

// Every scan of a journal file reads all of it: records through createReadStream, an index built
// or extended (or buckets read again for the overview) through readSync, where the checks of an
// index that is there read a few KB. The overview parses no record into an object, and reads no
// more than READ_BYTES of the buckets its counts would smear.
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

function jobsFor(path: string): LogSearchJobs {
  return new LogSearchJobs({
    live: { runDir: path, lastSeq: 0, firstSeq: 1, flush: () => undefined, readPage: () => [] },
    savedLog: () => ({ path, bundle: false }),
    onProgress: () => undefined,
  });
}

/** Bytes of a run's journal files. */
const logBytes = (runDir: string): number =>
  readdirSync(runDir)
    .filter((name) => name.endsWith('.jsonl'))
    .reduce((n, name) => n + fs.statSync(join(runDir, name)).size, 0);

/** Bytes readSync read since the spy was last cleared. */
const bytesRead = (): number =>
  vi
    .mocked(fs.readSync)
    .mock.results.reduce((n, r) => n + (typeof r.value === 'number' ? r.value : 0), 0);

/**
 * Files streamed, and "indexed" when readSync read more than half the log: the checks of an index
 * that is there read a few KB of each file, a scan all of it.
 */
const streamed = (runDir: string): string[] => {
  const bytes = bytesRead();
  return [
    ...vi.mocked(fs.createReadStream).mock.calls.map(([path]) => String(path)),
    ...(bytes > logBytes(runDir) / 2 ? ['indexed'] : []),
  ];
};

afterEach(() => {
  vi.mocked(fs.createReadStream).mockClear();
  vi.mocked(fs.readSync).mockClear();
});

describe('log overview', () => {
  it('counts what the records hold, from the index and its line reader, parsing no record', async () => {
    const runDir = writeRun(6000);
    const { records } = await readAll(runDir);
    vi.mocked(fs.createReadStream).mockClear();
    vi.mocked(fs.readSync).mockClear();

    const overview = await jobsFor(runDir).overview({ log: 'saved', logId: 1 });

    expect(vi.mocked(fs.createReadStream)).not.toHaveBeenCalled();
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
    expect(overview.bins.reduce((n, b) => n + b.problems, 0)).toBe(problems);
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
    expect(logBytes(journal.runDir)).toBeLessThan(READ_BYTES);

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

/** The strip's width in these tests, in columns (a laptop's timeline). */
const WIDTH = 1000;

/** What a strip WIDTH columns wide draws in each: the window's own sharing out of the bins. */
function drawn(overview: LogOverview): { records: number[]; problems: number[] } {
  const { records, problems } = columnsOf(overview, WIDTH);
  return { records: Array.from(records), problems: Array.from(problems) };
}

/** Where the records really are on the same strip. */
function truth(
  records: readonly JournalRecord[],
  overview: LogOverview,
): { records: number[]; problems: number[] } {
  const out = {
    records: new Array<number>(WIDTH).fill(0),
    problems: new Array<number>(WIDTH).fill(0),
  };
  const t0 = overview.t0 ?? 0;
  const per = Math.max(1, (overview.t1 ?? 0) - t0) / WIDTH;
  for (const record of records) {
    const x = Math.min(WIDTH - 1, Math.floor((Date.parse(record.time) - t0) / per));
    out.records[x] = (out.records[x] ?? 0) + 1;
    if (isProblemRecord(record)) out.problems[x] = (out.problems[x] ?? 0) + 1;
  }
  return out;
}

/** Columns where `values` holds more than `least`. */
const columnsOver = (values: readonly number[], least: number): number[] =>
  values.flatMap((v, x) => (v > least ? [x] : []));

/**
 * What a technician sees of a burst of failures: the band and the red bars over the minute it
 * happened (within a column of it) and nowhere else, as tall as it really is; and no records drawn
 * where the log has none (a night the kiosk was off).
 */
function expectDrawnWhereItHappened(
  overview: LogOverview,
  records: readonly JournalRecord[],
): void {
  const strip = drawn(overview);
  const real = truth(records, overview);
  const burst = columnsOver(real.problems, 0);
  expect(burst.length).toBeGreaterThan(0);
  const near = (x: number, columns: readonly number[]) => columns.some((c) => Math.abs(c - x) <= 1);
  for (const x of columnsOver(strip.problems, 0))
    expect(
      near(x, burst),
      `a problem drawn at column ${String(x)}, really at ${burst.join(', ')}`,
    ).toBe(true);
  expect(Math.max(...strip.problems)).toBeGreaterThan(0.8 * Math.max(...real.problems));
  const busy = columnsOver(real.records, 0);
  for (const x of columnsOver(strip.records, 0.5))
    expect(near(x, busy), `records drawn at column ${String(x)}, where the log has none`).toBe(
      true,
    );
}

/**
 * The strip of the log at `file` drawn where its records are, from all its bins and from the one
 * per column a window of WIDTH columns is sent, which draw the same; returns the latter.
 */
async function expectStripOf(
  file: string,
  records: readonly JournalRecord[],
): Promise<LogOverview> {
  const jobs = jobsFor(file);
  const full = await jobs.overview({ log: 'saved', logId: 1 });
  const columned = await jobs.overview({ log: 'saved', logId: 1 }, WIDTH);
  expectDrawnWhereItHappened(full, records);
  expect(columned.bins.length).toBeLessThanOrEqual(WIDTH);
  expectSameStrip(columned, full);
  expectDrawnWhereItHappened(columned, records);
  return columned;
}

/** A saved JSON Lines log of kiosk traffic, a request a second (3 lines each). */
function kioskLog(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-overview-')), 'kiosk.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Lines of `requests` requests, those for which `failing` holds failed, shifted by `shift`. */
function kioskLines(
  requests: number,
  failing: (n: number) => boolean,
  shift: (n: number) => number = () => 0,
): string[] {
  return kioskLogLines(requests, (n) => ({ failEvery: failing(n) ? 1 : 1_000_000 })).map((line) => {
    const record = JSON.parse(line) as { time: string; mono: number };
    const by = shift(Math.round(record.mono / 1000));
    if (by === 0) return line;
    return JSON.stringify({
      ...record,
      time: new Date(Date.parse(record.time) + by).toISOString(),
    });
  });
}

describe('where the overview draws a burst of failures', () => {
  it('in a log past 10,000 records, in the minute it happened, standing out', async () => {
    // 18,000 records in 5 buckets: spread over its bucket, the burst was a fifth of the strip of
    // faint red, and the band over all of it.
    const file = kioskLog(kioskLines(6000, (n) => n >= 4000 && n < 4030));
    const { records } = await readAll(file);
    expect(records.length).toBeGreaterThan(10_000);
    const overview = await expectStripOf(file, records);
    expect(overview.records).toBe(records.length);
    expect(overview.problems).toBe(records.filter(isProblemRecord).length);
  });

  it('before a night the kiosk was off: on its evening, not smeared over the night', async () => {
    // Requests 4941–5000 fail, then the kiosk is off for 12 hours: one bucket holds the evening
    // and the morning after.
    const night = 12 * 3_600_000;
    const file = kioskLog(
      kioskLines(
        8000,
        (n) => n > 4940 && n <= 5000,
        (n) => (n > 5000 ? night : 0),
      ),
    );
    const { records } = await readAll(file);
    await expectStripOf(file, records);
  });

  it('after a clock set a day ahead for three minutes: where it happened, not over the day', async () => {
    const day = 24 * 3_600_000;
    const file = kioskLog(
      kioskLines(
        8000,
        (n) => n > 5000 && n <= 5060,
        (n) => (n >= 4800 && n <= 5000 ? day : 0),
      ),
    );
    const { records } = await readAll(file);
    await expectStripOf(file, records);
  });

  it('in a log past what it reads again: the burst’s bucket read first, no more than asked', async () => {
    const file = kioskLog(kioskLines(6000, (n) => n >= 4000 && n < 4030));
    const { records } = await readAll(file);
    const log = await openIndexedLog(file, { save: false });
    const largest = Math.max(...log.buckets.map((b) => b.bucket.bytes));
    vi.mocked(fs.readSync).mockClear();

    const reads = new OverviewReads();
    const overview = await overviewOfLog(log, { scan: scanStretch, readBytes: largest, reads });

    expect(bytesRead()).toBeLessThanOrEqual(largest);
    expect(bytesRead()).toBeGreaterThan(0);
    expect(overview.records).toBe(records.length);
    expectDrawnWhereItHappened(overview, records);
    // What was read is kept for the next overview of the log: asked again, it reads nothing.
    vi.mocked(fs.readSync).mockClear();
    expect(await overviewOfLog(log, { scan: scanStretch, readBytes: largest, reads })).toEqual(
      overview,
    );
    expect(bytesRead()).toBe(0);
  });
});

describe('the overview of a rotated run', () => {
  it('counts its run-start, kept in run.json, as the log and the search do', async () => {
    const clock = new ManualClock(START);
    const journal = new Journal({
      dir: mkdtempSync(join(tmpdir(), 'mbn-overview-')),
      clock,
      runStart,
      maxFileBytes: 1024 * 1024,
      maxFilesPerRun: 4,
    });
    attachJournalIndex(journal);
    // Past 10,000 records kept, past the first file dropped.
    for (let n = 1; n <= 6000; n++) {
      clock.advance(1000);
      for (const entry of requestEntries(n, { failEvery: n % 1000 < 20 ? 1 : 1_000_000 }))
        journal.append(entry);
      if (n % 500 === 0) journal.flush();
    }
    journal.close();
    const log = await openIndexedLog(journal.runDir, { save: false });
    expect(log.prefix).toHaveLength(1);
    expect(log.total).toBeGreaterThan(10_000);
    const rows = await log.read(0, log.total);
    const search = await searchLog(
      journal.runDir,
      { problems: true },
      { numbering: 'position', save: false },
    );

    const overview = await jobsFor(journal.runDir).overview({ log: 'saved', logId: 1 });

    expect(overview.records).toBe(rows.length);
    expect(overview.problems).toBe(search.matches);
    expect(overview.problems).toBe(rows.filter(isProblemRecord).length);
    expect(overview.bins.reduce((n, b) => n + b.records, 0)).toBe(rows.length);
    expect(overview.lastSeq).toBe(Math.max(...rows.map((r) => r.seq)));
    // The live log counts from the oldest entry its journal holds (log-count.ts), as its strip.
    const live = await jobsFor(journal.runDir).overview({ log: 'live' });
    const oldest = rows[1]?.seq ?? 0;
    expect(live.records).toBe(journal.lastSeq - oldest + 1);
    expect(live.problems).toBe(overview.problems);
    // Sent one bin per column, both draw as all their bins do.
    const jobs = jobsFor(journal.runDir);
    expectSameStrip(await jobs.overview({ log: 'saved', logId: 1 }, WIDTH), overview);
    expectSameStrip(await jobs.overview({ log: 'live' }, WIDTH), live);
  });
});

/** A live run (its journal still open, as the app's), indexed by its writer as the app's is. */
function liveRun() {
  const clock = new ManualClock(START);
  const journal = new Journal({
    dir: mkdtempSync(join(tmpdir(), 'mbn-overview-live-')),
    clock,
    runStart,
  });
  attachJournalIndex(journal);
  let n = 0;
  /** `requests` more requests, a second apart; those for which `failing` holds fail. */
  const write = (requests: number, failing: (n: number) => boolean = () => false) => {
    for (let i = 0; i < requests; i++) {
      n += 1;
      clock.advance(1000);
      for (const entry of requestEntries(n, { failEvery: failing(n) ? 1 : 1_000_000 }))
        journal.append(entry);
      if (n % 500 === 0) journal.flush();
    }
    journal.flush();
  };
  const jobs = new LogSearchJobs({
    live: {
      runDir: journal.runDir,
      get lastSeq() {
        return journal.lastSeq;
      },
      firstSeq: 1,
      flush: () => journal.flush(),
      readPage: () => [],
    },
    savedLog: () => {
      throw new Error('no saved log here');
    },
    onProgress: () => undefined,
  });
  return { journal, write, jobs };
}

/** What the strip draws of two answers, column by column: the same, to float rounding. */
function expectSameStrip(columned: LogOverview, full: LogOverview): void {
  expect(columned.records).toBe(full.records);
  expect(columned.problems).toBe(full.problems);
  expect([columned.t0, columned.t1, columned.lastSeq]).toEqual([full.t0, full.t1, full.lastSeq]);
  const a = drawn(columned);
  const b = drawn(full);
  for (let x = 0; x < WIDTH; x++) {
    expect(a.records[x], `records at column ${String(x)}`).toBeCloseTo(b.records[x] ?? 0, 6);
    expect(a.problems[x], `problems at column ${String(x)}`).toBeCloseTo(b.problems[x] ?? 0, 6);
  }
}

describe("the live log's strip, asked for again every few seconds", () => {
  it('gets no more bins than it has columns, drawing what all the bins drew', async () => {
    // 100,000 records, every bucket read again: ~4,000 bins each time, for 1,000 pixels.
    const { journal, write, jobs } = liveRun();
    try {
      write(33_000, (n) => n > 20_000 && n <= 20_040);
      const { records } = await readAll(journal.runDir);
      expect(records.length).toBeGreaterThan(99_000);

      const full = await jobs.overview({ log: 'live' });
      const columned = await jobs.overview({ log: 'live' }, WIDTH);

      expect(full.bins.length).toBeGreaterThan(2 * WIDTH);
      expect(columned.bins.length).toBeLessThanOrEqual(WIDTH);
      expect(columned.records).toBe(records.length);
      expectSameStrip(columned, full);
      expectDrawnWhereItHappened(columned, records);
    } finally {
      journal.close();
    }
  });

  it('reads again only what was written since it was last asked for', async () => {
    // A device failing now, what a technician watches: the current file's buckets hold problems,
    // so they are read again for the strip, and were read again at every refresh (10 MB).
    const { journal, write, jobs } = liveRun();
    try {
      write(10_000, (n) => n % 7 === 0);
      // A second on, the writer saves its index of the closed buckets (once a second at most).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      write(1);
      await jobs.overview({ log: 'live' }, WIDTH);
      write(100, (n) => n % 7 === 0);
      vi.mocked(fs.readSync).mockClear();

      const refreshed = await jobs.overview({ log: 'live' }, WIDTH);
      const read = bytesRead();

      // What the writer's index does not hold yet: the open bucket, scanned for its counts and
      // read again for where in it its records lie.
      const files = listJournalFiles(journal.runDir);
      const current = files[files.length - 1] ?? '';
      const closed = (await readSidecar(current))?.buckets.at(-1);
      const open = fs.statSync(current).size - (closed ? closed.offset + closed.bytes : 0);
      expect(logBytes(journal.runDir)).toBeGreaterThan(10 * open);
      expect(read).toBeGreaterThan(0);
      expect(read).toBeLessThanOrEqual(2 * open + 64 * 1024);
      // And it is what an overview reading everything again draws.
      const fresh = await jobsFor(journal.runDir).overview({ log: 'live' }, WIDTH);
      expect(refreshed).toEqual(fresh);
    } finally {
      journal.close();
    }
  });
});
