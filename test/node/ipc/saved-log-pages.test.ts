/**
 * A saved log's pages are bounded in size as well as in rows. A log's lines may each be up to
 * 1 MiB; a few hundred of them (a 300 MB file, or a zip bundle of a few hundred kB) made the
 * first page one answer too large to send, and the preview process ended on it.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/preview/preview-connection.js';
import type { SavedLogPage } from '../../../electron/ipc/contract.js';
import { PAGE_CHARS } from '../../../electron/ipc/row-size.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { recordInterfaceId, recordServiceId } from '../../../shared/journal/record-fields.js';
import { errorLog } from '../../support/error-log.js';
import { readAllPages } from '../../support/saved-pages.js';
import { SavedLogs, type SavedLogsOptions } from '../../../electron/ipc/saved-logs.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { HAS_PROC_FD, handlesOn } from '../../support/open-handles.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `count` error records, each with a message of `size` characters, numbered in the message. */
function logOf(count: number, size: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'saved-pages-'));
  made.push(dir);
  const file = join(dir, 'big.jsonl');
  writeFileSync(
    file,
    errorLog(count, (n) => `#${String(n)} ${'x'.repeat(size)}`),
  );
  return file;
}

function savedLogs(file: string, options: SavedLogsOptions = {}): SavedLogs {
  return new SavedLogs(
    {
      chooseLogToOpen: () => Promise.resolve(file),
      chooseExportPath: () => Promise.resolve(null),
      choices: () => Promise.resolve({ picker: 'list', folder: null, files: [] }),
    },
    options,
  );
}

describe('pages of a saved log of huge lines', () => {
  it('each stay within the budget, and together bring every row, in order', async () => {
    const budget = 250_000;
    const logs = savedLogs(logOf(12, 100_000), { pageChars: budget });
    const pages = await readAllPages(logs);
    logs.close();
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(rows.map((r) => describeRecord(r.record).slice(0, 14))).toEqual(
      Array.from({ length: 12 }, (_, i) => `error in c: #${String(i + 1)}`.slice(0, 14)),
    );
    for (const page of pages) expect(JSON.stringify(page).length).toBeLessThan(budget * 1.1);
    expect(pages.at(-1)?.complete).toBe(true);
    expect(pages.slice(0, -1).every((p) => !p.complete)).toBe(true);
  });

  it('keep the first answer within the default budget when lines of 1 MiB are opened', async () => {
    // 40 lines made an 80 MB answer; 300 (a few hundred kB zipped) threw RangeError: Invalid
    // string length, and ended the preview.
    const logs = savedLogs(logOf(40, 1024 * 1024 - 200));
    const opened = await logs.open(undefined);
    logs.close();
    const answer = JSON.stringify(opened).length;
    expect(answer).toBeLessThan(PAGE_CHARS * 1.1);
    // The preview disconnects a page with more than this waiting for it: the answer must fit.
    expect(answer).toBeLessThan(DEFAULT_LIMITS.maxBuffered / 2);
    expect(opened).toMatchObject({ complete: false });
  }, 30_000);

  it('carry each record once: the window makes the rest of a row from it', async () => {
    const logs = savedLogs(logOf(500, 50));
    const [page] = await readAllPages(logs);
    logs.close();
    const records = (page?.rows ?? []).reduce((n, r) => n + JSON.stringify(r.record).length, 0);
    // Its number and HRESULT beside each: 1.2 times. Rows sent whole (words, places and outcome
    // again beside the record) came to 2.9 times.
    expect(JSON.stringify(page).length).toBeLessThan(records * 1.5);
  });

  it('of an ordinary log is one page, as before', async () => {
    const logs = savedLogs(logOf(500, 50));
    const pages = await readAllPages(logs);
    logs.close();
    expect(pages[0]?.rows).toHaveLength(500);
    expect(pages[0]?.complete).toBe(true);
  });
});

/**
 * The window keeps a log's newest rows (WINDOW_ROWS). Every row of a week-long log was read, sent
 * and then dropped: a million records kept the window reading for 105 s.
 */
