/**
 * Identifiers in binary as SIM files and 3GPP messages lay them out in BCD: two digits a byte,
 * the first in the low nibble, `F` as filler (TS 24.008 10.5.1.4, TS 31.102 4.2.2 and 4.2.26,
 * ITU-T E.118; ModemManager and wpa_supplicant decode EF_ICCID and EF_IMSI the same way). Bytes
 * read so are taken for one only where that layout stands around the digits:
 *
 * - a mobile identity, as EF_IMSI holds the IMSI (and a NAS message or a modem's NV item an IMEI):
 *   the length byte 08 (09 for an IMEISV), then the type in the low nibble (1 IMSI, `A` IMEI,
 *   3 IMEISV; its bit 4 says whether the digits are odd in number, which they must then be) and
 *   the first digit in the high one, then the digits, `F` only as filler to the end. An IMSI's
 *   country code must be one (2xx to 7xx, 901, 902, 999, or 001 for test networks) and its digits
 *   after the first five not all zeros; an IMEI's reporting body is never 00;
 * - an ICCID, as EF_ICCID holds it: `89` (byte 0x98) and a country code (`890` only as `8901`,
 *   how North America's `1` is written there), 18 to 20 digits in 10 bytes, `F` only as filler;
 * - a dialling number, as EF_MSISDN and EF_ADN (and an SMS's addresses) hold it: a length byte,
 *   a type-of-number byte of a telephone number (0x81, 0x91, 0xA1, 0xC1), then the digits, `F`
 *   as filler. The length counts the digits or the bytes: one of the two must agree.
 *
 * Two numbers are also read with no layout around them, as a vendor's structure may hold them:
 * an ICCID's digits as packed hex (`89 01 41 …`, the nibbles not swapped: the rule above, read
 * high nibble first, but never where its bytes are text), and an IMEI in BCD without the NAS
 * layout's length byte, whose check digit must hold (bcd-bare.ts). An IMSI is not: with no length
 * byte, nothing but its country code tells its digits from any others (see bcd-bare.ts).
 *
 * Why not any run of digits, as before: a payload of little-endian integers (MBIM, QMI, a
 * vendor's diagnostics) is mostly zero bytes, and a zero byte reads as `00`. `2a000000 05000000`
 * read as BCD is `20000005000000`, fourteen digits: every such preview was taken for an IMSI, and
 * an export lost every preview of the stream and counted IMSIs the log did not hold. The layouts
 * above are how a modem hands these numbers over in binary (MBIM and QMI carry them as text,
 * which the text readings find): a SIM file read whole, a NAS or an SMS message. Bytes that
 * merely happen to be decimal digits have no length byte agreeing with them, no type nibble and
 * no country code where one must be.
 *
 * Integers can still fall into one of these layouts by chance (a length of 408 is `98 01 00 00`).
 * What then remains is their shape: small values leave their high bytes zero (integerShaped). An
 * ICCID, an IMEI or a dialling number whose digits show that shape is not taken: real numbers
 * seldom hold `00` bytes at all. A whole ICCID whose check digit holds is, unless its zeros fall
 * as integers side by side do. The
 * IMSI is spared the test: its length byte, type nibble and country code already rule integers of
 * small values out (`08 39 00 00` reads as country 300, which none is), and an MSIN is often
 * mostly zeros (310260000000123, 460010000003200), which any test of zeros would lose.
 *
 * A number the preview's end cuts short counts once seven of its digits show (as text's fragments
 * do) where a length byte and a type announce it (an IMSI, a dialling number); an ICCID, whose
 * only mark is its `89`, once fourteen do; an IMEI, with no country code to check, only whole.
 *
 * Where the choice was between missing a real number and taking a rare run of integers for one,
 * the rules take the integers (an IMSI's zeros are never held against it, a lab ICCID's check
 * digit forgives its zeros): a preview lost to a coincidence costs less than a subscriber's
 * number in a ticket. Against payloads of 32-bit fields under 65536 (MBIM's and QMI's lengths,
 * counts, IDs and status words) no preview is taken, however they fall (bcd-previews.test.ts).
 */
import { allText, bareImei } from './bcd-bare.js';
import type { IdentifierKind } from './identifiers.js';
import { luhnValid } from './luhn.js';

