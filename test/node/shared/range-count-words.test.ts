/** The words an export's confirmation counts its records in (shared/range-count-words.ts). */
import { describe, expect, it } from 'vitest';
import { recordsWords } from '../../../shared/range-count-words.js';

const RANGE = {
  from: Date.parse('2026-01-09T06:00:00.000Z'),
  to: Date.parse('2026-01-09T06:05:00.000Z'),
};
const SPAN = '2026-01-09 06:00:00.000 Z to 2026-01-09 06:05:00.000 Z';

describe('recordsWords', () => {
  it("counts a range's own records and names what was kept from before it", () => {
    expect(recordsWords(505, RANGE, { runStarts: 1, devices: 0 })).toBe(
      `504 records from ${SPAN}, with the run's start kept from before it`,
    );
    expect(recordsWords(505, RANGE, { runStarts: 1, devices: 2 })).toBe(
      `502 records from ${SPAN}, with the run's start and 2 devices' details kept from before it`,
    );
    expect(recordsWords(2, RANGE, { runStarts: 0, devices: 1 })).toBe(
      `1 record from ${SPAN}, with 1 device's details kept from before it`,
    );
  });

  it('says a count alone where nothing was kept, or of the whole log', () => {
    expect(recordsWords(505, RANGE, { runStarts: 0, devices: 0 })).toBe(`505 records from ${SPAN}`);
    expect(recordsWords(1234, null, undefined)).toBe('1,234 records');
  });
});
