/**
 * The overview channel through the real host: the live run's overview counts every record the
 * session wrote so far (closed buckets from the writer's index, the open one scanned), a saved
 * log's counts every record it holds, and a payload naming anything but a log is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexedLog } from '../../../electron/core/indexed-log.js';
import type {
  IpcResult,
  LogOverview,
  SearchProgressEvent,
} from '../../../electron/ipc/contract.js';
import { OVERVIEW_MAX_COLUMNS } from '../../../shared/overview-columns.js';
import type { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { LogSearchJobs } from '../../../electron/ipc/log-search-jobs.js';
import { PAGE_CHARS, SEARCH_CHARS } from '../../../electron/ipc/row-size.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { filesHost } from './files-host.js';
import { openSaved } from './open-saved.js';
import { RANGE_FROM, RANGE_TO, writeRangeExport } from './range-export-file.js';

/** The strip's width the window asks for, in pixel columns (a laptop's timeline). */
const STRIP = 1000;

describe('mbn:log-overview', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  function setup() {
    const made = filesHost('ipc-overview-');
    close = made.close;
    return made;
  }

  const overview = async (host: IpcHost<string>, payload: unknown): Promise<LogOverview> => {
    const result = (await host.invoke(
      'mbn:log-overview',
      payload,
      'window',
    )) as IpcResult<LogOverview>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('counts every record the live session has written so far', async () => {
    const { host, engine } = setup();
    const devices = await engine.listDevices();
    const device = devices[0];
    if (!device) throw new Error('the simulator has no device');
    await engine.listServices(device.interfaceId);
    const first = await overview(host, { source: { log: 'live' }, columns: STRIP });
    expect(first.records).toBe(engine.journal.lastSeq);
    expect(first.lastSeq).toBe(engine.journal.lastSeq);
    expect(first.t0).not.toBeNull();
  });

  it('counts every record of a saved log', async () => {
    const { host, folder } = setup();
    const lines = kioskLogLines(5000, () => ({ failEvery: 100 }));
    writeFileSync(join(folder, 'kiosk.jsonl'), lines.join('\n') + '\n');
    const value = await overview(host, {
      source: { log: 'saved', logId: (await openSaved(host, 'kiosk.jsonl')).logId },
      columns: STRIP,
    });
    expect(value.records).toBe(lines.length);
    expect(value.problems).toBeGreaterThan(0);
    expect(value.bins.length).toBeGreaterThan(1);
    // One bin per column of the strip at most, holding every record between them.
    expect(value.bins.length).toBeLessThanOrEqual(STRIP);
    expect(value.bins.reduce((n, b) => n + b.records, 0)).toBeCloseTo(lines.length, 6);
    expect(value.t0).toBe(Date.UTC(2026, 0, 5, 8) + 1000);
    expect(value.t1).toBe(Date.UTC(2026, 0, 5, 8) + 5000 * 1000);
  });

  it('spans a range’s export by its range, not the run’s start it kept from the day before', async () => {
    const { host, folder } = setup();
    const from = RANGE_FROM;
    // Short enough to be binned by its records' times, and long enough to be from its index.
    for (const requests of [600, 5000]) {
      const name = `range-${String(requests)}.jsonl`;
      const lines = writeRangeExport(folder, name, requests);
      const value = await overview(host, {
        source: { log: 'saved', logId: (await openSaved(host, name)).logId },
        columns: STRIP,
      });
      expect(value.records, name).toBe(lines.length + 2);
      // From its first entry, or (read from its index, whose first bucket holds the run's start
      // too) from the range's start.
      expect(value.t0, name).toBeGreaterThanOrEqual(from);
      expect(value.t0, name).toBeLessThanOrEqual(from + 1000);
      expect(value.t1, name).toBe(RANGE_TO - 1);
      expect(Math.min(...value.bins.map((b) => b.t0)), name).toBe(value.t0);
    }
  });

  it('refuses a path, or a saved log that is not open', async () => {
    const { host } = setup();
    const path = await host.invoke(
      'mbn:log-overview',
      { source: { log: '/etc' }, columns: STRIP },
      'window',
    );
    expect(path).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const closed = await host.invoke(
      'mbn:log-overview',
      { source: { log: 'saved', logId: 99 }, columns: STRIP },
      'window',
    );
    expect(closed.ok).toBe(false);
  });

  it('refuses a strip of no columns, of part of one, or wider than any screen', async () => {
    const { host } = setup();
    for (const columns of [undefined, 0, -5, 1.5, '800', OVERVIEW_MAX_COLUMNS + 1, 1e9]) {
      const answer = await host.invoke(
        'mbn:log-overview',
        { source: { log: 'live' }, ...(columns === undefined ? {} : { columns }) },
        'window',
      );
      expect(answer, String(columns)).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    }
    const widest = await host.invoke(
      'mbn:log-overview',
      { source: { log: 'live' }, columns: OVERVIEW_MAX_COLUMNS },
      'window',
    );
    expect(widest.ok).toBe(true);
  });
});

