/**
 * The live log's window, full (a kiosk after a few hours), against main's journal as the window
 * asks it (the bridge below answers as electron/ipc/ipc-host.ts does, and sends live rows as its
 * batcher does). A page of "Load earlier" and a jump's rows were dropped by the next live batch,
 * with 25,000 more: the log's start moved on from under the technician reading it. And a window
 * following live learnt where the journal starts only from the pages it read, so once the journal
 * dropped its oldest files the count beside the filters went on counting them, and "Load earlier"
 * offered them. Drawn as the log's heading draws them, with the window's capacity made small.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { JournalStart, LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { formatCount } from '../../shared/format-count';
import { LogFilters } from '../../renderer/src/components/LogFilters';
import { LogStatus } from '../../renderer/src/components/LogStatus';
import { jumpToRow } from '../../renderer/src/search/search-actions';
import { searchStoreOf } from '../../renderer/src/search/search-store';
import { loadEarlier, setFollowing, startApp } from '../../renderer/src/store/actions';
import { LIVE_SOURCE, LogSourceContext } from '../../renderer/src/store/log-source';
import { createLogStore, logModel, useLog } from '../../renderer/src/store/log-store';

const CAPACITY = 5000;
vi.mock('../../shared/log-window', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  WINDOW_ROWS: 5000,
}));

const TIME = '2026-01-05T08:00:00.000Z';
const entry = (seq: number): LogRow =>
  toLogRow({
    ...{ v: 2, seq, time: TIME, mono: seq, kind: 'error' },
    ...{ message: `entry ${String(seq)}`, context: 'c' },
  });
const entries = (from: number, to: number): LogRow[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => entry(from + i));

/** Main's journal: the entries it still holds, and the window's listeners. */
const main = { first: 1, last: 0, beforeProbe: 0 };
const listeners = new Map<string, (batch: unknown[]) => void>();

