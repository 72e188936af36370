/**
 * The search's order in the panel, newest first (newest-first.ts): said on the count line however
 * many matched, the way back to oldest first in sight once it is chosen (a search stopped before
 * its newest were found listed nothing and offered no way on), and kept for the next search and
 * the next log. Drawn as React draws the panel's first frame (on the server: no DOM here), with
 * the bridge below answering as main does.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchDone } from '../../electron/ipc/contract';
import { SearchPanel } from '../../renderer/src/search/SearchPanel';
import { forgetSearch, runSearch, setSearchForm } from '../../renderer/src/search/search-actions';
import { NEWEST_PAGE, NO_RESULTS, searchStoreOf } from '../../renderer/src/search/search-store';
import { LIVE_SOURCE, LogSourceContext } from '../../renderer/src/store/log-source';
import { useTimeMode } from '../../renderer/src/store/time-store';

// Drawn on the server, a zustand hook reads its store's state as it is now (zustand-as-now.ts).
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const source = LIVE_SOURCE;
const store = searchStoreOf(source);
const EMPTY = { outcome: '', service: '', hresult: '', request: '', text: '' } as const;

/** What the window asked main to search, in order. */
const asked: unknown[] = [];
let matches = 0;

beforeEach(() => {
  asked.length = 0;
  matches = 0;
  useTimeMode.setState({ mode: 'utc' });
  store.setState({ ...NO_RESULTS, open: true, form: EMPTY });
  const done = (): SearchDone => ({
    searchId: 0,
    matches,
    doneBytes: 96 * 1024 * 1024,
    totalBytes: 96 * 1024 * 1024,
    delivered: 0,
    damagedLines: 0,
    bucketsRead: 1,
    bucketsSkipped: 0,
    firstMs: null,
    lastMs: null,
  });
  const api = {
    invoke: (channel: string, payload: unknown) => {
      if (channel === 'mbn:search-log') asked.push(payload);
      return Promise.resolve({ ok: true, value: channel === 'mbn:search-log' ? done() : {} });
    },
    on: () => () => undefined,
  };
  Object.assign(globalThis, { window: { mbnDiag: api } });
});

/** The panel's words, buttons' too, as a technician reads them. */
function panelText(): string {
  const html = renderToStaticMarkup(
    <LogSourceContext.Provider value={source}>
      <SearchPanel />
    </LogSourceContext.Provider>,
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the search’s order in the panel', () => {
  it('says newest first when nothing matched, and offers the way back', async () => {
    setSearchForm(source, { text: 'nothing like it' });
    await runSearch(source, NEWEST_PAGE);
    const text = panelText();
    expect(text).toMatch(/0 matches in [\d.]+ MB, newest first\./);
    expect(text).toContain('Oldest first');
    expect(asked).toEqual([expect.objectContaining({ newestFirst: true })]);
  });

  it('offers no order to a search oldest first with nothing to order', async () => {
    setSearchForm(source, { text: 'nothing like it' });
    await runSearch(source);
    const text = panelText();
    expect(text).toMatch(/0 matches in [\d.]+ MB\./);
    expect(text).not.toContain('Newest first');
  });

  it('keeps the way back, and no way on, for a search newest first that was stopped', () => {
    store.setState({
      page: NEWEST_PAGE,
      searched: { ...EMPTY, text: 'SMS' },
      stopped: 'The search was stopped after 8,176 matches, with 13% of the log searched.',
    });
    const text = panelText();
    expect(text).toContain('Oldest first');
    // Its newest were still to be found: nothing to go on from.
    expect(text).not.toContain('Search on');
    expect(text).not.toContain('Older matches');
  });

  it('searches newest first again, on this log and the next, until asked otherwise', async () => {
    matches = 3;
    setSearchForm(source, { text: 'SMS' });
    await runSearch(source, NEWEST_PAGE);
    setSearchForm(source, { text: 'Diagnostics' });
    await runSearch(source);
    forgetSearch(source);
    await runSearch(source);
    expect(asked).toEqual([
      expect.objectContaining({ newestFirst: true }),
      expect.objectContaining({ newestFirst: true, query: { text: 'Diagnostics' } }),
      expect.objectContaining({ newestFirst: true }),
    ]);
  });
});
