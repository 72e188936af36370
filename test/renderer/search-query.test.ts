import { describe, expect, it } from 'vitest';
import { formToQuery as formToQueryIn } from '../../renderer/src/search/search-query';
import type { SearchForm } from '../../renderer/src/search/search-store';

/** The form read with the log showing UTC, where the zone is not what is tested. */
const formToQuery = (form: SearchForm) => formToQueryIn(form, 'utc');

const empty = { outcome: '', service: '', hresult: '', request: '', text: '' } as const;

describe('the search form as a query', () => {
  it('turns each box into its condition, telling a reference from an MBN request ID', () => {
    expect(
      formToQuery({ ...empty, outcome: 'failed', service: ' SMS ', hresult: '0x80070005' }),
    ).toEqual({
      query: { outcomes: ['failed'], service: 'SMS', hresult: '0x80070005' },
    });
    // Any problem, as the log's filter offers it: main's rule, outages and errors included.
    expect(formToQuery({ ...empty, outcome: 'problems' })).toEqual({ query: { problems: true } });
    expect(formToQuery({ ...empty, request: 'R12' })).toEqual({ query: { ref: 'r12' } });
    expect(formToQuery({ ...empty, request: '#1004' })).toEqual({ query: { requestId: 1004 } });
    expect(formToQuery({ ...empty, text: '  access denied ' })).toEqual({
      query: { text: 'access denied' },
    });
  });

  it('takes an HRESULT by the name the log shows, or by its hex with or without 0x', () => {
    const hresultOf = (text: string) => {
      const made = formToQuery({ ...empty, hresult: text });
      return 'query' in made ? made.query.hresult : made.problem;
    };
    expect(hresultOf('E_ACCESSDENIED')).toBe('0x80070005');
    expect(hresultOf(' e_accessdenied ')).toBe('0x80070005');
    expect(hresultOf('HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)')).toBe('0x80070032');
    expect(hresultOf('ERROR_NOT_SUPPORTED')).toBe('0x80070032');
    expect(hresultOf('80070005')).toBe('0x80070005');
    expect(hresultOf('0x5')).toBe('0x00000005');
  });

  it('says which box is wrong instead of asking main', () => {
    expect(formToQuery(empty)).toEqual({
      problem: expect.stringMatching(/Say what to look for/) as unknown,
    });
    expect(formToQuery({ ...empty, hresult: 'denied' })).toEqual({
      problem: expect.stringMatching(/not an HRESULT/) as unknown,
    });
    expect(formToQuery({ ...empty, request: 'r0' })).toEqual({
      problem: expect.stringMatching(/not a request/) as unknown,
    });
    expect(formToQuery({ ...empty, request: '99999999999' })).toEqual({
      problem: expect.stringMatching(/not a request/) as unknown,
    });
  });

  // "It failed on Tuesday afternoon": a week-long log's thousands of hits paged through by Next.
  describe('a time range (From, To)', () => {
    const problemOf = (form: Partial<SearchForm>, zone: 'local' | 'utc' = 'utc') => {
      const made = formToQueryIn({ ...empty, ...form }, zone);
      return 'problem' in made ? made.problem : null;
    };

    it('is a query alone, and asks main for entries from From up to To', () => {
      expect(
        formToQuery({ ...empty, since: '2026-01-06 12:00', until: ' 2026-01-06 18:00:30 ' }),
      ).toEqual({
        query: { since: '2026-01-06T12:00:00.000Z', until: '2026-01-06T18:00:30.000Z' },
      });
      // Either end alone: every entry from, or up to, that time.
      expect(formToQuery({ ...empty, outcome: 'failed', since: '2026-01-06 12:00' })).toEqual({
        query: { outcomes: ['failed'], since: '2026-01-06T12:00:00.000Z' },
      });
      expect(formToQuery({ ...empty, until: '2026-01-06 18:00' })).toEqual({
        query: { until: '2026-01-06T18:00:00.000Z' },
      });
      // Left empty (or spaces): no range.
      expect(formToQuery({ ...empty, text: 'x', since: ' ', until: '' })).toEqual({
        query: { text: 'x' },
      });
    });

    it('reads a time in the zone the log shows, or in the one a copied row time names', () => {
      // Local: this machine's clock, as the log's Time (local) column shows it.
      expect(formToQueryIn({ ...empty, since: '2026-01-06 12:00' }, 'local')).toEqual({
        query: { since: new Date(2026, 0, 6, 12, 0).toISOString() },
      });
      // A row's whole time cell, pasted: its own offset.
      expect(formToQuery({ ...empty, since: '2026-01-06 12:00:05.250 +01:00' })).toEqual({
        query: { since: '2026-01-06T11:00:05.250Z' },
      });
    });

    // "It failed on Tuesday": the date alone, as the CLI's --since and --until take it.
    it('takes a date alone as that whole day, in the zone the log shows', () => {
      expect(formToQuery({ ...empty, since: '2026-01-07', until: ' 2026-01-07 ' })).toEqual({
        query: { since: '2026-01-07T00:00:00.000Z', until: '2026-01-08T00:00:00.000Z' },
      });
      // From a day on, or up to the end of one.
      expect(formToQuery({ ...empty, since: '2026-01-07' })).toEqual({
        query: { since: '2026-01-07T00:00:00.000Z' },
      });
      expect(formToQuery({ ...empty, until: '2026-01-07' })).toEqual({
        query: { until: '2026-01-08T00:00:00.000Z' },
      });
      // Local: the day on this machine's clock, as the log's Time (local) column shows it.
      expect(
        formToQueryIn({ ...empty, since: '2026-01-07', until: '2026-01-07' }, 'local'),
      ).toEqual({
        query: {
          since: new Date(2026, 0, 7).toISOString(),
          until: new Date(2026, 0, 8).toISOString(),
        },
      });
      // A day and a time mixed: from the day's start up to the time.
      expect(formToQuery({ ...empty, since: '2026-01-07', until: '2026-01-07 12:00' })).toEqual({
        query: { since: '2026-01-07T00:00:00.000Z', until: '2026-01-07T12:00:00.000Z' },
      });
      // The last day there is ends where main's times do.
      expect(formToQuery({ ...empty, until: '9999-12-31' })).toEqual({
        query: { until: '9999-12-31T23:59:59.999Z' },
      });
      expect(problemOf({ since: '2026-02-31' })).toMatch(
        /^From \(UTC\): “2026-02-31” is not a time/,
      );
    });

    it('names the box that holds no time, with an example of one', () => {
      expect(problemOf({ since: 'tuesday' })).toBe(
        'From (UTC): “tuesday” is not a time. Give a date and time as the log writes them, such as 2026-01-06 14:00, or a date alone for the whole day (2026-01-06).',
      );
      expect(problemOf({ since: '2026-01-06 12:00', until: '2026-02-30 10:00' }, 'local')).toMatch(
        /^To \(local\): “2026-02-30 10:00” is not a time\. .* such as 2026-01-06 14:00, .*\.$/,
      );
      expect(problemOf({ until: '06/01/2026 18:00' })).toMatch(/^To \(UTC\): /);
    });

    it('says From must come before To, when it does not', () => {
      const backwards = problemOf({ since: '2026-01-06 18:00', until: '2026-01-06 12:00' });
      expect(backwards).toMatch(/^From \(UTC\) must come before To \(UTC\)/);
      // To is the first moment not searched: the same time twice holds nothing.
      expect(problemOf({ since: '2026-01-06 12:00', until: '2026-01-06 12:00' })).toBe(backwards);
    });

    it('is among the things to look for when nothing is asked', () => {
      expect(problemOf({})).toMatch(/Say what to look for: .* words or a time range/);
    });
  });
});
