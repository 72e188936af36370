/**
 * The count beside the log's filters, where the window holds only part of the log. A technician
 * filtering a 300,000-entry kiosk log for failures read "113 of 170,000 entries match" and took
 * the log to hold 113 failures; it held 200, the rest among the entries not loaded. Here the
 * count's words from what the window holds and what the log holds (the filters draw them:
 * test/e2e/saved-log-first-page.spec.ts), and the filters as the whole-log search asks them when
 * the button beside the count is pressed.
 */
import { describe, expect, it } from 'vitest';
import {
  logCountWords,
  partTotal,
  searchAllName,
  type PartTotal,
} from '../../renderer/src/components/log-count';
import { searchFormOf } from '../../renderer/src/search/filter-search';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { toLogRow } from '../../electron/ipc/log-row';
import { serviceKey } from '../../shared/model';

const TIME = '2026-01-05T08:00:00.000Z';
const entries = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    toLogRow({
      ...{ v: 2, seq: from + i, time: TIME, mono: from + i, kind: 'error' },
      ...{ message: `entry ${String(from + i)}`, context: 'c' },
    }),
  );

const saved = (count: number, counted = true) => ({
  live: false as const,
  saved: { count, counted, complete: false },
});
const live = (lastLoaded: number | undefined, journalFirstSeq: number) => ({
  live: true as const,
  lastLoaded,
  journalFirstSeq,
});
/** The count with 12 rows loaded, 3 of them through the filters when `filtering`. */
const count = (total: PartTotal, filtering: boolean) =>
  logCountWords({ rows: 12, visible: filtering ? 3 : 12, filtering, total });

describe('the log’s count beside its filters', () => {
  it('says a saved log larger than the window has only some entries loaded', () => {
    const total = partTotal(12, saved(5006));
    expect(total).toBe(5006);
    expect(count(total, false)).toBe('12 of 5,006 entries loaded');
    expect(count(total, true)).toBe('3 of 12 loaded entries match');
  });

  it('says what it said before of a log the window holds whole', () => {
    const total = partTotal(12, saved(12));
    expect(total).toBeNull();
    expect(count(total, false)).toBe('12 entries');
    expect(count(total, true)).toBe('3 of 12 entries match');
    expect(partTotal(12, { live: false, saved: null })).toBeNull();
  });

  it('says a saved log still being read has only some entries loaded so far', () => {
    // Its first page in, the rest still read, not yet counted: "12 entries" read as its size.
    const total = partTotal(12, saved(12, false));
    expect(count(total, false)).toBe('12 entries loaded so far');
    expect(count(total, true)).toBe('3 of 12 loaded entries match');
    expect(searchAllName(total ?? 0)).toBe('Search all entries of the log');
    expect(searchAllName(partTotal(12, saved(5006)) ?? 0)).toBe('Search all 5,006 entries');
  });

  it('counts the live journal’s entries, loaded or not', () => {
    // #101–#112 loaded, the journal holding #1 onwards: 112 entries.
    expect(partTotal(12, live(112, 1))).toBe(112);
    expect(count(partTotal(12, live(112, 1)), false)).toBe('12 of 112 entries loaded');
    // A jump brought in #1–#6 beside the newest #107–#112: still 112, 100 of them not loaded.
    const model = new LogModel();
    model.insert(entries(107, 112));
    model.insert(entries(1, 6));
    expect(count(partTotal(model.rows.length, live(model.lastSeq, 1)), false)).toBe(
      '12 of 112 entries loaded',
    );
    // Every entry of the journal loaded, or none yet.
    expect(partTotal(12, live(112, 101))).toBeNull();
    expect(partTotal(0, live(undefined, 1))).toBeNull();
  });
});

describe('the filters as the whole-log search asks them', () => {
  const id = 'c08b2c4a-1c8f-4c5e-9e0b-5d5b1b8b0001';
  it('carries the outcome and the service, by its ID', () => {
    expect(
      searchFormOf({ ...NO_FILTER, outcome: 'failed', service: serviceKey('if-1', id) }),
    ).toEqual({
      ...{ outcome: 'failed', service: id },
      ...{ hresult: '', request: '', text: '' },
    });
    expect(searchFormOf({ ...NO_FILTER, outcome: 'problems' })?.outcome).toBe('problems');
  });

  it('carries words that are a whole HRESULT or a request as those', () => {
    const carried = (text: string) => searchFormOf({ ...NO_FILTER, text });
    expect(carried('0x80070005')).toEqual({
      ...{ outcome: '', service: '', hresult: '0x80070005' },
      ...{ request: '', text: '' },
    });
    expect(carried(' E_ACCESSDENIED ')?.hresult).toBe('E_ACCESSDENIED');
    expect(carried('r12')?.request).toBe('r12');
    expect(carried('#1004')?.request).toBe('#1004');
    expect(searchFormOf({ ...NO_FILTER, outcome: 'failed', text: 'E_FAIL' })).toMatchObject({
      outcome: 'failed',
      hresult: 'E_FAIL',
    });
    // Part of a hex, a bare number or hex digits, and other words: the filter finds them inside
    // other words (a seq, a time), which a search of that HRESULT or request would not.
    for (const text of ['0x8007', '80070005', '1004', 'face', 'accepted', 'r0'])
      expect(carried(text), text).toBeNull();
  });

  it('carries nothing it would ask differently', () => {
    // Waiting: the filter lists the rows still waiting, the search the records that said so.
    expect(searchFormOf({ ...NO_FILTER, outcome: 'waiting' })).toBeNull();
    // The words are the row's for the filter, the record's line for the search.
    expect(searchFormOf({ ...NO_FILTER, text: 'accepted', kind: 'completion' })).toBeNull();
    expect(searchFormOf({ ...NO_FILTER, interfaceId: 'if-1' })).toBeNull();
  });
});
