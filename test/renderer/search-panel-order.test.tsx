/**
 * The search's order in the panel, newest first (newest-first.ts): said on the count line however
 * many matched, the way back to oldest first in sight once it is chosen (a search stopped before
 * its newest were found listed nothing and offered no way on), and kept for the next search and
 * the next log. Drawn as React draws the panel's first frame (on the server: no DOM here), with
 * a bridge answering as main does (search-panel-bridge.tsx).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toLogRow } from '../../electron/ipc/log-row';
import { forgetSearch, runSearch, setSearchForm } from '../../renderer/src/search/search-actions';
import { NEWEST_PAGE, NO_RESULTS, searchStoreOf } from '../../renderer/src/search/search-store';
import { LIVE_SOURCE } from '../../renderer/src/store/log-source';
import { useTimeMode } from '../../renderer/src/store/time-store';
import { answerSearches, panelText, type Asked, type SearchAnswer } from './search-panel-bridge';

// Drawn on the server, a zustand hook reads its store's state as it is now (zustand-as-now.ts).
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const source = LIVE_SOURCE;
const store = searchStoreOf(source);
const EMPTY = { outcome: '', service: '', hresult: '', request: '', text: '' } as const;

/** The calls the window made, in order, and the search's answer. */
const calls: Asked[] = [];
const answer: SearchAnswer = { matches: 0, firstMs: null, lastMs: null };
/** What the window asked main to search, in order. */
const asked = (): unknown[] =>
  calls.filter((a) => a.channel === 'mbn:search-log').map((a) => a.payload);

beforeEach(() => {
  calls.length = 0;
  answer.matches = 0;
  useTimeMode.setState({ mode: 'utc' });
  store.setState({ ...NO_RESULTS, open: true, form: EMPTY });
  answerSearches(answer, calls);
});

describe('the search’s order in the panel', () => {
  it('says newest first when nothing matched, and offers the way back', async () => {
    setSearchForm(source, { text: 'nothing like it' });
    await runSearch(source, NEWEST_PAGE);
    const text = panelText(source);
    expect(text).toMatch(/0 matches in [\d.]+ MB, newest first\./);
    expect(text).toContain('Oldest first');
    expect(asked()).toEqual([expect.objectContaining({ newestFirst: true })]);
  });

  it('offers no order to a search oldest first with nothing to order', async () => {
    setSearchForm(source, { text: 'nothing like it' });
    await runSearch(source);
    const text = panelText(source);
    expect(text).toMatch(/0 matches in [\d.]+ MB\./);
    expect(text).not.toContain('Newest first');
  });

  it('keeps the way back, and no way on, for a search newest first that was stopped', () => {
    store.setState({
      page: NEWEST_PAGE,
      searched: { ...EMPTY, text: 'SMS' },
      stopped: 'The search was stopped after 8,176 matches, with 13% of the log searched.',
    });
    const text = panelText(source);
    expect(text).toContain('Oldest first');
    // Its newest were still to be found: nothing to go on from.
    expect(text).not.toContain('Search on');
    expect(text).not.toContain('Older matches');
  });

  it('goes on below the oldest listed when stopped as it listed the newest', () => {
    const hit = toLogRow({
      ...{ v: 2, seq: 812, time: '2026-01-05T08:00:00.000Z', mono: 812, kind: 'error' },
      ...{ message: 'SMS gone', context: 'search' },
    });
    store.setState({
      page: NEWEST_PAGE,
      searched: { ...EMPTY, text: 'SMS' },
      form: { ...EMPTY, text: 'SMS' },
      hits: [hit],
      stopped: 'The search was stopped after 8,176 matches, with 100% of the log searched.',
    });
    const text = panelText(source);
    expect(text).toContain('Listed: the newest 1.');
    expect(text).toContain('Older matches');
  });

  it('searches newest first again, on this log and the next, until asked otherwise', async () => {
    answer.matches = 3;
    setSearchForm(source, { text: 'SMS' });
    await runSearch(source, NEWEST_PAGE);
    setSearchForm(source, { text: 'Diagnostics' });
    await runSearch(source);
    forgetSearch(source);
    await runSearch(source);
    expect(asked()).toEqual([
      expect.objectContaining({ newestFirst: true }),
      expect.objectContaining({ newestFirst: true, query: { text: 'Diagnostics' } }),
      expect.objectContaining({ newestFirst: true }),
    ]);
  });
});
