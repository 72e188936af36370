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
    // Any problem, as the log's filter offers it.
    const problems = formToQuery({ ...empty, outcome: 'problems' });
    expect('query' in problems && problems.query.outcomes).toEqual(
      expect.arrayContaining(['failed', 'refused', 'call-failed', 'overdue', 'unmatched']),
    );
    expect(formToQuery({ ...empty, request: 'R12' })).toEqual({ query: { ref: 'r12' } });
    expect(formToQuery({ ...empty, request: '#1004' })).toEqual({ query: { requestId: 1004 } });
    expect(formToQuery({ ...empty, text: '  access denied ' })).toEqual({
      query: { text: 'access denied' },
    });
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
