/**
 * The saved log's banner says where the log was recorded when the times on screen are not the
 * recording machine's own: a kiosk's log from Chicago read in Paris shows Paris times, and the
 * technician's "about 14:05" was on the kiosk's clock. A log from the viewer's zone says nothing
 * more (each banner line is a log row less on a 13-inch screen).
 */
import { describe, expect, it } from 'vitest';
import { savedZoneNote } from '../../renderer/src/files/recorded-zone';
import { TimeZoneTally, type TimeZone } from '../../shared/journal/time-zone';

const CHICAGO = { name: 'America/Chicago', utcOffsetMinutes: -360 };
const BERLIN = { name: 'Europe/Berlin', utcOffsetMinutes: 60 };
/** A viewer in Paris: UTC+01:00 in winter, UTC+02:00 in summer. */
const paris = (iso: string | undefined): TimeZone => ({
  name: 'Europe/Paris',
  utcOffsetMinutes: iso?.startsWith('2026-07') ? 120 : 60,
});

function tally(...runs: [TimeZone | undefined, string][]): TimeZoneTally {
  const t = new TimeZoneTally();
  for (const [zone, at] of runs) t.add(zone, at);
  return t;
}

describe('the saved log banner on time zones', () => {
  it("says where a log from another zone was recorded, and what the window's times are in", () => {
    const log = tally([CHICAGO, '2026-01-15T20:05:00.000Z']);
    expect(savedZoneNote(log, 'local', paris)).toBe(
      "Recorded in America/Chicago (UTC-06:00); the times here are this computer's, Europe/Paris (UTC+01:00).",
    );
    expect(savedZoneNote(log, 'utc', paris)).toBe(
      'Recorded in America/Chicago (UTC-06:00); the times here are UTC.',
    );
    // Relative times: the details and tooltips still show local wall-clock times.
    expect(savedZoneNote(log, 'since-sent', paris)).toMatch(/this computer's, Europe\/Paris/);
  });

  it('says nothing more when the times shown are the recording clock’s own', () => {
    // Berlin and Paris keep the same offset: the times on screen are the kiosk's.
    expect(savedZoneNote(tally([BERLIN, '2026-01-15T20:05:00.000Z']), 'local', paris)).toBeNull();
    // Recorded in summer, read in winter: the window shows it at its summer offset, as recorded.
    const summer = tally([
      { name: 'Europe/Berlin', utcOffsetMinutes: 120 },
      '2026-07-01T08:00:00Z',
    ]);
    expect(savedZoneNote(summer, 'local', paris)).toBeNull();
    expect(
      savedZoneNote(
        tally([{ name: 'UTC', utcOffsetMinutes: 0 }, '2026-01-15T20:05:00Z']),
        'utc',
        paris,
      ),
    ).toBeNull();
    // A log written before the zone was recorded: nothing to say here (the report says so).
    expect(savedZoneNote(tally([undefined, '2026-01-15T20:05:00Z']), 'local', paris)).toBeNull();
  });

  it('names every zone when the runs were recorded in several, even if one is the viewer’s', () => {
    const log = tally(
      [BERLIN, '2026-01-15T08:00:00.000Z'],
      [CHICAGO, '2026-01-15T20:05:00.000Z'],
      [undefined, '2026-01-16T08:00:00.000Z'],
    );
    expect(savedZoneNote(log, 'local', paris)).toBe(
      "Recorded in 2 time zones: Europe/Berlin (UTC+01:00), America/Chicago (UTC-06:00); not recorded for 1 of 3 runs; the times here are this computer's, Europe/Paris (UTC+01:00).",
    );
  });
});
