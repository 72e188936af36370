/**
 * Where else a saved run's search matched (OtherRunsNote.tsx), as the panel says it: a journal
 * folder of a month of nightly runs names the newest five that hold matches with a button each and
 * counts the older ones, rather than fill the panel; none at all is said as such; and the count is
 * asked of main only for a run among runs, not for a file, where "Looking in the other runs…"
 * would flash for nothing. Drawn as React draws the panel's first frame (search-panel-bridge.tsx).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runSearch, setSearchForm } from '../../renderer/src/search/search-actions';
import { NEWEST_PAGE, NO_RESULTS, searchStoreOf } from '../../renderer/src/search/search-store';
import type { SearchDone } from '../../electron/ipc/contract';
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';
import { LIVE_SOURCE } from '../../renderer/src/store/log-source';
import { useTimeMode } from '../../renderer/src/store/time-store';
import { answerSearches, panelText, tellWindow, type Asked } from './search-panel-bridge';

vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const source = SAVED_SOURCE;
const store = searchStoreOf(source);
const FORM = { outcome: '', service: '', hresult: '0x80070005', request: '', text: '' } as const;
const calls: Asked[] = [];
const DONE: SearchDone = {
  searchId: 1,
  matches: 0,
  doneBytes: 1024,
  totalBytes: 1024,
  delivered: 0,
  damagedLines: 0,
  bucketsRead: 1,
  bucketsSkipped: 0,
  firstMs: null,
  lastMs: null,
};

/** A saved log open, a run among `runs` of its folder or (undefined) a file. */
function openSaved(runs: { place: number; of: number } | undefined): void {
  const saved = {
    logId: 1,
    name: 'kiosk',
    kind: 'run-directory',
    ...(runs ? { runs: { ...runs, before: null, after: null } } : {}),
  };
  useFiles.setState({ saved } as unknown as Parameters<typeof useFiles.setState>[0]);
}

beforeEach(() => {
  calls.length = 0;
  useTimeMode.setState({ mode: 'utc' });
  store.setState({ ...NO_RESULTS, open: true, form: FORM });
  answerSearches({ matches: 0, firstMs: null, lastMs: null }, calls);
});

/** Run `place` of a month of nightly runs, started at 08:00 UTC on day `place` of January. */
const night = (place: number, matches: number, damagedLines = 0) => ({
  name: `run-202601${String(place).padStart(2, '0')}T080000000Z-aaaaaa`,
  place,
  startedAt: `2026-01-${String(place).padStart(2, '0')}T08:00:00.000Z`,
  matches,
  damagedLines,
});