function bridge(): void {
  const answer = (channel: string, payload: Record<string, unknown>): unknown => {
    switch (channel) {
      case 'mbn:read-journal': {
        const from = Math.max(main.first, payload.fromSeq as number);
        const to = Math.min(main.last, from + (payload.limit as number) - 1);
        return { rows: entries(from, to), lastSeq: main.last, firstSeq: main.first };
      }
      case 'mbn:seek-log': {
        const { row } = payload.to as { row: number };
        return { rows: entries(row - 100, row + 99), target: row };
      }
      case 'mbn:backend-info':
        return { kind: 'simulator', label: 'sim', reason: '', available: true };
      default:
        return [];
    }
  };
  const api = {
    invoke: (channel: string, payload: Record<string, unknown>) => {
      // Live rows that came while the window started: before its first page.
      if (channel === 'mbn:read-journal' && main.beforeProbe > 0) {
        append(main.beforeProbe);
        main.beforeProbe = 0;
      }
      // As main answers a jump to an entry whose file was dropped (log-search-jobs.ts).
      const to = payload.to as { row?: number } | undefined;
      if (channel === 'mbn:seek-log' && to?.row !== undefined && to.row < main.first)
        return Promise.resolve({
          ok: false,
          error: {
            code: 'search-failed',
            message: `Entry #${String(to.row)} is no longer in the journal.`,
          },
        });
      return Promise.resolve({ ok: true, value: answer(channel, payload) });
    },
    on: (channel: string, listener: (batch: unknown[]) => void) => {
      listeners.set(channel, listener);
      return () => undefined;
    },
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
}

/** `count` new entries, sent as live batches of 100 (one a frame on a busy kiosk). */
function append(count: number): void {
  for (let sent = 0; sent < count; sent += 100) {
    const from = main.last + 1;
    main.last += Math.min(100, count - sent);
    listeners.get('mbn:log-rows')?.(entries(from, main.last));
  }
}

/** The journal drops its oldest files: main says where it starts now. */
function dropTo(first: number): void {
  main.first = first;
  const start: JournalStart = { firstSeq: first };
  listeners.get('mbn:journal-start')?.([start]);
}

/** The log's heading as drawn now: "Load earlier" and the count beside the filters. */
function heading(): string {
  const now = useLog.getState();
  const drawn = { ...LIVE_SOURCE, store: create<typeof now>()(() => now) };
  return renderToStaticMarkup(
    <LogSourceContext.Provider value={drawn}>
      <LogStatus />
      <LogFilters onSearchAll={() => undefined} />
    </LogSourceContext.Provider>,
  ).replace(/<[^>]+>/g, ' ');
}

const holds = (from: number, to: number) =>
  entries(from, to).every((r) => logModel.rows.indexOfSeq(r.seq) >= 0);

/** A kiosk a few hours on: 20,000 entries, the window full of the newest. */
async function fullWindow(): Promise<void> {
  main.last = 20_000;
  await startApp();
  expect(logModel.rows.length).toBeGreaterThan(CAPACITY * 0.85);
  expect(logModel.lastSeq).toBe(main.last);
}

beforeEach(() => {
  Object.assign(main, { first: 1, last: 0, beforeProbe: 0 });
  listeners.clear();
  logModel.clear();
  useLog.setState(createLogStore().getState());
  bridge();
});

describe('the live window, full, keeps what the technician brought in', () => {
  it('keeps each page of "Load earlier" as the live rows go on coming', async () => {
    await fullWindow();
    setFollowing(false);
    const first = logModel.firstSeq ?? 0;
    await loadEarlier();
    expect(logModel.firstSeq).toBe(first - 2000);
    // The next frames' rows, past the window's capacity.
    append(3000);
    expect(holds(first - 2000, first - 1)).toBe(true);
    expect(heading()).toContain(`Load earlier entries (before #${String(first - 2000)})`);
    // The newest are all there, counted alone against the capacity.
    expect(logModel.lastSeq).toBe(23_000);
    expect(logModel.rows.length - logModel.keptCount).toBeLessThanOrEqual(CAPACITY);
    // And the next page goes on from there, kept too.
    await loadEarlier();
    append(3000);
    expect(holds(first - 4000, first - 1)).toBe(true);
  });

  // Clicked while following, the page was kept beside the newest for as long as the window
  // followed: 2,000 rows over its capacity a click, never let go.
  it('pauses following for "Load earlier", so Back to live lets its page go', async () => {
    await fullWindow();
    expect(useLog.getState().following).toBe(true);
    await loadEarlier();
    expect(useLog.getState().following).toBe(false);
    setFollowing(true);
    append(3000);
    expect(logModel.rows.length).toBeLessThanOrEqual(CAPACITY);
  });

  it("keeps a jump's rows, and the entry jumped to selected, as the live rows go on coming", async () => {
    await fullWindow();
    await jumpToRow(LIVE_SOURCE, 500);
    append(3000);
    expect(holds(400, 599)).toBe(true);
    expect(useLog.getState().selectedSeq).toBe(500);
    expect(logModel.lastSeq).toBe(23_000);
  });

  // The hit gone to is marked in the search's list: marked though nothing came, it read as
  // shown in the log.
  it('leaves the hit last gone to marked when a jump finds its entry deleted', async () => {
    await fullWindow();
    await jumpToRow(LIVE_SOURCE, 20_500);
    dropTo(16_000);
    await jumpToRow(LIVE_SOURCE, 500);
    expect(searchStoreOf(LIVE_SOURCE).getState()).toMatchObject({
      jumpedTo: 20_500,
      error: 'Entry #500 is no longer in the journal.',
    });
  });

  it('holds no more than its capacity again once back to live', async () => {
    await fullWindow();
    await jumpToRow(LIVE_SOURCE, 500);
    setFollowing(false);
    await loadEarlier();
    setFollowing(true);
    append(1000);
    expect(logModel.rows.length).toBeLessThanOrEqual(CAPACITY);
    expect(logModel.rows.indexOfSeq(500)).toBe(-1);
    expect(logModel.keptCount).toBe(0);
  });

  it('keeps its first pages as one stretch with the live rows that came before them', async () => {
    // Live rows reach the window before its first page does: that page is not one brought in.
    main.beforeProbe = 50;
    await fullWindow();
    expect(logModel.keptCount).toBe(0);
    append(3000);
    expect(logModel.rows.length).toBeLessThanOrEqual(CAPACITY);
    expect(logModel.findHole()).toBeNull();
  });
});

// A busy kiosk's window, paused on its oldest rows: each time it made room it dropped them, the
// rows on screen and the entry selected with them, and "13,218 new" fell to "389 new".
describe('the live window, paused, keeps the rows on screen', () => {
  it('drops others to make room, and counts every entry that came', async () => {
    await fullWindow();
    setFollowing(false);
    const first = logModel.firstSeq ?? 0;
    // What the log list tells the model it has on screen (LogList's effect), and selects.
    logModel.reading({ fromSeq: first + 10, toSeq: first + 40 });
    useLog.setState({ selectedSeq: first + 20 });
    append(3 * CAPACITY);
    expect(holds(first + 10, first + 40)).toBe(true);
    expect(logModel.lastSeq).toBe(20_000 + 3 * CAPACITY);
    expect(logModel.rows.length).toBeLessThanOrEqual(CAPACITY + 31);
    expect(useLog.getState().unseen).toBe(3 * CAPACITY);
    // And a line says where the rows after them went.
    expect(logModel.holes()[0]?.fromSeq).toBe(first + 41);
  });
});

describe('the live window told where the journal starts', () => {
  it('counts and offers only the entries the journal still holds once it drops its oldest files', async () => {
    await fullWindow();
    const first = logModel.firstSeq ?? 0;
    expect(heading()).toContain(`Load earlier entries (before #${String(first)})`);
    expect(heading()).toMatch(/of 20,000 entries loaded/);
    // Following live, no page read: the journal drops its oldest files, and starts at #20,001.
    append(1000);
    dropTo(20_001);
    append(1000);
    const words = heading();
    expect(words).not.toContain('Load earlier');
    expect(words).not.toMatch(/ of [\d,]+ entries loaded/);
    expect(words).toContain(`${formatCount(logModel.rows.length)} entries`);
  });
});
