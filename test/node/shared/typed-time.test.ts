import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatTimestamp } from '../../../shared/time';
import { isoTimeMs, typedDayMs, typedRangeEndMs, typedTimeMs } from '../../../shared/typed-time';
import { goToTimeLabel } from '../../../renderer/src/search/go-to-time';

// Paris is an hour ahead of UTC in January, so a time read in the wrong zone is an hour out.
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Paris');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('a typed time (Go to time, an export range, the CLI)', () => {
  it('reads a time copied off a UTC row as UTC, landing on that row', () => {
    const ms = typedTimeMs('2026-01-05T08:25:00', 'utc');
    expect(ms).not.toBeNull();
    expect(formatTimestamp(new Date(ms ?? 0).toISOString(), 'utc')).toBe(
      '2026-01-05 08:25:00.000 Z',
    );
  });

  it('reads a time copied off a local row as local time', () => {
    const ms = typedTimeMs('2026-01-05T09:25', 'local');
    expect(formatTimestamp(new Date(ms ?? 0).toISOString(), 'local')).toBe(
      '2026-01-05 09:25:00.000 +01:00',
    );
    expect(formatTimestamp(new Date(ms ?? 0).toISOString(), 'utc')).toBe(
      '2026-01-05 08:25:00.000 Z',
    );
  });

  it('names the zone it reads in, as the log’s Time column does', () => {
    expect(goToTimeLabel('utc')).toBe('Go to time (UTC)');
    expect(goToTimeLabel('local')).toBe('Go to time (local)');
  });

  it('says nothing is readable rather than guessing', () => {
    expect(typedTimeMs('', 'utc')).toBeNull();
    expect(typedTimeMs('yesterday', 'local')).toBeNull();
  });

  it('takes a time typed as the log writes it, to the millisecond', () => {
    const ms = typedTimeMs('2026-01-05 08:25:00.250', 'utc');
    expect(formatTimestamp(new Date(ms ?? 0).toISOString(), 'utc')).toBe(
      '2026-01-05 08:25:00.250 Z',
    );
    expect(typedTimeMs('2026-01-05 08:25', 'utc')).toBe(Date.UTC(2026, 0, 5, 8, 25));
  });

  it('takes a row’s whole time cell, zone and all, in the zone it names', () => {
    for (const cell of [
      formatTimestamp('2026-01-05T08:25:00.250Z', 'utc'),
      formatTimestamp('2026-01-05T08:25:00.250Z', 'local'),
    ]) {
      expect(typedTimeMs(cell, 'utc')).toBe(Date.UTC(2026, 0, 5, 8, 25, 0, 250));
      expect(typedTimeMs(cell, 'local')).toBe(Date.UTC(2026, 0, 5, 8, 25, 0, 250));
    }
  });

  it('refuses the forms a locale writes, and times there are none of', () => {
    for (const text of [
      '01/05/2026 08:25 AM',
      '05.01.2026 08:25',
      '1/5/2026, 8:25:00 AM',
      '2026-01-05 8:25 PM',
      '2026-02-31 08:25',
      '2026-01-05 24:00',
      '2026-01-05 08:61',
    ])
      expect(typedTimeMs(text, 'utc'), text).toBeNull();
    // Paris skipped 02:00-03:00 on 29 March 2026.
    expect(typedTimeMs('2026-03-29 02:30', 'local')).toBeNull();
  });
});

describe('isoTimeMs', () => {
  it('reads ISO 8601 with its zone, to any fraction of a second', () => {
    expect(isoTimeMs('2026-01-06T13:00:00Z')).toBe(Date.UTC(2026, 0, 6, 13));
    expect(isoTimeMs('2026-01-06T14:00:00.123456+01:00')).toBe(Date.UTC(2026, 0, 6, 13, 0, 0, 123));
  });

  it('refuses a day there is none of, which Date.parse alone takes for another', () => {
    // Date.parse('2026-02-31T10:00:00Z') is 3 March: a search from it would have begun there.
    expect(isoTimeMs('2026-02-31T10:00:00Z')).toBeNull();
    expect(isoTimeMs('2026-01-06T25:00:00Z')).toBeNull();
  });

  it('refuses a time without its zone, and free text Date.parse would take', () => {
    expect(isoTimeMs('2026-01-06T13:00:00')).toBeNull();
    expect(isoTimeMs('Tue, 06 Jan 2026 13:00:00 GMT')).toBeNull();
  });
});

describe('typedDayMs: a date typed alone, as the search’s From and To take it', () => {
  it('is that whole day in the zone the log shows, up to the next day’s start', () => {
    expect(typedDayMs('2026-01-07', 'utc')).toEqual({
      start: Date.UTC(2026, 0, 7),
      end: Date.UTC(2026, 0, 8),
    });
    // Paris, an hour ahead of UTC in January: its day starts at 23:00 UTC the day before.
    expect(typedDayMs(' 2026-01-07 ', 'local')).toEqual({
      start: Date.UTC(2026, 0, 6, 23),
      end: Date.UTC(2026, 0, 7, 23),
    });
  });

  it('is 23 hours long on the local day the clocks went forward', () => {
    const day = typedDayMs('2026-03-29', 'local');
    expect(day && day.end - day.start).toBe(23 * 3600_000);
    expect(typedDayMs('2026-12-31', 'utc')?.end).toBe(Date.UTC(2027, 0, 1));
  });

  it('is no day for a date there is none of, or for more than a date', () => {
    for (const text of ['2026-02-31', '2026-13-01', '2026-01-07 14:00', '07/01/2026', 'tuesday'])
      expect(typedDayMs(text, 'utc'), text).toBeNull();
  });
});

describe('typedRangeEndMs', () => {
  it('reads a time, or a date alone as its whole day, in the zone given', () => {
    expect(typedRangeEndMs('2026-01-06 13:00', 'utc', 'end')).toBe(Date.UTC(2026, 0, 6, 13));
    expect(typedRangeEndMs('2026-01-06', 'utc', 'start')).toBe(Date.UTC(2026, 0, 6));
    // The end of a day is the next day's first moment, the first left out.
    expect(typedRangeEndMs('2026-01-06', 'utc', 'end')).toBe(Date.UTC(2026, 0, 7));
    // On Paris's clock (UTC+1 in January) the day starts an hour earlier in UTC.
    expect(typedRangeEndMs('2026-01-06', 'local', 'start')).toBe(Date.UTC(2026, 0, 5, 23));
  });

  it('keeps the last day there is within the latest time a range may name', () => {
    expect(typedRangeEndMs('9999-12-31', 'utc', 'end')).toBe(
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    );
  });

  it('is null for what is neither', () => {
    expect(typedRangeEndMs('Tuesday', 'utc', 'start')).toBeNull();
    expect(typedRangeEndMs('2026-02-31', 'utc', 'start')).toBeNull();
  });
});

describe('a zone written as people write one in a ticket', () => {
  it('reads UTC, GMT, +0100 and +01 as Z and +01:00 are read', () => {
    const at = Date.UTC(2026, 0, 6, 13);
    for (const text of [
      '2026-01-06 13:00 UTC',
      '2026-01-06 13:00 gmt',
      '2026-01-06 14:00 +0100',
      '2026-01-06 14:00 +01',
      '2026-01-06 08:30 -04:30',
    ])
      expect(typedTimeMs(text, 'local'), text).toBe(at);
  });

  it('refuses an offset no zone has', () => {
    expect(typedTimeMs('2026-01-06 13:00 +15:00', 'utc')).toBeNull();
    expect(typedTimeMs('2026-01-06 13:00 +01:60', 'utc')).toBeNull();
  });
});
