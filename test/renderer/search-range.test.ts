import { describe, expect, it } from 'vitest';
import { rangeWords } from '../../renderer/src/search/search-range';

describe('the range a search asked, in its count line', () => {
  it('says both ends, or the one given, to the minute when that is all there is', () => {
    const since = '2026-01-05T10:00:00.000Z';
    const until = '2026-01-06T00:00:00.000Z';
    expect(rangeWords({ since, until }, 'utc')).toBe(
      ' from 2026-01-05 10:00 to 2026-01-06 00:00 (UTC)',
    );
    expect(rangeWords({ since }, 'utc')).toBe(' from 2026-01-05 10:00 on (UTC)');
    expect(rangeWords({ until }, 'utc')).toBe(' before 2026-01-06 00:00 (UTC)');
    // Seconds and milliseconds asked are said.
    expect(rangeWords({ since: '2026-01-05T10:00:05.250Z' }, 'utc')).toBe(
      ' from 2026-01-05 10:00:05.250 on (UTC)',
    );
    expect(rangeWords({ since: '2026-01-05T10:00:05.000Z' }, 'utc')).toBe(
      ' from 2026-01-05 10:00:05 on (UTC)',
    );
  });

  it('says it in the zone the log shows', () => {
    const since = new Date(2026, 0, 5, 10, 0).toISOString();
    expect(rangeWords({ since }, 'local')).toBe(' from 2026-01-05 10:00 on (local)');
  });

  it('says nothing of a search of the whole log', () => {
    expect(rangeWords({}, 'local')).toBe('');
  });
});
