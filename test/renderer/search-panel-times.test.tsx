/**
 * The search's From and To as a technician meets them in the panel: a problem with a box said in
 * the zone its label names now, a range that matched nothing said beside the log's own times, and
 * the range of one log not carried to the next. Drawn as React draws the panel's first frame (on
 * the server: no DOM here), with a bridge answering as main does (search-panel-bridge.tsx).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetSearch, runSearch, setSearchForm } from '../../renderer/src/search/search-actions';
import { NO_RESULTS, searchStoreOf } from '../../renderer/src/search/search-store';
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
const answer: SearchAnswer = {
  matches: 0,
  // The log's first and last times, as main's search passed them in its index.
  firstMs: Date.UTC(2026, 0, 5, 8),
  lastMs: Date.UTC(2026, 0, 5, 10, 13, 19),
};
/** The channels the window called, in order. */
const channels = (): string[] => calls.map((a) => a.channel);

beforeEach(() => {
  calls.length = 0;
  answer.matches = 0;
  useTimeMode.setState({ mode: 'utc' });
  store.setState({ ...NO_RESULTS, open: true, form: EMPTY });
  answerSearches(answer, calls);
});

describe('the search’s time range in the panel', () => {
  it('says a box’s problem in the zone its label names once Times changes', async () => {
    useTimeMode.setState({ mode: 'local' });
    setSearchForm(source, { since: 'tuesday' });
    await runSearch(source);
    expect(panelText(source)).toContain('From (local): “tuesday” is not a time.');
    // Times set to UTC: the box is labelled From (UTC), and so is its problem.
    useTimeMode.setState({ mode: 'utc' });
    const text = panelText(source);
    expect(text).toContain('From (UTC): “tuesday” is not a time.');
    expect(text).not.toContain('(local)');
    expect(channels()).not.toContain('mbn:search-log');
  });

  it('says when the log’s entries run, in the zone shown, when a range matched nothing', async () => {
    setSearchForm(source, { since: '2026-02-01' });
    await runSearch(source);
    expect(panelText(source)).toMatch(
      /0 matches from 2026-02-01 00:00 on \(UTC\) in [\d.]+ MB\. +The log’s entries run from 2026-01-05 08:00 to 10:13:19 \(UTC\)\./,
    );
    // Said from the search's own answer: nothing more asked of main for it (the count in the
    // app's other runs follows any live search).
    expect(channels()).toEqual(['mbn:search-log', 'mbn:search-other-runs']);
  });

  it('says nothing of the log’s times when the range matched, or no range was asked', async () => {
    answer.matches = 3;
    setSearchForm(source, { since: '2026-01-05' });
    await runSearch(source);
    expect(panelText(source)).toMatch(/3 matches from 2026-01-05 00:00 on \(UTC\)/);
    answer.matches = 0;
    setSearchForm(source, { since: '', text: 'nothing like it' });
    await runSearch(source);
    expect(panelText(source)).not.toContain('The log’s entries run');
    expect(channels()).not.toContain('mbn:log-overview');
  });

  it('leaves the last log’s range behind when another log is opened, and what to look for', () => {
    setSearchForm(source, {
      outcome: 'failed',
      service: 'SMS',
      since: '2026-01-07',
      until: '2026-01-08',
    });
    forgetSearch(source);
    expect(store.getState().form).toEqual({
      ...EMPTY,
      outcome: 'failed',
      service: 'SMS',
      since: '',
      until: '',
    });
  });
});
