import { describe, expect, it } from 'vitest';
import { formToQuery } from '../../renderer/src/search/search-query';

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
});
