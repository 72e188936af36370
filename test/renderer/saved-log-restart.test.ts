/**
 * A saved log larger than the window: main sends its first page, then (once the log's index is
 * built, seconds for a million records) only its newest rows, and the window holds those instead
 * of the first page. A technician who jumped meanwhile (a search hit, a time, a row) lost the rows
 * jumped to as soon as the newest rows began: the window was emptied for them. Rows jumped to
 * within the first page's own range were lost even after that was mended: the window held them
 * already, and only rows beyond the first page were taken for the jump's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRow, SavedLogPage } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { WINDOW_ROWS } from '../../shared/log-window';
import { jumpToRow } from '../../renderer/src/search/search-actions';
import { openSavedLog } from '../../renderer/src/store/file-actions';
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';

const TIME = '2026-11-30T10:00:00.000Z';
const rows = (from: number, count: number): LogRow[] =>
  Array.from({ length: count }, (_, i) =>
    toLogRow({
      ...{ v: 2, seq: from + i, time: TIME, mono: from + i, kind: 'error' },
      ...{ message: `#${String(from + i)}`, context: 'c' },
    }),
  );

const TOTAL = 1_000_000;
const PAGE = 2000;
const page = (from: number, extra: Partial<SavedLogPage> = {}): SavedLogPage => ({
  logId: 1,
  rows: rows(from, Math.min(PAGE, TOTAL - from + 1)),
  count: TOTAL,
  complete: from + PAGE > TOTAL,
  problems: [],
  tornTail: false,
  ...extra,
});

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
function bridge(invoke: Invoke): void {
  const api = {
    invoke: async (channel: string, payload: unknown) => ({
      ok: true,
      value: await invoke(channel, payload),
    }),
    on: () => () => undefined,
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
  useFiles.setState({ saved: null });
  SAVED_SOURCE.model.clear();
});

/** Main's answer to a jump to `row`: the rows around it, 100 either side. */
const around = (row: number) => ({ rows: rows(row - 100, 201), target: row });

/**
 * Main with a week-long log open: its first page, jumps answered at once, then its newest rows
 * from the restart on, each page sent once `hold(first row of the page)` lets it.
 */
function weekLog(hold: (next: number) => Promise<void>): void {
  const newest = TOTAL - WINDOW_ROWS + 1;
  let next = newest;
  bridge(async (channel, payload) => {
    if (channel === 'mbn:open-saved-log')
      return { ...page(1), name: 'week.jsonl', kind: 'journal-file', readOnly: true };
    if (channel === 'mbn:seek-log') return around((payload as { to: { row: number } }).to.row);
    if (channel !== 'mbn:read-saved-log') throw new Error(channel);
    await hold(next);
    const answer = page(next, next === newest ? { restart: true } : {});
    next += PAGE;
    return answer;
  });
}

describe('a jump made while a large saved log pages in', () => {
  // Beyond the first page; within it (the rows the window held already); across its end.
  it.each([
    ['beyond the first page', 100_100],
    ['within the first page', 1_000],
    ['across the end of the first page', PAGE - 50],
  ])(
    'keeps the rows jumped to (%s), beside the newest rows',
    async (_where, target) => {
      let release: () => void = () => undefined;
      const indexBuilt = new Promise<void>((resolve) => (release = resolve));
      const newest = TOTAL - WINDOW_ROWS + 1;
      weekLog(() => indexBuilt);
      expect(await openSavedLog('week.jsonl')).toBe(true);
      await jumpToRow(SAVED_SOURCE, target);
      expect(SAVED_SOURCE.model.rows.indexOfSeq(target)).toBeGreaterThanOrEqual(0);
      release();
      await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
      const model = SAVED_SOURCE.model;
      // The newest rows, every one, and the rows jumped to; not the rest of the first page.
      expect(model.lastSeq).toBe(TOTAL);
      expect(model.rows.indexOfSeq(newest)).toBeGreaterThanOrEqual(0);
      expect(model.rows.indexOfSeq(1)).toBe(-1);
      for (const seq of [target - 100, target, target + 100])
        expect(model.rows.indexOfSeq(seq), `row ${String(seq)}`).toBeGreaterThanOrEqual(0);
      expect(model.rows.length).toBe(WINDOW_ROWS + 201);
      expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(target);
    },
    30_000,
  );
});

describe('a jump made after a large saved log’s newest rows began', () => {
  it('keeps the rows jumped to, and every one of the newest rows', async () => {
    let release: () => void = () => undefined;
    const jumped = new Promise<void>((resolve) => (release = resolve));
    const newest = TOTAL - WINDOW_ROWS + 1;
    // The newest rows' first pages are in when the technician jumps.
    weekLog((next) => (next > newest + 4 * PAGE ? jumped : Promise.resolve()));
    expect(await openSavedLog('week.jsonl')).toBe(true);
    await expect
      .poll(() => SAVED_SOURCE.model.rows.indexOfSeq(newest), { timeout: 15_000 })
      .toBe(0);
    await jumpToRow(SAVED_SOURCE, 1_000);
    release();
    await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
    const model = SAVED_SOURCE.model;
    expect(model.lastSeq).toBe(TOTAL);
    expect(model.rows.indexOfSeq(newest)).toBeGreaterThanOrEqual(0);
    expect(model.rows.indexOfSeq(1_000)).toBeGreaterThanOrEqual(0);
    expect(model.rows.length).toBe(WINDOW_ROWS + 201);
    expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(1_000);
  }, 30_000);
});
