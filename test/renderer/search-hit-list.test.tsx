/**
 * The whole-log search's hits, many of them. A search of every line of a 1M-event log listed 500
 * hits as 500 buttons (over 5,000 elements), each progress event (60 a second) drew them all
 * again, and the window froze 1-4 s, Stop taking seconds to answer; the other 4,500 hits main sent,
 * and every match after them, could not be reached at all. Now every hit sent is listed, only
 * those in the list's box drawn; a progress event that only counts leaves the list as it is, and
 * one that brings hits leaves the rows already there as they were (each row is drawn again only
 * when it changes); and Next goes on after the last hit, the count saying which are shown.
 *
 * Drawn as React draws the panel's first frame (on the server: no DOM here), with the stores as
 * the bridge below left them (main's answers as electron/ipc/log-search-jobs.ts gives them).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogRow, SearchDone, SearchProgressEvent } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { HitList } from '../../renderer/src/search/HitList';
import { SearchPanel } from '../../renderer/src/search/SearchPanel';
import { hitWindow } from '../../renderer/src/search/hit-window';
import { runSearch, searchOn, setSearchForm } from '../../renderer/src/search/search-actions';
import { NEWEST_PAGE, NO_RESULTS, searchStoreOf } from '../../renderer/src/search/search-store';
import { LIVE_SOURCE, LogSourceContext } from '../../renderer/src/store/log-source';

// Drawn on the server, a zustand hook reads its store's state as it is now (zustand-as-now.ts).
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const TIME = '2026-01-05T08:00:00.000Z';
const hit = (seq: number): LogRow =>
  toLogRow({
    ...{ v: 2, seq, time: TIME, mono: seq, kind: 'error' },
    ...{ message: `entry ${String(seq)}`, context: 'search' },
  });
const hits = (from: number, count: number): LogRow[] =>
  Array.from({ length: count }, (_, i) => hit(from + i));

const source = LIVE_SOURCE;
const store = searchStoreOf(source);

/** What the window asked main, and the search it is waiting on (answered by `answer`). */
const asked: Record<string, unknown>[] = [];
let progress: ((batch: SearchProgressEvent[]) => void) | undefined;
let answer: ((done: SearchDone) => void) | undefined;