/** An identifier found in bytes: its kind, its digits, and its bytes `[from, to)`. */
export interface BcdIdentifier {
  kind: IdentifierKind;
  digits: string;
  from: number;
  to: number;
}

/**
 * Every identifier laid out in BCD in `bytes`, as described above: those a layout confirms, in
 * order, overlaps too; then those none does (an ICCID as packed hex, an IMEI with no length byte:
 * bcd-bare.ts), in order, but for any within a confirmed one's bytes, its length and type
 * included: that is its number read another way (a TBCD reading of `07 91 81 46 …`, one in ten
 * with a check digit that holds), and a token written from it would overwrite the length. One
 * that only overlaps a confirmed one stays: a packed ICCID's `… 13 81 …` also reads as a dialling
 * number's length and type, and were the ICCID dropped, its first digits would go out in clear.
 */
export function bcdIdentifiers(bytes: ArrayLike<number>): BcdIdentifier[] {
  const found: BcdIdentifier[] = [];
  /** Where each confirmed number's layout starts (its length byte, or its `98`), in order. */
  const starts: number[] = [];
  const add = (one: BcdIdentifier | undefined, start: number): void => {
    if (!one) return;
    found.push(one);
    starts.push(start);
  };
  // Most bytes start none of the three: each is asked only where its first byte could be. Every
  // payload byte of an export passes here (redact-bytes.ts): a type-of-number byte is told by
  // its bits (1xxx0001) before the set is asked.
  for (let i = 0; i + 1 < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x08 || byte === 0x09) add(mobileIdentity(bytes, i), i);
    if (byte === 0x98) add(iccid(bytes, i, false), i);
    const next = bytes[i + 1] ?? 0;
    if ((next & 0x8f) === 0x81 && NUMBER_TYPES.has(next)) add(diallingNumber(bytes, i), i);
  }
  const confirmed = found.length;
  let near = 0;
  const withinConfirmed = (bare: BcdIdentifier): boolean => {
    // A layout is at most LONGEST_LAYOUT bytes long: those starting further back end before.
    while (near < confirmed && (starts[near] ?? 0) + LONGEST_LAYOUT <= bare.from) near++;
    for (let k = near; k < confirmed && (starts[k] ?? 0) <= bare.from; k++)
      if ((found[k]?.to ?? 0) >= bare.to) return true;
    return false;
  };
  const addBare = (bare: BcdIdentifier | undefined): void => {
    if (bare && !withinConfirmed(bare)) found.push(bare);
  };
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x89) addBare(iccid(bytes, i, true));
    addBare(bareImei(bytes, i));
  }
  return found;
}

/** Digits of a fragment (a number the preview's end cut) that make it worth hiding. */
const FRAGMENT_DIGITS = 7;
/** An ICCID's: `89`, a country code and an issuer take the first seven or so. */
const ICCID_FRAGMENT_DIGITS = 14;
const FILLER = 0xf;
/** EF_ICCID's size: 20 digits, or 19 and filler. */
const ICCID_BYTES = 10;

/**
 * The nibbles of `bytes[from, to)`, low one first: the order BCD writes digits in; high one first
 * where `packed` (digits written as hex, `89 01 41 …`).
 */
function nibbles(bytes: ArrayLike<number>, from: number, to: number, packed = false): number[] {
  const out: number[] = [];
  for (let j = from; j < to; j++) {
    const byte = bytes[j] ?? 0;
    if (packed) out.push(byte >> 4, byte & 0x0f);
    else out.push(byte & 0x0f, byte >> 4);
  }
  return out;
}

/**
 * Digits read from `cells` until filler, which must then last to their end: the digits, or
 * undefined when a nibble that is neither (A to E) comes first or filler does not last.
 */
function digitsToFiller(cells: readonly number[]): string | undefined {
  let digits = '';
  let filled = false;
  for (const cell of cells) {
    if (filled) {
      if (cell !== FILLER) return undefined;
    } else if (cell <= 9) digits += String(cell);
    else if (cell === FILLER) filled = true;
    else return undefined;
  }
  return digits;
}

/** How many of `bytes[from, to)` are zero (`00` pairs, in BCD). */
function zeroBytes(bytes: ArrayLike<number>, from: number, to: number): number {
  let zeros = 0;
  for (let j = from; j < to; j++) if (bytes[j] === 0) zeros++;
  return zeros;
}

