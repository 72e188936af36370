import { describe, expect, it } from 'vitest';
import { logTimesWords, rangeWords } from '../../renderer/src/search/search-range';

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

describe('the log’s own times, said when a range matched nothing', () => {
  it('says its first and last times in the zone shown, the last one’s date when it is another', () => {
    const first = Date.UTC(2026, 0, 5, 8, 0, 1);
    expect(logTimesWords({ first, last: Date.UTC(2026, 0, 5, 10, 13, 20, 250) }, 'utc')).toBe(
      'The log’s entries run from 2026-01-05 08:00:01 to 10:13:20.250 (UTC).',
    );
    expect(logTimesWords({ first, last: Date.UTC(2026, 0, 12, 9) }, 'utc')).toBe(
      'The log’s entries run from 2026-01-05 08:00:01 to 2026-01-12 09:00 (UTC).',
    );
    const local = new Date(2026, 0, 5, 9, 30).getTime();
    expect(logTimesWords({ first: local, last: local + 60_000 }, 'local')).toBe(
      'The log’s entries run from 2026-01-05 09:30 to 09:31 (local).',
    );
  });
});
