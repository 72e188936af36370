/**
 * A saved log larger than the window: main sends its first page, then (once the log's index is
 * built, seconds for a million records) only its newest rows. The window emptied itself for them:
 * the technician reading the first page (row #37 selected) was shown #750,001 instead, and one who
 * jumped meanwhile (a search hit, a time, a row) lost the rows jumped to. Rows jumped to within
 * the first page's own range were lost even after those were put back at the end: the window
 * held them already, and only rows beyond the first page were taken for the jump's. The window
 * now keeps the first page and the rows jumped to where they are, beside every one of the newest.
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
  counted: true,
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

/** Rows 1 to PAGE, and the newest rows from here: what the window holds once every page is in. */
const NEWEST = TOTAL - WINDOW_ROWS + 1;

/**
 * Main with a week-long log open: its first page, jumps answered at once, then its newest rows
 * from the restart on, each page sent once `hold(first row of the page)` lets it.
 */
function weekLog(hold: (next: number) => Promise<void>): void {
  let next = NEWEST;
  bridge(async (channel, payload) => {
    if (channel === 'mbn:open-saved-log')
      return { ...page(1), name: 'week.jsonl', kind: 'journal-file', readOnly: true };
    if (channel === 'mbn:seek-log') return around((payload as { to: { row: number } }).to.row);
    if (channel !== 'mbn:read-saved-log') throw new Error(channel);
    await hold(next);
    const answer = page(next, next === NEWEST ? { restart: true } : {});
    next += PAGE;
    return answer;
  });
}

describe('a large saved log’s first page, while its newest rows come in', () => {
  it('stays where it was, with the row selected on it, beside every one of the newest', async () => {
    let release: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (release = resolve));
    // The newest rows' first pages come in while the technician reads row #37.
    weekLog((next) => (next > NEWEST + 4 * PAGE ? reading : Promise.resolve()));
    expect(await openSavedLog('week.jsonl')).toBe(true);
    SAVED_SOURCE.store.setState({ selectedSeq: 37 });
    const model = SAVED_SOURCE.model;
    await expect.poll(() => model.rows.indexOfSeq(NEWEST), { timeout: 15_000 }).toBe(PAGE);
    // The first page where it was (the same place in the log, so the same scroll shows it).
    expect(model.visible.indexOfSeq(37)).toBe(36);
    expect(model.visible.seqAt(0)).toBe(1);
    expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(37);
    release();
    await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
    expect(model.visible.indexOfSeq(37)).toBe(36);
    expect(model.visible.indexOfSeq(PAGE)).toBe(PAGE - 1);
    expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(37);
    // Every one of the newest rows, after the first page, the gap between them not loaded.
    expect(model.lastSeq).toBe(TOTAL);
    expect(model.rows.length).toBe(PAGE + WINDOW_ROWS);
    expect(model.keptCount).toBe(PAGE);
  }, 30_000);
});

describe('a jump made while a large saved log pages in', () => {
  // Beyond the first page; within it (the rows the window held already); across its end. With
  // the rows jumped to beyond the first page the window holds.
  it.each([
    ['beyond the first page', 100_100, 201],
    ['within the first page', 1_000, 0],
    ['across the end of the first page', PAGE - 50, 50],
  ])(
    'keeps the rows jumped to (%s), beside the first page and the newest rows',
    async (_where, target, beyond) => {
      let release: () => void = () => undefined;
      const indexBuilt = new Promise<void>((resolve) => (release = resolve));
      let releaseRest: () => void = () => undefined;
      const rest = new Promise<void>((resolve) => (releaseRest = resolve));
      // The first of the newest pages once the index is built; the rest once it has been seen.
      weekLog((next) => (next === NEWEST ? indexBuilt : rest));
      expect(await openSavedLog('week.jsonl')).toBe(true);
      await jumpToRow(SAVED_SOURCE, target);
      const model = SAVED_SOURCE.model;
      const kept = () =>
        [target - 100, target, target + 100].filter((seq) => model.rows.indexOfSeq(seq) < 0);
      expect(kept()).toEqual([]);
      release();
      // While the newest rows come in, the rows jumped to stay (they used to go until the end).
      await expect.poll(() => model.rows.indexOfSeq(NEWEST), { timeout: 15_000 }).not.toBe(-1);
      expect(kept()).toEqual([]);
      expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(target);
      releaseRest();
      await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
      // The newest rows, every one, the first page and the rows jumped to.
      expect(model.lastSeq).toBe(TOTAL);
      expect(model.rows.indexOfSeq(NEWEST)).toBeGreaterThanOrEqual(0);
      expect(model.rows.indexOfSeq(1)).toBe(0);
      expect(kept()).toEqual([]);
      expect(model.rows.length).toBe(PAGE + beyond + WINDOW_ROWS);
      expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(target);
    },
    30_000,
  );
});

describe('a jump to the end made while a large saved log pages in', () => {
  it('keeps the rows jumped to where they are while the newest rows come in before them', async () => {
    let release: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (release = resolve));
    weekLog((next) => (next > NEWEST + 4 * PAGE ? reading : Promise.resolve()));
    expect(await openSavedLog('week.jsonl')).toBe(true);
    await jumpToRow(SAVED_SOURCE, TOTAL - 100);
    const model = SAVED_SOURCE.model;
    const at = model.visible.indexOfSeq(TOTAL - 100);
    await expect.poll(() => model.keptCount, { timeout: 15_000 }).toBe(PAGE);
    // The newest rows' first pages are in, and the rows jumped to have not moved.
    expect(model.visible.indexOfSeq(TOTAL - 100)).toBe(at);
    release();
    // Merged page by page, the pages before the rows jumped to took over 40 s.
    await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
    expect(model.lastSeq).toBe(TOTAL);
    expect(model.rows.indexOfSeq(NEWEST)).toBe(PAGE);
    expect(model.rows.length).toBe(PAGE + WINDOW_ROWS);
    expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(TOTAL - 100);
  }, 30_000);
});

describe('a jump made after a large saved log’s newest rows began', () => {
  it('keeps the rows jumped to, and every one of the newest rows', async () => {
    let release: () => void = () => undefined;
    const jumped = new Promise<void>((resolve) => (release = resolve));
    // The newest rows' first pages are in when the technician jumps.
    weekLog((next) => (next > NEWEST + 4 * PAGE ? jumped : Promise.resolve()));
    expect(await openSavedLog('week.jsonl')).toBe(true);
    await expect
      .poll(() => SAVED_SOURCE.model.rows.indexOfSeq(NEWEST), { timeout: 15_000 })
      .toBe(PAGE);
    await jumpToRow(SAVED_SOURCE, 100_000);
    release();
    await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
    const model = SAVED_SOURCE.model;
    expect(model.lastSeq).toBe(TOTAL);
    expect(model.rows.indexOfSeq(NEWEST)).toBeGreaterThanOrEqual(0);
    expect(model.rows.indexOfSeq(100_000)).toBeGreaterThanOrEqual(0);
    expect(model.rows.length).toBe(PAGE + 201 + WINDOW_ROWS);
    expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(100_000);
  }, 30_000);
});
