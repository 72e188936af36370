/**
 * A record's time is taken exactly when it is an ISO 8601 time Date.parse takes, however the
 * check gets there: times of an hour already seen skip Date.parse (it was a tenth of reading a
 * saved log), and must not let through anything it would refuse, nor refuse anything it takes.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkRecord, upgraderFor } from '../../../electron/core/journal-check.js';

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const digits = (n: number, max: number) =>
  fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
/** Times in and just out of every field's range, most of them sharing a few dates and hours. */
const time = fc
  .tuple(
    fc.constantFrom('2026-11-23', '2026-02-29', '2024-02-29', '2026-04-31', '2026-13-01'),
    fc.constantFrom('00', '09', '23', '24', '25', '99'),
    fc.oneof(fc.constantFrom('00', '59', '60'), digits(2, 99)),
    fc.oneof(fc.constantFrom('00', '59', '60'), digits(2, 99)),
    fc.constantFrom('', '.1', '.123', '.123456789', '.1234567890'),
    fc.constantFrom('Z', '+01:00', '-23:59', '+24:00', '+05:60', 'z', ''),
  )
  .map(
    ([date, hour, minute, second, fraction, zone]) =>
      `${date}T${hour}:${minute}:${second}${fraction}${zone}`,
  );

it('takes a time exactly when it has the ISO shape and Date.parse takes it', () => {
  fc.assert(
    fc.property(fc.array(time, { minLength: 1, maxLength: 40 }), (times) => {
      const read = {};
      for (const t of times) {
        const record = {
          v: 2,
          seq: 1,
          time: t,
          mono: 0,
          kind: 'backend-status',
          backend: 'simulator',
          available: true,
          message: 'ok',
        };
        const taken = 'record' in checkRecord(record, upgraderFor(read));
        expect(taken, t).toBe(ISO_SHAPE.test(t) && !Number.isNaN(Date.parse(t)));
      }
    }),
    { numRuns: 2000 },
  );
});