/**
 * Whether `bytes[from, to)` hold zero bytes where consecutive little-endian integers of small
 * values have them: three each two bytes on (16-bit fields' high bytes), or a pair and another
 * four bytes on (32-bit fields' high halves).
 */
function integersSideBySide(bytes: ArrayLike<number>, from: number, to: number): boolean {
  const zero = (j: number): boolean => j < to && bytes[j] === 0;
  for (let j = from; j < to; j++)
    if (zero(j) && ((zero(j + 2) && zero(j + 4)) || (zero(j + 1) && zero(j + 4) && zero(j + 5))))
      return true;
  return false;
}

/**
 * Whether `bytes[from, to)` hold zero bytes as little-endian integers of small values do: as
 * integersSideBySide says, three in a row (a 32-bit field's high bytes), or half of them or more.
 */
export function integerShaped(bytes: ArrayLike<number>, from: number, to: number): boolean {
  for (let j = from; j + 2 < to; j++)
    if (bytes[j] === 0 && bytes[j + 1] === 0 && bytes[j + 2] === 0) return true;
  const zeros = zeroBytes(bytes, from, to);
  return (zeros >= 2 && zeros * 2 >= to - from) || integersSideBySide(bytes, from, to);
}

/**
 * Mobile country codes (E.212): 2xx to 7xx by region, none of them x00 but 400 (Azerbaijan,
 * whose networks are 01 to 06: a network 00 after it is zeros, as integers leave them); 001 for
 * test networks; 901 and 902 for networks of no country, 999 for private ones.
 */
const IMSI_COUNTRY = /^(?:[2-7](?!00)|400(?!00)|001|90[12]|999)/;

/** A mobile identity (EF_IMSI's layout) whose length byte is at `i`. */
function mobileIdentity(bytes: ArrayLike<number>, i: number): BcdIdentifier | undefined {
  const length = bytes[i] ?? 0;
  const first = bytes[i + 1] ?? 0;
  const type = first & 0x07;
  const odd = (first & 0x08) !== 0;
  // EF_IMSI's length is 8 (15 digits, or fewer and filler); an IMEI is always 15 digits (odd)
  // in 8 bytes, an IMEISV 16 (even) in 9.
  const imsi = type === 1 && length === 8;
  if (!(imsi || (type === 2 && odd && length === 8) || (type === 3 && !odd && length === 9)))
    return undefined;
  const end = i + 1 + length;
  const to = Math.min(end, bytes.length);
  const digits = digitsToFiller([first >> 4, ...nibbles(bytes, i + 2, to)]);
  if (digits === undefined || digits.length < FRAGMENT_DIGITS) return undefined;
  if (end <= bytes.length && (digits.length % 2 === 1) !== odd) return undefined;
  if (imsi) {
    if (!IMSI_COUNTRY.test(digits) || !/[1-9]/.test(digits.slice(5))) return undefined;
    return { kind: 'IMSI', digits, from: i + 1, to };
  }
  // An IMEI has no country code to tell it by: only a whole one counts, its reporting body (35,
  // 86, 01, …) never 00, as a 32-bit length of 2568 (`08 0a 00 00`) would give.
  if (end > bytes.length || digits.startsWith('00') || integerShaped(bytes, i + 1, to))
    return undefined;
  return { kind: 'IMEI', digits, from: i + 1, to };
}