describe('a saved log larger than the window', () => {
  const indexOf = (path: string) => openIndexedLog(path, { save: false });
  const rowsOf = (pages: SavedLogPage[]) => pages.flatMap((p) => p.rows.map((r) => r.seq));

  it('sends its first page, then only its newest rows, in order, and says the window restarts', async () => {
    const logs = savedLogs(logOf(10_000, 20), { window: 3000, indexOf });
    const pages = await readAllPages(logs);
    logs.close();
    expect(pages[0]?.rows.map((r) => r.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    const restart = pages.findIndex((p) => p.restart);
    expect(restart).toBe(1);
    expect(rowsOf(pages.slice(restart))).toEqual(Array.from({ length: 3000 }, (_, i) => 7001 + i));
    expect(pages.at(-1)).toMatchObject({ count: 10_000, complete: true });
    // Every page from the restart on counts the whole log: the banner says it is read.
    expect(pages.slice(restart).every((p) => p.counted && p.count === 10_000)).toBe(true);
    const lastRecord = pages.at(-1)?.rows.at(-1)?.record;
    expect(lastRecord && describeRecord(lastRecord)).toContain('#10000');
  });

  // On Windows a file held open cannot be moved or deleted: the technician tidying the folder of
  // a log open in the window was told it is in use, and here Node closed it on garbage collection.
  it.skipIf(!HAS_PROC_FD)(
    'holds its file open no longer than it reads from it, once its newest rows are in',
    async () => {
      const file = logOf(10_000, 20);
      const held = () => handlesOn(file);
      const logs = savedLogs(file, { window: 3000, indexOf });
      const pages = await readAllPages(logs);
      expect(pages.at(-1)).toMatchObject({ count: 10_000, complete: true });
      // A stream lets go of its file a moment after it is ended.
      await expect.poll(held).toBe(0);
      logs.close();
    },
  );

  it('can count the files it holds open here (required under CI)', () => {
    if (process.env.CI === 'true') expect(HAS_PROC_FD, '/proc/self/fd is missing').toBe(true);
  });

  // A bundle is read row by row to its end (its entry cannot be entered in the middle).
  it.skipIf(!HAS_PROC_FD)('holds a bundle open no longer than it reads from it', async () => {
    const file = logOf(3000, 20);
    const bundle = join(dirname(file), 'big.zip');
    await exportFromPath({
      source: file,
      format: 'zip',
      destination: bundle,
      app: { name: 'mbn-diag', version: 'test' },
    });
    const logs = savedLogs(bundle, { indexOf });
    const pages = await readAllPages(logs);
    expect(pages.at(-1)).toMatchObject({ count: 3000, complete: true });
    await expect.poll(() => handlesOn(bundle)).toBe(0);
    logs.close();
  });

  // Another log opened (or the window closed) while this one's index was read: the reader of its
  // newest rows was made for a log no longer open, and nothing ever ended it.
  it.skipIf(!HAS_PROC_FD)(
    'lets go of a log closed while its index is read, and says it is no longer open',
    async () => {
      const file = logOf(10_000, 20);
      const logs: SavedLogs = savedLogs(file, {
        window: 3000,
        indexOf: async (path) => {
          const index = await indexOf(path);
          // Closed as what follows the index is first read (its files), after the check that
          // the log is still open: the moment the reader of its newest rows was being made.
          let closed = false;
          return new Proxy(index, {
            get(target, key) {
              if (key === 'parts' && !closed) {
                closed = true;
                logs.close();
              }
              const value: unknown = Reflect.get(target, key, target);
              return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
            },
          });
        },
      });
      const opened = await logs.open(undefined);
      if ('cancelled' in opened) throw new Error('cancelled');
      await expect(logs.next(opened.logId)).rejects.toThrow(/no longer open|not open/i);
      await expect.poll(() => handlesOn(file)).toBe(0);
    },
  );

  it('lists the damaged lines and the last line as reading every row does', async () => {
    const file = logOf(10_000, 20);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(9, 0, '{"v":2,"seq":9,"kind":"request", cut short');
    lines.splice(8000, 0, 'not json at all');
    writeFileSync(file, lines.join('\n'));
    // A last record without its newline (the index leaves it out), then a cut-off line.
    appendFileSync(file, `${lines[5] ?? ''}\n{"v":2,"seq":`);
    const whole = await readAllPages(savedLogs(file));
    const windowed = await readAllPages(savedLogs(file, { window: 3000, indexOf }));
    const last = (pages: SavedLogPage[]) => pages.at(-1);
    expect(last(windowed)?.problems).toEqual(last(whole)?.problems);
    // The two damaged lines, and the cut-off last one.
    expect(last(windowed)?.problems).toHaveLength(3);
    expect(last(windowed)).toMatchObject({
      count: last(whole)?.count,
      tornTail: true,
      complete: true,
    });
    expect(rowsOf(windowed).slice(-3000)).toEqual(rowsOf(whole).slice(-3000));
    expect(windowed.flatMap((p) => p.rows).at(-1)?.record).toEqual(
      whole.flatMap((p) => p.rows).at(-1)?.record,
    );
  });

  it('gives a cut-off last line the line number an editor shows, after blank lines', async () => {
    // Blank lines near the end (a log joined or edited by hand, or with a newline left at its
    // end): the banner sent the technician 19 lines short of the cut-off one.
    const file = logOf(10_000, 20);
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let at = 9100; at < 10_000; at += 100) lines.splice(at, 0, '', '  ');
    writeFileSync(file, `${lines.join('\n')}\n{"v":2,"seq":`);
    const whole = (await readAllPages(savedLogs(file))).at(-1);
    const windowed = (await readAllPages(savedLogs(file, { window: 3000, indexOf }))).at(-1);
    expect(whole?.problems).toEqual([
      { line: 10_000 + 19 + 1, message: 'incomplete last line (the writer stopped mid-line)' },
    ]);
    expect(windowed?.problems).toEqual(whole?.problems);
  });

  // The window asks for the next page while it takes in the last (file-actions.ts).
  it('answers pages asked for ahead in order, each row once', async () => {
    const logs = savedLogs(logOf(10_000, 20), { window: 3000, indexOf });
    const opened = await logs.open(undefined);
    if ('cancelled' in opened) throw new Error('cancelled');
    const pages = await Promise.all([1, 2, 3].map(() => logs.next(opened.logId)));
    logs.close();
    expect(rowsOf(pages)).toEqual(Array.from({ length: 3000 }, (_, i) => 7001 + i));
    expect(pages.map((p) => p.complete)).toEqual([false, true, true]);
  });

  it('of no more rows than the window holds is read row by row, as before', async () => {
    const pages = await readAllPages(savedLogs(logOf(4000, 20), { window: 3000, indexOf }));
    expect(rowsOf(pages)).toEqual(Array.from({ length: 4000 }, (_, i) => i + 1));
    expect(pages.some((p) => p.restart)).toBe(false);
    // Its count grows page by page: the first is not the whole log yet.
    expect(pages[0]?.counted).toBe(false);
    expect(pages.at(-1)).toMatchObject({ count: 4000, counted: true, complete: true });
  });
});

/**
 * Opening another log while the last one's index is still being built (a ten-million-record log
 * takes about a minute): the new log's pages were answered only after that build, because every
 * log's pages waited in one line.
 */
describe('a saved log opened while the last one is still being indexed', () => {
  it('pages in at once, without waiting for the last one', async () => {
    const big = logOf(10_000, 20);
    const small = logOf(4000, 20);
    let path = big;
    let building = false;
    const logs = new SavedLogs(
      {
        chooseLogToOpen: () => Promise.resolve(path),
        chooseExportPath: () => Promise.resolve(null),
        choices: () => Promise.resolve({ picker: 'list', folder: null, files: [] }),
      },
      {
        window: 3000,
        // The big log's index never finishes here; any other is built as usual.
        indexOf: (p) => {
          if (p !== big) return openIndexedLog(p, { save: false });
          building = true;
          return new Promise(() => undefined);
        },
      },
    );
    const first = await logs.open(undefined);
    if ('cancelled' in first) throw new Error('cancelled');
    void logs.next(first.logId).catch(() => undefined);
    await vi.waitFor(() => {
      expect(building).toBe(true);
    });
    path = small;
    const second = await logs.open(undefined);
    if ('cancelled' in second) throw new Error('cancelled');
    const timedOut = new Promise<'waiting'>((resolve) =>
      setTimeout(() => resolve('waiting'), 3000),
    );
    const page = await Promise.race([logs.next(second.logId), timedOut]);
    logs.close();
    expect(page).not.toBe('waiting');
    if (page === 'waiting') return;
    expect(page.rows.map((r) => r.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => 2001 + i));
  });
});

/**
 * A v1 log (recorded by an older version): a call that threw was written as an error naming only
 * its request's ref, and takes its service and modem from that request, read before it. The
 * newest rows were read through the index a page at a time, each page from scratch, so a failed
 * call just after a page's start showed with no service or modem (and a filter on either hid it).
 */
describe('a v1 saved log larger than the window', () => {
  const indexOf = (path: string) => openIndexedLog(path, { save: false });

  it('shows each failed call under its service, as reading every row does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saved-pages-'));
    made.push(dir);
    const file = join(dir, 'v1.jsonl');
    const time = '2023-11-30T10:00:00.000Z';
    // A request, then its call failing, then an ordinary error; over and over.
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const seq = i + 1;
      if (seq % 3 === 0)
        return JSON.stringify({
          ...{ v: 1, seq, time, mono: seq, kind: 'request', ref: `r${String(seq)}`, op: 'open' },
          ...{ interfaceId: '{A}', serviceId: `{S${String(seq % 7)}}`, serviceName: 'Diag' },
          sessionOpenBefore: false,
        });
      if (seq % 3 === 1)
        return JSON.stringify({
          ...{ v: 1, seq, time, mono: seq, kind: 'error', message: 'refused' },
          context: `open Diag (r${String(seq - 1)})`,
        });
      return JSON.stringify({
        v: 1,
        seq,
        time,
        mono: seq,
        kind: 'error',
        message: 'x',
        context: 'c',
      });
    });
    writeFileSync(file, `${lines.join('\n')}\n`);
    const all = (await readAllPages(savedLogs(file))).flatMap((p) => p.rows);
    const places = (rows: typeof all) =>
      rows
        .filter((r) => r.record.kind === 'call-failed')
        .map((r) => `${String(recordInterfaceId(r.record))} ${String(recordServiceId(r.record))}`);
    // Newest rows from 7001 (a page of them starts at 9001, a failed call just after its request),
    // and from 7000 (a failed call first, its request before the newest rows).
    for (const window of [3000, 3001]) {
      const whole = all.slice(-window);
      const windowed = (await readAllPages(savedLogs(file, { window, indexOf })))
        .flatMap((p) => p.rows)
        .slice(-window);
      expect(places(windowed).filter((place) => place === ' ')).toEqual([]);
      expect(places(windowed)).toEqual(places(whole));
      expect(windowed).toEqual(whole);
    }
  });
});

/**
 * A file of the log gone while its newest rows are read (a run folder pruned, a USB stick pulled):
 * reading every row says the rest could not be read and ends the log there; through the index the
 * window got an error it could do nothing with, and the log never ended.
 */
describe('a large saved log whose file goes while its newest rows are read', () => {
  it('ends with what was read, and says the rest could not be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saved-pages-'));
    made.push(dir);
    const run = join(dir, 'run-20261130T100000000Z-abcdef');
    mkdirSync(run);
    const first = join(run, 'journal-000001.jsonl');
    copyFileSync(logOf(5000, 20), first);
    copyFileSync(logOf(5000, 20), join(run, 'journal-000002.jsonl'));
    const indexOf = async (path: string) => {
      const index = await openIndexedLog(path, { save: false });
      rmSync(first);
      return index;
    };
    const pages = await readAllPages(savedLogs(run, { window: 7000, indexOf }));
    const last = pages.at(-1);
    expect(last?.complete).toBe(true);
    expect(last?.problems.map((p) => p.message).join('\n')).toMatch(/could not be read/);
    // The first page is kept: no newest rows came to replace it.
    expect(pages.some((p) => p.restart)).toBe(false);
  });
});