describe('the other runs of a saved run, in the search panel', () => {
  it('names the oldest and the newest runs with matches, and counts those between', () => {
    // Runs 1, 5, …, 29 hold 3 each; run 30, the one shown, none.
    const runs = Array.from({ length: 29 }, (_, i) => night(i + 1, i % 4 === 0 ? 3 : 0));
    store.setState({
      searched: FORM,
      done: { ...DONE, matches: 0 },
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs, of: 30, unread: [{ name: 'run-x', place: 31, startedAt: null }] },
      },
    });
    const text = panelText(source);
    // When the fault first showed, then the newest two, the five between counted.
    expect(text).toContain(
      'Not in this run; in: Run 1 of 30, 2026-01-01 08:00: 3 matches 5 more runs (15 matches)… Run 25 of 30',
    );
    for (const place of [25, 29])
      expect(text).toContain(
        `Run ${String(place)} of 30, 2026-01-${String(place)} 08:00: 3 matches`,
      );
    expect(text).not.toContain('Run 21 of 30');
    expect(text).toContain('Not searched: run 31 of 30, unreadable.');
  });

  it('says "also" when the run shown has matches too, and none when no other run has', () => {
    store.setState({
      searched: FORM,
      done: { ...DONE, matches: 4 },
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs: [night(1, 2)], of: 2, unread: [] },
      },
    });
    expect(panelText(source)).toContain('Also in: Run 1 of 2, 2026-01-01 08:00: 2 matches');
    store.setState({
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs: [night(1, 0)], of: 3, unread: [night(2, 0)] },
      },
    });
    const none = panelText(source);
    // Of the runs searched: the one that could not be read is no "none".
    expect(none).toContain('None in its journal folder’s 1 other run searched.');
    expect(none).toContain('Not searched: run 2 (2026-01-02 08:00) of 3, unreadable.');
  });

  // A night's file garbled by a power cut: "None in the 2 other runs" hid what could not be read.
  it('says which other runs hold damaged lines, matches or not', () => {
    store.setState({
      searched: FORM,
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs: [night(1, 0, 40), night(2, 0)], of: 3, unread: [] },
      },
    });
    expect(panelText(source)).toContain(
      'None in its journal folder’s 2 other runs. Not searched: 40 damaged lines in run 1 (2026-01-01 08:00) of 3.',
    );
    store.setState({
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs: [night(1, 2, 1), night(2, 0, 1)], of: 3, unread: [] },
      },
    });
    expect(panelText(source)).toContain(
      'Not searched: 2 damaged lines in run 1 (2026-01-01 08:00), run 2 (2026-01-02 08:00) of 3.',
    );
  });

  // A run deleted since the count: said where its button was, the other runs' buttons kept (the
  // whole note gave way to the failure, and only counting them all again brought them back).
  it('says in its place why a run could not be opened, and keeps the others', () => {
    store.setState({
      searched: FORM,
      done: { ...DONE, matches: 0 },
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs: [night(1, 2), night(2, 1)], of: 3, unread: [] },
        openFailed: { name: night(1, 2).name, why: 'it is no longer there.' },
      },
    });
    const text = panelText(source);
    expect(text).toContain('Run 1 could not be opened: it is no longer there.');
    expect(text).not.toContain('Run 1 of 3, 2026-01-01 08:00: 2 matches');
    expect(text).toContain('Run 2 of 3, 2026-01-02 08:00: 1 match');
  });

  // A run opened from the live session's count: among its others is the session itself, still
  // being written, which its start time did not tell apart from any other night.
  it('names the live session among the other runs as this session', () => {
    store.setState({
      searched: FORM,
      done: { ...DONE, matches: 2 },
      otherRuns: {
        searchId: 1,
        counting: false,
        count: {
          runs: [night(2, 0), { ...night(3, 1), session: true }],
          of: 3,
          unread: [],
        },
      },
    });
    expect(panelText(source)).toContain('Also in: Run 3 of 3, this session: 1 match');
  });

  it('offers to count again a count that was stopped, and to stop one that runs', () => {
    store.setState({ searched: FORM, otherRuns: { searchId: 1, counting: true } });
    expect(panelText(source)).toContain('Looking in the other runs of its journal folder… Stop');
    // A month of nightly runs takes a while: how far it has got, as main says it.
    store.setState({
      otherRuns: { searchId: 1, counting: true, reached: { searched: 3, of: 29 } },
    });
    expect(panelText(source)).toContain(
      'Looking in the other runs of its journal folder (3 of 29 searched)',
    );
    store.setState({ otherRuns: { searchId: 1, counting: false, stopped: true } });
    expect(panelText(source)).toContain(
      'Not counted in the other runs of its journal folder. Count them',
    );
  });

  it('says how far the count in the other runs has got, as main tells it', async () => {
    let answer: (count: unknown) => void = () => undefined;
    const count = new Promise((resolve) => (answer = resolve));
    answerSearches({ matches: 0, firstMs: null, lastMs: null }, calls, (channel) =>
      channel === 'mbn:search-other-runs' ? count : undefined,
    );
    openSaved({ place: 30, of: 30 });
    setSearchForm(source, FORM);
    await runSearch(source);
    const searchId = store.getState().otherRuns?.searchId ?? -1;
    const reached = (searched: number, id = searchId) => ({
      searchId: id,
      matches: 0,
      doneBytes: 0,
      totalBytes: 0,
      hits: [],
      otherRuns: { searched, of: 29 },
    });
    // Another search's word is not this count's; the last of a batch is.
    tellWindow('mbn:search-progress', [reached(1), reached(3), reached(20, searchId - 1)]);
    expect(panelText(source)).toContain('(3 of 29 searched)');
    // Nor is it the search's: its count of matches stays as it was.
    expect(store.getState().matches).toBe(0);
    answer({ runs: [night(1, 2)], of: 30, unread: [] });
    await vi.waitFor(() => expect(store.getState().otherRuns?.counting).toBe(false));
    tellWindow('mbn:search-progress', [reached(28)]);
    expect(panelText(source)).toContain('Not in this run; in: Run 1 of 30');
  });

  // The session started on arrival holds nothing of the week: its search is counted in the app's
  // own other runs too. Its folder may hold none, so "Looking…" waits for main to say it has some.
  it("counts the live session's search in the app's other runs, said as the session's", async () => {
    const live = searchStoreOf(LIVE_SOURCE);
    live.setState({ ...NO_RESULTS, open: true, form: FORM });
    setSearchForm(LIVE_SOURCE, FORM);
    await runSearch(LIVE_SOURCE);
    expect(calls.filter((c) => c.channel === 'mbn:search-other-runs')).toHaveLength(1);
    const searchId = 1;
    live.setState({ otherRuns: { searchId, counting: true } });
    expect(panelText(LIVE_SOURCE)).not.toContain('Looking in');
    live.setState({ otherRuns: { searchId, counting: true, reached: { searched: 1, of: 4 } } });
    expect(panelText(LIVE_SOURCE)).toContain('Looking in the app’s other runs (1 of 4 searched)');
    live.setState({
      done: { ...DONE, matches: 0 },
      otherRuns: {
        searchId,
        counting: false,
        count: { runs: [night(1, 2), night(2, 0)], of: 3, unread: [] },
      },
    });
    expect(panelText(LIVE_SOURCE)).toContain(
      'Not in this session; in: Run 1 of 3, 2026-01-01 08:00: 2 matches',
    );
    live.setState({
      otherRuns: { searchId, counting: false, count: { runs: [night(1, 0)], of: 2, unread: [] } },
    });
    expect(panelText(LIVE_SOURCE)).toContain('None in the app’s 1 other run.');
  });

  it('asks main to count the other runs of a run among runs only, once a search', async () => {
    openSaved(undefined);
    setSearchForm(source, FORM);
    await runSearch(source);
    const counts = () => calls.filter((c) => c.channel === 'mbn:search-other-runs').length;
    expect(counts()).toBe(0);
    // A run among runs (main says so as it opens it): its search is counted in the others.
    openSaved({ place: 3, of: 3 });
    await runSearch(source);
    await vi.waitFor(() => expect(store.getState().otherRuns?.counting).toBe(false));
    expect(counts()).toBe(1);
    // A request's reference or ID is of its run alone (each run numbers its own from 1): a
    // search by one is not counted elsewhere.
    setSearchForm(source, { ...FORM, request: 'r1' });
    await runSearch(source);
    expect(counts()).toBe(1);
    setSearchForm(source, FORM);
    await runSearch(source);
    expect(counts()).toBe(2);
    // The same search in the other order matches as much elsewhere: not counted again.
    await runSearch(source, NEWEST_PAGE);
    expect(counts()).toBe(2);
    expect(store.getState().otherRuns).not.toBeNull();
  });
});