/** An ICCID (EF_ICCID's layout, or its digits as packed hex where `packed`) from `i`. */
function iccid(bytes: ArrayLike<number>, i: number, packed: boolean): BcdIdentifier | undefined {
  const to = Math.min(i + ICCID_BYTES, bytes.length);
  const cells = nibbles(bytes, i, to, packed);
  if (cells[0] !== 8 || cells[1] !== 9) return undefined;
  // `890` is a country code only as `8901` (North America's `1`, written `01` there).
  if ((cells[2] ?? 0) === 0 && cells[3] !== 1) return undefined;
  // Packed, `89` is no mark of binary: text in UTF-8 holds it (`É` is C3 89, a thin space E2 80
  // 89) and ASCII letters after it read as digits (bcd-bare.ts). 1 ICCID in 100 is all text so.
  if (packed && allText(bytes, i + 1, to)) return undefined;
  let count = 0;
  while (count < cells.length && (cells[count] ?? FILLER) <= 9) count++;
  if (count === cells.length && to < i + ICCID_BYTES) {
    // Cut by the preview's end while still digits.
    if (count < ICCID_FRAGMENT_DIGITS) return undefined;
  } else {
    // Whole: 18 to 20 digits, then filler to the field's end.
    if (count < 18 || cells.slice(count).some((cell) => cell !== FILLER)) return undefined;
  }
  const digits = cells.slice(0, count).join('');
  // Zero bytes (`00` pairs) are an integer's sooner than an issuer's digits. A whole ICCID may
  // hold one, and one the preview cuts two, unless they fall as integers' do; a whole one whose
  // check digit holds (E.118's Luhn) any, but for integers side by side (one in ten passes the
  // check by chance): a lab SIM's `8988211000000…` holds three in a row.
  const zeros = zeroBytes(bytes, i, to);
  const whole = to === i + ICCID_BYTES;
  const integers = whole ? zeros >= 2 : zeros >= 3 || integerShaped(bytes, i, to);
  const checked = whole && count >= 19 && luhnValid(digits);
  if (integers && !(checked && !integersSideBySide(bytes, i, to))) return undefined;
  return { kind: 'ICCID', digits, from: i, to };
}

/**
 * Type-of-number bytes of a telephone number: the E.164 plan (bits 4–1: 1) and a type a person's
 * number has (bits 7–5: unknown 0x81, international 0x91, national 0xA1, subscriber 0xC1).
 * Alphanumeric addresses (0xD0) are no digits; the other plans (data, telex, private) are no
 * one's phone, and each more byte let in is one more way for integers to pass.
 */
const NUMBER_TYPES = new Set([0x81, 0x91, 0xa1, 0xc1]);
/** A dialling number's digits at most: 20 semi-octets in SMS, 10 bytes on a SIM. */
const MAX_NUMBER_DIGITS = 20;

/**
 * A dialling number (EF_ADN's, EF_MSISDN's or an SMS address's layout) whose length is at `i`.
 * The length counts digits (an SMS's originating or destination address) or bytes with the
 * type byte (SIM files, an SMS's service centre): each reading says how many digits follow, and
 * one must fit, its last byte padded with `F` when they are odd in number.
 */
function diallingNumber(bytes: ArrayLike<number>, i: number): BcdIdentifier | undefined {
  const length = bytes[i] ?? 0;
  const tonNpi = bytes[i + 1] ?? 0;
  if (length < 2 || length > MAX_NUMBER_DIGITS || !NUMBER_TYPES.has(tonNpi)) return undefined;
  const international = tonNpi === 0x91;
  const from = i + 2;
  const counts = new Set([length]);
  if (length <= MAX_NUMBER_DIGITS / 2 + 1) counts.add((length - 1) * 2).add((length - 1) * 2 - 1);
  // The widest reading first: a SIM record whose length byte counts bytes (8: 13 or 14 digits)
  // also reads as 8 digits by the count of digits, and taken so, hid only the first 8 and left
  // the rest of the number beside the token. Wider is the safe side when both fit.
  for (const count of [...counts].sort((a, b) => b - a)) {
    const end = from + Math.ceil(count / 2);
    const to = Math.min(end, bytes.length);
    const cells = nibbles(bytes, from, to);
    const cut = end > bytes.length;
    const shown = cut ? cells.length : count;
    if (cells.slice(0, shown).some((cell) => cell > 9)) continue;
    if (!cut && count % 2 === 1 && cells[count] !== FILLER) continue;
    // An international number is written with its `+` (seven digits suffice then, as in text).
    const least = cut || international ? FRAGMENT_DIGITS : 10;
    // Zeros as integers hold them rule a number out; one the preview cuts, with no filler or
    // length to confirm it, already at two zero bytes.
    if (shown < least || integerShaped(bytes, from, to)) continue;
    if (cut && zeroBytes(bytes, from, to) >= 2) continue;
    const digits = cells.slice(0, shown).join('');
    return { kind: 'PHONE', digits: international ? `+${digits}` : digits, from, to };
  }
  return undefined;
}

/**
 * The longest a layout runs from its first byte: a dialling number's length and type bytes and
 * its 20 digits.
 */
