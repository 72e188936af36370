import { describe, expect, it } from 'vitest';
import { TimeZoneTally } from '../../../shared/journal/time-zone.js';

describe('the time zones a log was recorded in', () => {
  // A review: a Berlin kiosk's week across the change to summer time read "Recorded in 2 time
  // zones: Europe/Berlin (UTC+01:00), Europe/Berlin (UTC+02:00)", and the banner said so even to
  // a viewer in Berlin.
  it('are one zone across a change to daylight saving, with both offsets said', () => {
    const tally = new TimeZoneTally();
    tally.add({ name: 'Europe/Berlin', utcOffsetMinutes: 60 }, '2026-03-28T08:00:00.000Z');
    tally.add({ name: 'Europe/Berlin', utcOffsetMinutes: 120 }, '2026-03-30T08:00:00.000Z');
    expect(tally.several).toBe(false);
    expect(tally.words()).toBe(
      'Recorded in Europe/Berlin (UTC+01:00 and UTC+02:00, daylight saving)',
    );
    tally.add({ name: 'America/Chicago', utcOffsetMinutes: -300 });
    expect(tally.several).toBe(true);
  });

  it('keep only a zone’s name and offset, whatever else a hostile log wrote beside them', () => {
    const tally = new TimeZoneTally();
    const planted = { name: 'Europe/Berlin', utcOffsetMinutes: 60, note: '<b>x</b>' };
    tally.add(planted);
    expect(tally.list()).toEqual([{ name: 'Europe/Berlin', utcOffsetMinutes: 60 }]);
  });
});
