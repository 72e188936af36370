/**
 * A saved log whose rows main sends every one of, or (a large .zip bundle) only its newest after
 * pages that say how far it has read. The window kept only its newest rows, so a bundle's first
 * page went while the technician read it: #37 selected three seconds in, #25,001 at the top and
 * nothing selected at eleven, #750,001 at the end. Read to its end, the window stopped at the
 * first page without rows, and never showed the bundle's newest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRow, SavedLogPage } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { WINDOW_ROWS } from '../../shared/log-window';
import { openSavedLog } from '../../renderer/src/store/file-actions';
import { savedCountWords } from '../../renderer/src/files/window-note';
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';

const TIME = '2026-11-30T10:00:00.000Z';
const rows = (from: number, count: number): LogRow[] =>
  Array.from({ length: count }, (_, i) =>
    toLogRow({
      ...{ v: 2, seq: from + i, time: TIME, mono: from + i, kind: 'error' },
      ...{ message: `#${String(from + i)}`, context: 'c' },
    }),
  );

const PAGE = 2000;

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

/** What the bundle's manifest counts (the banner's total while it is read). */
const EXPECTED = 1_000_000;

/** A page of rows `from` on, of a log of `total` read so far as it goes (none counted). */
const page = (from: number, total: number, extra: Partial<SavedLogPage> = {}): SavedLogPage => {
  const count = Math.min(PAGE, total - from + 1);
  return {
    logId: 1,
    rows: rows(from, count),
    count: from + count - 1,
    complete: from + count > total,
    counted: from + count > total,
    problems: [],
    tornTail: false,
    ...extra,
  };
};

/**
 * Main with a bundle open: its first page, then the answers `rest` gives one by one, each once
 * `hold` lets it (the technician selects #37 meanwhile).
 */
function bundle(rest: SavedLogPage[], hold: Promise<void>): void {
  let at = 0;
  bridge(async (channel) => {
    if (channel === 'mbn:open-saved-log')
      return {
        ...page(1, Infinity),
        name: 'week.zip',
        kind: 'bundle',
        readOnly: true,
        expected: EXPECTED,
      };
    if (channel !== 'mbn:read-saved-log') throw new Error(channel);
    await hold;
    const answer = rest[at++];
    if (!answer) throw new Error('asked past the end');
    return answer;
  });
}

/** Opens it, selects #37 on the first page, then lets the rest come in to the end. */
async function readWith37Selected(release: () => void): Promise<void> {
  expect(await openSavedLog('week.zip')).toBe(true);
  // The banner says how far of the manifest's count it has read, from the first page on.
  const saved = useFiles.getState().saved;
  expect(saved && savedCountWords(saved)).toBe(`Reading… 2,000 of 1,000,000 records.`);
  SAVED_SOURCE.store.setState({ selectedSeq: 37 });
  release();
  await expect.poll(() => useFiles.getState().saved?.complete, { timeout: 20_000 }).toBe(true);
}

/** The first page where it was, #37 on it selected, beside the newest rows to the last. */
function expectFirstPageKept(total: number): void {
  const model = SAVED_SOURCE.model;
  expect(model.visible.seqAt(0)).toBe(1);
  expect(model.visible.indexOfSeq(37)).toBe(36);
  expect(model.visible.indexOfSeq(PAGE)).toBe(PAGE - 1);
  expect(SAVED_SOURCE.store.getState().selectedSeq).toBe(37);
  expect(model.keptCount).toBe(PAGE);
  expect(model.lastSeq).toBe(total);
}

describe('a large bundle, its newest rows after pages that say how far main has read', () => {
  it('reads on to them, and keeps its first page and the row selected on it beside them', async () => {
    const total = 1_000_000;
    const newest = total - WINDOW_ROWS + 1;
    const rest: SavedLogPage[] = [];
    for (let read = 20_000; read < newest; read += 200_000)
      rest.push({ ...page(1, total), rows: [], count: read, complete: false, counted: false });
    for (let from = newest; from <= total; from += PAGE)
      rest.push(page(from, total, from === newest ? { restart: true } : {}));
    let release: () => void = () => undefined;
    bundle(rest, new Promise<void>((resolve) => (release = resolve)));
    await readWith37Selected(release);
    expectFirstPageKept(total);
    expect(SAVED_SOURCE.model.rows.length).toBe(PAGE + WINDOW_ROWS);
    expect(useFiles.getState().saved?.count).toBe(total);
  }, 30_000);
});

describe('a log larger than the window, every row of it sent', () => {
  it('keeps its first page, and the row selected on it, beside the newest', async () => {
    const total = PAGE + WINDOW_ROWS + 60_000;
    const rest: SavedLogPage[] = [];
    for (let from = PAGE + 1; from <= total; from += PAGE) rest.push(page(from, total));
    let release: () => void = () => undefined;
    bundle(rest, new Promise<void>((resolve) => (release = resolve)));
    await readWith37Selected(release);
    expectFirstPageKept(total);
    // The newest the window holds, and not more of them.
    const newest = SAVED_SOURCE.model.rows.length - PAGE;
    expect(newest).toBeLessThanOrEqual(WINDOW_ROWS);
    expect(newest).toBeGreaterThan(WINDOW_ROWS * 0.8);
  }, 30_000);
});
