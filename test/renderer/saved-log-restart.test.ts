/**
 * A saved log larger than the window: main sends its first page, then (once the log's index is
 * built, seconds for a million records) only its newest rows, and the window holds those instead
 * of the first page. A technician who jumped meanwhile (a search hit, a time, a row) lost the rows
 * jumped to as soon as the newest rows began: the window was emptied for them.
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

describe('a jump made while a large saved log pages in', () => {
  it('keeps the rows jumped to, beside the newest rows', async () => {
    let release: () => void = () => undefined;
    const indexBuilt = new Promise<void>((resolve) => (release = resolve));
    const newest = TOTAL - WINDOW_ROWS + 1;
    let next = newest;
    bridge(async (channel) => {
      if (channel === 'mbn:open-saved-log')
        return { ...page(1), name: 'week.jsonl', kind: 'journal-file', readOnly: true };
      if (channel === 'mbn:seek-log') return { rows: rows(100_000, 201), target: 100_100 };
      if (channel !== 'mbn:read-saved-log') throw new Error(channel);
      await indexBuilt;
      const answer = page(next, next === newest ? { restart: true } : {});
      next += PAGE;
      return answer;
    });
    expect(await openSavedLog('week.jsonl')).toBe(true);
    await jumpToRow(SAVED_SOURCE, 100_100);
    expect(SAVED_SOURCE.model.rows.indexOfSeq(100_100)).toBeGreaterThanOrEqual(0);
    release();
    await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 15_000 }).toBe(true);
    const model = SAVED_SOURCE.model;
    // The newest rows, every one, and the rows jumped to; not the first page.
    expect(model.lastSeq).toBe(TOTAL);
    expect(model.rows.indexOfSeq(newest)).toBeGreaterThanOrEqual(0);
    expect(model.rows.indexOfSeq(1)).toBe(-1);
    expect(model.rows.indexOfSeq(100_100)).toBeGreaterThanOrEqual(0);
    expect(model.rows.length).toBe(WINDOW_ROWS + 201);
    expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(100_100);
  }, 30_000);
});
