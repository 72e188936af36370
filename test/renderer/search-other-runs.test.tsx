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
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';
import { useTimeMode } from '../../renderer/src/store/time-store';
import { answerSearches, panelText, type Asked } from './search-panel-bridge';

vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const source = SAVED_SOURCE;
const store = searchStoreOf(source);
const FORM = { outcome: '', service: '', hresult: '0x80070005', request: '', text: '' } as const;
const calls: Asked[] = [];

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

describe('the other runs of a saved run, in the search panel', () => {
  it('names the newest five runs with matches and counts the older ones', () => {
    const runs = Array.from({ length: 29 }, (_, i) => ({
      name: `run-${String(i + 1)}`,
      place: i + 1,
      matches: i % 4 === 0 ? 3 : 0,
    }));
    store.setState({
      searched: FORM,
      otherRuns: { searchId: 1, counting: false, count: { runs, of: 30, unread: 1 } },
    });
    const text = panelText(source);
    // Runs 1, 5, …, 29 hold 3 each: the newest five named, the three before counted.
    expect(text).toContain('Also in other runs: 3 older runs (9 matches), and');
    for (const place of [13, 17, 21, 25, 29])
      expect(text).toContain(`Run ${String(place)} of 30: 3 matches`);
    expect(text).not.toContain('Run 9 of 30');
    expect(text).toContain('1 could not be searched (damaged, or gone).');
  });

  it('says when no other run holds a match', () => {
    store.setState({
      searched: FORM,
      otherRuns: {
        searchId: 1,
        counting: false,
        count: { runs: [{ name: 'run-1', place: 1, matches: 0 }], of: 2, unread: 0 },
      },
    });
    expect(panelText(source)).toContain('No match in the other 1 run of its journal folder.');
  });

  it('asks main to count the other runs of a run among runs only, once a search', async () => {
    openSaved(undefined);
    setSearchForm(source, FORM);
    await runSearch(source);
    expect(calls.map((c) => c.channel)).not.toContain('mbn:search-other-runs');
    openSaved({ place: 3, of: 3 });
    await runSearch(source);
    const counts = () => calls.filter((c) => c.channel === 'mbn:search-other-runs').length;
    await vi.waitFor(() => expect(store.getState().otherRuns?.counting).toBe(false));
    expect(counts()).toBe(1);
    // The same search in the other order matches as much elsewhere: not counted again.
    await runSearch(source, NEWEST_PAGE);
    expect(counts()).toBe(1);
    expect(store.getState().otherRuns).not.toBeNull();
  });
});
