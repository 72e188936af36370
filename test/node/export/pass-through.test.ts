/**
 * Lines taken as they are (line-check.ts) must export exactly as the full path (parse, shape
 * check, redaction, JSON.stringify) would have exported them, and identifiers must never slip
 * through: checked here line by line on generated hostile lines against the full path itself.
 * Lines checked a block at a time are in pass-through-blocks.test.ts; saved logs exported end to
 * end, where a JSON Lines export must equal, byte for byte, the one made the slow way, in
 * pass-through-exports.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRecord, V1Upgrader } from '../../../electron/core/journal-check.js';
import { csvRow } from '../../../electron/core/export/format-csv.js';
import { LineCheck, SAFE_TEXT_WAYS } from '../../../electron/core/export/line-check.js';
import { LineCsvRows } from '../../../electron/core/export/line-csv-row.js';
import { Redactor } from '../../../electron/core/export/redact.js';
import {
  base,
  hostileLine,
  IMEI,
  lineOf,
  PHONE,
  SIERRA,
  SMS,
  typical,
} from './support/pass-through-lines.js';

/** What the full path writes for a line: parsed, checked, redacted (or not), serialised. */
function fullPath(line: Buffer, redactor: Redactor | undefined): string | undefined {
  const checked = checkRecord(JSON.parse(line.toString('utf8')), new V1Upgrader());
  if ('problem' in checked) return undefined;
  return JSON.stringify(redactor ? redactor.record(checked.record) : checked.record);
}

/** What the pass-through writes for a line LineCheck passed. */
function passedThrough(check: LineCheck, line: Buffer, redactor: Redactor | undefined): string {
  if (check.previewFrom < 0 || !redactor) return line.toString('latin1');
  const hex = line.toString('latin1', check.previewFrom, check.previewTo);
  return `${line.toString('latin1', 0, check.previewFrom)}${redactor.previewText(hex)}${line.toString('latin1', check.previewTo)}`;
}

/** The CSV row the full path makes of a line (no device model known). */
function fullCsvRow(line: Buffer, redactor: Redactor | undefined): string | undefined {
  const checked = checkRecord(JSON.parse(line.toString('utf8')), new V1Upgrader());
  if ('problem' in checked) return undefined;
  return csvRow(redactor ? redactor.record(checked.record) : checked.record, null);
}

/** The CSV row made from the text of a line `check` just passed. */
function csvRowOfText(check: LineCheck, line: Buffer): string | undefined {
  const order = check.order;
  return order && new LineCsvRows().row(check.tested, 0, line.length, order, () => null);
}

describe('which lines pass as they are', () => {
  it('passes the journal’s everyday records, with or without redaction', () => {
    for (const redacting of [true, false]) {
      const check = new LineCheck(redacting);
      for (const record of typical(10)) {
        const line = lineOf(record);
        expect(check.test(line, 0, line.length), JSON.stringify(record)).toBe(true);
      }
    }
  });

  it.each([
    [
      'a data payload (device-service commands), which can hold an identifier',
      { data: '3335393037' },
    ],
    ['a field the check does not know', { note: 'x' }],
    ['an IMEI in the service name', { serviceName: `modem ${IMEI}` }],
    ['an IMSI split by spaces', { serviceName: '310 150 123 456 789' }],
    ['a phone number', { serviceName: `call ${PHONE}` }],
    ['full-width digits', { serviceName: '３５９０７２０６１２３４５６７' }],
    ['an escaped character', { serviceName: 'a\\u0033b' }],
    ['a format 1 record', { v: 1 }],
    ['a missing field', { serviceId: undefined }],
    ['a number JSON.stringify writes differently', { mono: 1.5e21 }],
  ])('sends a line with %s down the full path when redacting', (_why, change) => {
    const record = { ...typical(10)[0], ...change };
    const text = JSON.stringify(record).replace('a\\\\u0033b', 'a\\u0033b');
    const line = Buffer.from(text, 'utf8');
    expect(new LineCheck(true).test(line, 0, line.length)).toBe(false);
  });

  it('sends kinds it does not know down the full path: event notifications, device info, errors', () => {
    const check = new LineCheck(false);
    for (const record of [
      {
        ...base(1),
        kind: 'event-notification',
        interfaceId: SIERRA,
        serviceId: SMS,
        serviceName: 'SMS',
        cid: 1,
        data: '00',
      },
      {
        ...base(2),
        kind: 'device-info',
        interfaceId: SIERRA,
        manufacturer: 'm',
        model: 'm',
        firmware: 'f',
        deviceId: IMEI,
        readyState: 'initialized',
      },
      { ...base(3), kind: 'error', message: 'x', context: 'y' },
    ]) {
      const line = lineOf(record);
      expect(check.test(line, 0, line.length)).toBe(false);
    }
  });

  it('agrees with the full path on generated hostile lines: same bytes out, nothing unredacted', () => {
    const line = hostileLine();
    let passed = 0;
    let failed = 0;
    fc.assert(
      fc.property(line, (bytes) => {
        for (const redacting of [true, false]) {
          const check = new LineCheck(redacting);
          if (!check.test(bytes, 0, bytes.length)) {
            failed += 1;
            continue;
          }
          passed += 1;
          const expected = fullPath(bytes, redacting ? new Redactor() : undefined);
          expect(expected, bytes.toString('utf8')).toBeDefined();
          const actual = passedThrough(check, bytes, redacting ? new Redactor() : undefined);
          expect(actual, bytes.toString('utf8')).toBe(expected);
          // A CSV export makes the line's row from its text: the full path's row, too.
          expect(csvRowOfText(check, bytes), bytes.toString('utf8')).toBe(
            fullCsvRow(bytes, redacting ? new Redactor() : undefined),
          );
        }
      }),
      { numRuns: 3000 },
    );
    // Both sides were exercised: many lines passed, many did not.
    expect(passed).toBeGreaterThan(500);
    expect(failed).toBeGreaterThan(500);
  });
});

describe('free text proven safe to leave unredacted', () => {
  it('is a GUID or holds no run of seven digits, and is proven one way only', () => {
    // One way only: a line failing late must not be read again for each way a text before the
    // failure could have been taken (that cost grew with every text field of the line).
    const ways = SAFE_TEXT_WAYS.map((way) => new RegExp(`^(?:${way})"`));
    const guid =
      /^(?:\{[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$/;
    const run = /\d(?:[ ()./+-]{0,2}\d){6}/;
    const text = fc.oneof(
      fc.constantFrom(
        SIERRA,
        SMS,
        '{12345678-1234-1234-1234-123456789012}',
        '12345678-1234-1234-1234-123456789012',
        'abcdefab-abcd-abcd-abcd-abcdefabcdef',
        IMEI,
        PHONE,
        'r12',
        'r1122220',
        'r1234567890',
        'r+1234567',
        '',
      ),
      fc.string({
        unit: fc.constantFrom('a', 'F', '-', '{', '}', ' ', '.', '(', '+', '1', '7', '0'),
        maxLength: 40,
      }),
      fc.stringMatching(/^[0-9 ()./+-]{0,16}$/),
    );
    fc.assert(
      fc.property(text, (value) => {
        const taken = ways.filter((way) => way.test(`${value}"`)).length;
        expect(taken, value).toBeLessThanOrEqual(1);
        expect(taken === 1, value).toBe(
          guid.test(value) || !run.test(value) || /^r\d{7,9}$/.test(value),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
