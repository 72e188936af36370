/**
 * A number that the text labels takes its kind from the label, in text and in payload bytes
 * (UTF-8, UTF-16LE) alike. The digits alone made `IMEI: 490154203237519` (its check digit fails)
 * an IMSI. A label never lets digits through: they are hidden as without the label (and a number
 * machines also write, such as a date, is hidden where a label calls it an identifier:
 * machine-numbers.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceIdentifiers } from '../../../shared/identifiers.js';
import { redactedBytes, token } from './support/redacted-bytes.js';

/** An IMEI whose check digit fails; by its digits alone, an IMSI. */
const TYPO_IMEI = '490154203237519';
/** A number whose check digit holds; by its digits alone, an IMEI. */
const LUHN = '490154203237518';

const redact = (text: string): string => replaceIdentifiers(text, token);

describe('a labelled number', () => {
  it.each([
    [`IMEI: ${TYPO_IMEI}`, 'IMEI: IMEI-1'],
    [`imei=${TYPO_IMEI}`, 'imei=IMEI-1'],
    [`{"imei": "${TYPO_IMEI}"}`, '{"imei": "IMEI-1"}'],
    [`<IMEI>${TYPO_IMEI}</IMEI>`, '<IMEI>IMEI-1</IMEI>'],
    [`deviceImei ${TYPO_IMEI}`, 'deviceImei IMEI-1'],
    [`IMEI No.: ${TYPO_IMEI}`, 'IMEI No.: IMEI-1'],
    [`IMEI2: ${TYPO_IMEI}`, 'IMEI2: IMEI-1'],
    [`+CGSN: "${TYPO_IMEI}"`, '+CGSN: "IMEI-1"'],
    [`IMSI: ${LUHN}`, 'IMSI: IMSI-1'],
    [`+CIMI: ${LUHN}`, '+CIMI: IMSI-1'],
    [`sim_iccid=${LUHN}`, 'sim_iccid=ICCID-1'],
    [`MSISDN: ${TYPO_IMEI}`, 'MSISDN: PHONE-1'],
    [`Phone number: ${LUHN}`, 'Phone number: PHONE-1'],
    [`Telephone: ${LUHN}`, 'Telephone: PHONE-1'],
  ])('%j reads as the label says, as text and as bytes', (text, expected) => {
    expect(redact(text)).toBe(expected);
    for (const bytes of redactedBytes(text)) expect(bytes).toBe(expected);
  });

  it.each([
    // A word that only ends in a label's letters, or a label too far from the number.
    [`Intel ${TYPO_IMEI}`, 'Intel IMSI-1'],
    [`hotel ${LUHN}`, 'hotel IMEI-1'],
    [`IMEI of the modem ${TYPO_IMEI}`, 'IMEI of the modem IMSI-1'],
    [`IMEI 1234, ${TYPO_IMEI}`, 'IMEI 1234, IMSI-1'],
  ])('%j reads as its digits say: no label names it', (text, expected) => {
    expect(redact(text)).toBe(expected);
    for (const bytes of redactedBytes(text)) expect(bytes).toBe(expected);
  });

  it.each(['IMEI: 12345', 'IMSI 2026-11-24', 'ICCID: v3.14.159', 'phone 0x80070005'])(
    '%j stays as it is: a label makes no number an identifier',
    (text) => {
      expect(redact(text)).toBe(text);
      for (const bytes of redactedBytes(text)) expect(bytes).toBe(text);
    },
  );

  it('is hidden whatever the label, its kind the label’s, the same in text and bytes', () => {
    const labels = {
      IMEI: ['IMEI', 'imei', 'IMEISV', 'deviceImei', '+CGSN'],
      IMSI: ['IMSI', 'imsi', '+CIMI'],
      ICCID: ['ICCID', 'iccid', '+CCID'],
      PHONE: ['MSISDN', 'phone', 'Tel'],
    } as const;
    const labelled = fc.constantFrom(
      ...Object.entries(labels).flatMap(([kind, words]) => words.map((word) => ({ kind, word }))),
    );
    const digits = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 20 })
      .map((d) => d.join(''));
    const between = fc.constantFrom(' ', ': ', '=', '":"', ' No. ', '2: ', '>');
    fc.assert(
      fc.property(labelled, between, digits, ({ kind, word }, gap, number) => {
        const text = `${word}${gap}${number};`;
        const expected = `${word}${gap}${kind}-1;`;
        expect(redact(text), text).toBe(expected);
        for (const bytes of redactedBytes(text)) expect(bytes, text).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a token the redaction wrote', () => {
  // A SUBSCRIBER_READY_STATUS lists its telephone numbers, then its IMSI: in its bytes the token
  // just written over the numbers (`PHONE-2****`) was read as a label, and the IMSI went out as a
  // phone number. Text is labelled from what it says, and so are bytes now.
  it.each([
    ['2125550123: 310410000110761', 'PHONE-1: IMSI-1'],
    ['11111111111\u000000000000000\u0000310410000110761', 'PHONE-1\u0000PHONE-1\u0000IMSI-1'],
  ])('is no label for the number after it: %j', (text, expected) => {
    expect(redact(text)).toBe(expected);
    for (const bytes of redactedBytes(text)) expect(bytes).toBe(expected);
  });
});
