/**
 * Numbers machines write, which no subscriber or device has, are left as written: a date and its
 * hour (`2019/05/15 02`, the digits up to the `:`, is 10 digits), a build stamp to the second, a
 * 64-bit integer's limit. Sierra's firmware revisions end in their build's date and time, and every
 * export read `… 2019/05/15 PHONE-1:08:52`. A 32-bit limit's 10 digits may be a phone number
 * ((214) 748-3647 is 2147483647) and stay hidden. Where the text
 * calls such a number an identifier (`IMEI: 20231012153045`) it is hidden all the same, and one
 * digit more or less is hidden as before. In text and in payload bytes alike.
 */
import { describe, expect, it } from 'vitest';
import { replaceIdentifiers } from '../../../shared/identifiers.js';
import { redactedBytes, token } from './support/redacted-bytes.js';

/** `text` redacted as text and as payload bytes in each encoding. */
function redactedEveryWay(text: string): string[] {
  return [replaceIdentifiers(text, token), ...redactedBytes(text)];
}

describe('a number machines write', () => {
  it.each([
    'SWI9X30C_02.32.11.00 r8042 CARMD-EV-FRMWR2 2019/05/15 02:08:52',
    'logged at 2026-11-24 08:30:00 UTC',
    'built 2026.11.24  08:30',
    'build 20231012153045',
    'counter 18446744073709551615',
    'offset 9223372036854775807',
  ])('is left as written: %s', (text) => {
    for (const redacted of redactedEveryWay(text)) expect(redacted).toBe(text);
  });
});

describe('a number that only looks like one', () => {
  it.each([
    // Called an identifier by its label.
    ['IMEI: 20231012153045', 'IMEI: IMEI-1'],
    ['phone 18446744073709551615', 'phone PHONE-1'],
    // A 32-bit limit: also a phone number.
    ['max sessions 4294967295', 'max sessions PHONE-1'],
    ['call 2147483647', 'call PHONE-1'],
    // A date after more digits than any identifier holds a prefix of, in any script.
    ['at 123456\u0667\u06682019-05-15 02:00', 'at PHONE-1:00'],
    // Not a date: month 13, the year 2150, grouped as phone numbers are.
    ['at 2026-13-24 08:30', 'at PHONE-1:30'],
    ['at 2150-11-24 08:30', 'at PHONE-1:30'],
    ['call 212-555-0123 4', 'call PHONE-1'],
    // Not a stamp: its minute is 61; one digit more.
    ['build 20231012156145', 'build IMEI-1'],
    ['limit 42949672950', 'limit PHONE-1'],
    // After a `+`: a number to call.
    ['+4294967295', 'PHONE-1'],
  ])('is hidden as before: %s', (text, expected) => {
    for (const redacted of redactedEveryWay(text)) expect(redacted).toBe(expected);
  });
});