/** A saved log of `count` error records of 1 MiB each, a second apart. */
function hugeLog(dir: string, count: number): string {
  const file = join(dir, 'huge.jsonl');
  const line = (seq: number): string =>
    JSON.stringify({
      v: 2,
      seq,
      time: new Date(Date.UTC(2026, 0, 5) + seq * 1000).toISOString(),
      mono: seq * 1000,
      kind: 'error',
      message: `#${String(seq)} ${'x'.repeat(1024 * 1024 - 200)}`,
      context: 'c',
    });
  writeFileSync(file, `${Array.from({ length: count }, (_, i) => line(i + 1)).join('\n')}\n`);
  return file;
}

describe('a saved log of few but huge lines', () => {
  let dir = '';
  let jobs: LogSearchJobs | undefined;
  const progress: SearchProgressEvent[] = [];
  afterEach(async () => {
    progress.length = 0;
    await jobs?.dispose();
    jobs = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function open(): void {
    dir = mkdtempSync(join(tmpdir(), 'ipc-overview-huge-'));
    const file = hugeLog(dir, 40);
    jobs = new LogSearchJobs({
      live: { runDir: dir, lastSeq: 0, firstSeq: 1, flush: () => undefined, readPage: () => [] },
      savedLog: () => ({ path: file, bundle: false }),
      onProgress: (event) => progress.push(event),
    });
  }

  it('is overviewed from its index, without reading every record into memory at once', async () => {
    // 40 records of 1 MiB: few enough to be binned by their own times, but 10,000 of them
    // (a 10 MB zip bundle) read at once filled the heap and ended the process.
    open();
    const reads = vi.spyOn(IndexedLog.prototype, 'read');
    const overview = await jobs?.overview({ log: 'saved', logId: 1 });
    expect(overview?.records).toBe(40);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
  });

  it('is searched to the end, every match counted, but only some of its rows sent', async () => {
    // 5000 hits of 1 MiB would have been 5 GB of rows sent to the window.
    open();
    const done = await jobs?.search({
      searchId: 1,
      source: { log: 'saved', logId: 1 },
      query: { text: 'xxxx' },
    });
    const sent = progress.flatMap((p) => p.hits);
    expect(done?.matches).toBe(40);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(40);
    expect(done?.delivered).toBe(sent.length);
    expect(JSON.stringify(sent).length).toBeLessThan(SEARCH_CHARS + 2 * 1024 * 1024);
  });

  it('is jumped through a few rows at a time, the one asked for among them', async () => {
    // 2000 rows of 1 MiB read at once filled the heap, and made an answer too large to send.
    open();
    for (const to of [{ end: true as const }, { row: 20 }]) {
      const answer = await jobs?.seek({ source: { log: 'saved', logId: 1 }, to, limit: 2000 });
      const rows = answer?.rows ?? [];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.seq)).toContain(answer?.target);
      expect(JSON.stringify(answer).length).toBeLessThan(PAGE_CHARS * 1.5);
    }
  });
});
