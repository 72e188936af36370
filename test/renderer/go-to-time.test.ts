import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatTimestamp } from '../../shared/time';
import { goToTimeLabel, goToTimeMs } from '../../renderer/src/search/go-to-time';

// Paris is an hour ahead of UTC in January, so a time read in the wrong zone is an hour out.
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Paris');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('the Go to time box', () => {
  it('reads a time copied off a UTC row as UTC, landing on that row', () => {
    const ms = goToTimeMs('2026-01-05T08:25:00', 'utc');
    expect(ms).not.toBeNull();
    expect(formatTimestamp(new Date(ms ?? 0).toISOString(), 'utc')).toBe(
      '2026-01-05 08:25:00.000 Z',
    );
  });

  it('reads a time copied off a local row as local time', () => {
    const ms = goToTimeMs('2026-01-05T09:25', 'local');
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
    expect(goToTimeMs('', 'utc')).toBeNull();
    expect(goToTimeMs('yesterday', 'local')).toBeNull();
  });
});