const LONGEST_LAYOUT = 2 + MAX_NUMBER_DIGITS / 2;

/** Where a number laid out in BCD begins, of which only the start is there, and its kind. */
export interface BcdStart {
  kind: IdentifierKind;
  from: number;
}

/**
 * The number laid out in BCD that runs past the end of `bytes` (a payload the journal kept only
 * the start of: recorded-cut.ts), the one beginning first where several readings do; undefined
 * where none does. Its layout's marks must stand before the end as the rules above have them (a
 * length byte and a type agreeing, `89` and a country code, a mobile country code as far as its
 * digits show) and what of it the bytes hold be digits. No fewest digits and no test of zeros:
 * those weigh a number's digits, of which the end may leave one; a fragment under them is no
 * number to count, yet it is the start of someone's. What this costs is the last few bytes of a
 * cut payload, where integers happen to fall into a layout's start.
 */
export function bcdCutStart(bytes: ArrayLike<number>): BcdStart | undefined {
  let first: BcdStart | undefined;
  const consider = (kind: IdentifierKind, from: number): void => {
    if (from < bytes.length && (first === undefined || from < first.from)) first = { kind, from };
  };
  for (let i = Math.max(0, bytes.length - LONGEST_LAYOUT); i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x98 && iccidStart(bytes, i)) consider('ICCID', i);
    // The other two hold no digit in their first byte.
    if (i + 1 === bytes.length) break;
    if (byte === 0x08 || byte === 0x09) {
      const kind = identityStart(bytes, i);
      if (kind) consider(kind, i + 1);
    }
    if (NUMBER_TYPES.has(bytes[i + 1] ?? 0) && numberStart(bytes, i)) consider('PHONE', i + 2);
  }
  return first;
}

/** A mobile identity (EF_IMSI's layout) from the length byte at `i`, cut: its kind. */
function identityStart(bytes: ArrayLike<number>, i: number): IdentifierKind | undefined {
  const length = bytes[i] ?? 0;
  if (i + 1 + length <= bytes.length) return undefined;
  const first = bytes[i + 1] ?? 0;
  const type = first & 0x07;
  const odd = (first & 0x08) !== 0;
  const kind =
    type === 1 && length === 8
      ? 'IMSI'
      : (type === 2 && odd && length === 8) || (type === 3 && !odd && length === 9)
        ? 'IMEI'
        : undefined;
  const digits = digitsToFiller([first >> 4, ...nibbles(bytes, i + 2, bytes.length)]);
  if (kind === undefined || digits === undefined || digits === '') return undefined;
  if (kind === 'IMSI' && !mayBeCountry(digits)) return undefined;
  return kind === 'IMEI' && digits.startsWith('00') ? undefined : kind;
}

/** Whether an IMSI that starts with `digits` may have a mobile country code (IMSI_COUNTRY). */
function mayBeCountry(digits: string): boolean {
  if (digits.length >= 3) return IMSI_COUNTRY.test(digits);
  for (let rest = 0; rest < 100; rest++)
    if (IMSI_COUNTRY.test(`${digits}${String(rest).padStart(2, '0')}`.slice(0, 3))) return true;
  return false;
}

/** An ICCID (EF_ICCID's layout) from `i`, cut: `89`, a country code as far as it shows, digits. */
function iccidStart(bytes: ArrayLike<number>, i: number): boolean {
  if (i + ICCID_BYTES <= bytes.length) return false;
  const next = bytes[i + 1];
  if (next !== undefined && (next & 0x0f) === 0 && next >> 4 !== 1) return false;
  return digitsToFiller(nibbles(bytes, i, bytes.length)) !== undefined;
}

/** A dialling number whose length is at `i`, cut: one reading of its length runs past the end. */
function numberStart(bytes: ArrayLike<number>, i: number): boolean {
  const length = bytes[i] ?? 0;
  if (length < 2 || length > MAX_NUMBER_DIGITS) return false;
  const from = i + 2;
  if (nibbles(bytes, from, bytes.length).some((cell) => cell > 9)) return false;
  const most = length <= MAX_NUMBER_DIGITS / 2 + 1 ? Math.max(length, (length - 1) * 2) : length;
  return from + Math.ceil(most / 2) > bytes.length;
}