beforeEach(() => {
  asked.length = 0;
  store.setState({ ...NO_RESULTS, open: true });
  const api = {
    invoke: (channel: string, payload: Record<string, unknown>) => {
      if (channel !== 'mbn:search-log') return Promise.resolve({ ok: true, value: {} });
      asked.push(payload);
      return new Promise((resolve) => {
        answer = (done) => resolve({ ok: true, value: done });
      });
    },
    on: (channel: string, listener: (batch: SearchProgressEvent[]) => void) => {
      if (channel === 'mbn:search-progress') progress = listener;
      return () => undefined;
    },
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
});

function draw(element: React.ReactElement): string {
  return renderToStaticMarkup(
    <LogSourceContext.Provider value={source}>{element}</LogSourceContext.Provider>,
  );
}
const text = (html: string): string => html.replace(/<[^>]+>/g, '');
const counts = { matches: 0, doneBytes: 0, totalBytes: 96 * 1024 * 1024 };
const done = (matches: number, delivered: number): SearchDone => ({
  ...counts,
  searchId: 0,
  matches,
  doneBytes: counts.totalBytes,
  delivered,
  damagedLines: 0,
  bucketsRead: 1,
  bucketsSkipped: 0,
  firstMs: null,
  lastMs: null,
});
/** The search the window runs now, as main streams it: its id, as the window gave it. */
const searchId = (): number => (asked.at(-1)?.searchId as number | undefined) ?? 0;

describe('the hits of a search of many matches', () => {
  it('draws only the rows in the list’s box, of 5,000, and every one can be scrolled to', () => {
    store.setState({ hits: hits(1, 5000) });
    const html = draw(<HitList source={source} stale={false} onJumped={() => undefined} />);
    const drawn = html.match(/<li /g)?.length ?? 0;
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(40);
    // Told to a screen reader as one of 5,000, and the list as tall as 5,000 rows.
    expect(html).toContain('aria-setsize="5000" aria-posinset="1"');
    expect(html).toMatch(new RegExp(`padding-bottom:${String((5000 - drawn) * 24)}px`));
    // Scrolled to any row, that row and those around it; at the end, the last.
    const middle = hitWindow({ top: 2400 * 24, height: 136 }, 5000, 24);
    expect(middle.first).toBeLessThanOrEqual(2400);
    expect(middle.last).toBeGreaterThan(2405);
    expect(middle.last - middle.first).toBeLessThan(30);
    expect(middle.above + (middle.last - middle.first) * 24 + middle.below).toBe(5000 * 24);
    expect(hitWindow({ top: 5000 * 24, height: 136 }, 5000, 24).last).toBe(5000);
  });

  it('keeps the rows listed as they are while progress events come', async () => {
    setSearchForm(source, { outcome: 'succeeded' });
    const searched = runSearch(source);
    progress?.([{ ...counts, searchId: searchId(), hits: hits(1, 400) }]);
    const listed = store.getState().hits;
    const first = listed[0];
    // Counting on: the list is the same list, drawn no more.
    progress?.([{ ...counts, searchId: searchId(), matches: 9000, hits: [] }]);
    expect(store.getState().hits).toBe(listed);
    expect(store.getState().matches).toBe(9000);
    // More hits: listed after the others, which are the same rows, not new copies to draw again.
    progress?.([{ ...counts, searchId: searchId(), matches: 9400, hits: hits(401, 400) }]);
    expect(store.getState().hits).toHaveLength(800);
    expect(store.getState().hits[0]).toBe(first);
    answer?.(done(9400, 800));
    await searched;
  });

  it('says it is starting, not "0% of 0 bytes", before main says anything', async () => {
    setSearchForm(source, { outcome: 'failed' });
    const searched = runSearch(source);
    const status = text(draw(<SearchPanel />));
    expect(status).toContain('Starting the search…');
    expect(status).not.toMatch(/0 matches so far|0 bytes/);
    answer?.(done(0, 0));
    await searched;
  });

  // Newest first, every match counted, the bar goes again while the newest are read: "142,310
  // matches so far · 100% searched" stood still through it.
  it('says, newest first, that it takes the newest once every match is counted', async () => {
    setSearchForm(source, { outcome: 'succeeded' });
    const searched = runSearch(source, NEWEST_PAGE);
    const mb = 1024 * 1024;
    progress?.([
      { ...counts, searchId: searchId(), matches: 142_310, doneBytes: 96 * mb, hits: [] },
    ]);
    expect(text(draw(<SearchPanel />))).toContain(
      '142,310 matches so far · 100% of 96.0 MB searched',
    );
    progress?.([
      {
        ...counts,
        searchId: searchId(),
        matches: 142_310,
        doneBytes: 48 * mb,
        newest: 5000,
        hits: [],
      },
    ]);
    expect(text(draw(<SearchPanel />))).toContain(
      '142,310 matches · taking the newest 5,000 · 50% of 96.0 MB',
    );
    answer?.(done(142_310, 5000));
    await searched;
  });

  it('goes on after the last hit listed, and says which of all the matches are shown', async () => {
    setSearchForm(source, { outcome: 'failed' });
    const first = runSearch(source);
    progress?.([{ ...counts, searchId: searchId(), matches: 5000, hits: hits(1, 5000) }]);
    answer?.(done(6484, 5000));
    await first;
    let status = text(draw(<SearchPanel />));
    expect(status).toContain('6,484 matches in 96.0 MB; showing 1–5,000.');
    expect(status).toContain('Next matches →');
    expect(status).not.toContain('First matches');

    // The boxes changed since: Next goes on with the search listed, not with what they ask now.
    setSearchForm(source, { outcome: 'succeeded' });
    const next = searchOn(source);
    expect(asked.at(-1)).toMatchObject({ query: { outcomes: ['failed'] }, fromRow: 5001 });
    progress?.([{ ...counts, searchId: searchId(), matches: 1484, hits: hits(5001, 1484) }]);
    answer?.(done(1484, 1484));
    await next;
    status = text(draw(<SearchPanel />));
    expect(status).toContain('6,484 matches in 96.0 MB; showing 5,001–6,484 (from #5001 on).');
    expect(status).toContain('← First matches');
    expect(status).not.toContain('Next matches');
    // Each hit numbered among them all.
    expect(draw(<HitList source={source} stale={false} onJumped={() => undefined} />)).toContain(
      'aria-setsize="6484" aria-posinset="5001"',
    );
  });
});
