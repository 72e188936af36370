/**
 * An IMEI in BCD with no length byte before it (bcd-identifiers.ts reads the NAS layout, which has
 * one): a modem's NV item or a vendor's structure holding the 8 bytes after the length, the type
 * nibble `A` under the first digit (`3a 65 …`), or a TBCD string, 15 digits and `F`, as 3GPP's MAP
 * and GTP carry it (`53 96 …f9`).
 *
 * No length byte vouches for them, so the digits must, each test measured against payloads of
 * little-endian integers, random bytes and real modems' messages:
 * - the 15th digit is the Luhn check digit of the 14 before it, as an IMEI's always is (one run
 *   of digits in ten passes by chance), and the reporting body (the first two) is never 00;
 * - at most one byte is zero: small integers are made of zero bytes (the high bytes of every
 *   32-bit field under 65536: four in any 8 bytes of them, so those are never taken), while the
 *   digits of a number seldom hold two `00` pairs (one IMEI in 500);
 * - the bytes are not all text (but the type's or the filler's byte): ASCII letters a–i and
 *   p–y, their capitals, the space and the digits are each two decimal nibbles (`Hi there`
 *   reads as 16 digits), and text is for the text readings to judge.
 *
 * Whole only: with no length and no mark to start from, a start cut short is any run of digits.
 *
 * Measured (a throwaway script; 100,000 payloads of 64 bytes of each kind, and planted numbers
 * amid 32-bit fields): this and the packed ICCID (bcd-identifiers.ts) take nothing from 32-bit
 * fields under 65536, ASCII or UTF-8 text, the bench's and the emulator's MBIM messages (but a
 * test scenario's service ID, 99999999-9999-4999-8999-…, as an ICCID) or libmbim's and libqmi's
 * test messages of real modems; with the SIM layouts, 20 finds a million bytes of mixed 8-, 16-
 * and 32-bit fields of small values (10 with the layouts alone), 13 of random bytes (4). They
 * hide 96% of NAS IMEIs without their length byte, 97% of TBCD ones, 99.5% of packed ICCIDs (0
 * before; the rest have bytes all text, or two zero bytes). Applied to payloads, the previews'
 * loose reading (identifiers.ts) took 12,000 runs a million bytes of the mixed fields, 1,800 of
 * random bytes, 40,000 of text, and hid a third of the packed ICCIDs.
 *
 * An IMSI in BCD without EF_IMSI's length byte is not read: its marks would be the type nibble
 * (or the filler) and a country code, and no check digit. So read (at most one zero byte, not
 * text), it took 53 runs a million bytes of the mixed fields and 59 of random bytes, more than
 * twice all the readings above together, and was found in 6 of the 138 real modems' messages where the rest found
 * none: `istar 01 81 00` (an operator's name, then a field), ASCII digits then a QMI field's
 * header, a test pattern (`01 02 03 …`). Its MSIN is often mostly zeros (310260000000123), which
 * no test of zeros would let through either. In a read's preview the loose reading still finds
 * such an IMSI (identifiers.ts).
 */
import type { BcdIdentifier } from './bcd-identifiers.js';
import { luhnValid } from './luhn.js';

const IMEI_BYTES = 8;
const IMEI_DIGITS = 15;
/** The NAS type nibble of an IMEI: type 2, and bit 4 for an odd count of digits (15). */
const TYPE_IMEI = 0xa;
const FILLER = 0xf;

/** An IMEI in BCD with no length byte (either layout above) from `i`. */
export function bareImei(bytes: ArrayLike<number>, i: number): BcdIdentifier | undefined {
  const to = i + IMEI_BYTES;
  if (to > bytes.length) return undefined;
  const first = bytes[i] ?? 0;
  const typed = (first & 0x0f) === TYPE_IMEI;
  // Every byte of an export's payloads is asked: most are ruled out here, by a nibble or two.
  if (typed ? first > 0x9f : (bytes[to - 1] ?? 0) >> 4 !== FILLER) return undefined;
  // Typed: the first digit above the type nibble, then two a byte; TBCD: two a byte from the
  // first, the last byte's high nibble the filler.
  const from = typed ? i + 1 : i;
  const last = typed ? to : to - 1;
  let zeros = 0;
  for (let j = from; j < last; j++) {
    const byte = bytes[j] ?? 0;
    if ((byte & 0x0f) > 9 || byte >> 4 > 9) return undefined;
    if (byte === 0) zeros++;
  }
  if (!typed && ((bytes[last] ?? 0) & 0x0f) > 9) return undefined;
  if (zeros > 1) return undefined;
  let digits = typed ? String(first >> 4) : '';
  for (let j = from; j < to; j++) {
    const byte = bytes[j] ?? 0;
    digits += String(byte & 0x0f);
    if (digits.length < IMEI_DIGITS) digits += String(byte >> 4);
  }
  // The type nibble's or the filler's byte is left out of the test of text: after ASCII text, a
  // line's end (0A) is a type byte, and UTF-8's lead bytes F0 to F4 (an emoji, a tag character)
  // end a TBCD string.
  const text = typed ? allText(bytes, i + 1, to) : allText(bytes, i, to - 1);
  if (digits.startsWith('00') || !luhnValid(digits) || text) return undefined;
  return { kind: 'IMEI', digits, from: i, to };
}

/** Whether every byte of `bytes[from, to)` is printable ASCII, a tab or a line's end. */
export function allText(bytes: ArrayLike<number>, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const byte = bytes[j] ?? 0;
    if ((byte < 0x20 || byte > 0x7e) && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)
      return false;
  }
  return true;
}
