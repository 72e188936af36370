/**
 * Recognising personal identifiers in text: IMEI, IMSI, ICCID, phone numbers and other long
 * numbers. Tuned to err on the side of redacting: a support engineer loses a little detail when a
 * harmless long number is masked, a technician loses trust when a subscriber number leaks.
 *
 * What is deliberately left alone: GUIDs (interface and service IDs, which identify hardware
 * classes, not people), HRESULTs (`0x80070005`: 8 digits), dates, times (a date and its hour
 * are 10 digits: machineNumber), decimals, versions and IP addresses (dots), 64-bit integers'
 * limits, and numbers under 10 digits (byte counts, request IDs, milliseconds, and so national
 * phone numbers written without their area code). A `+` makes 7 digits enough.
 */

import { bcdIdentifiers, integerShaped } from './bcd-identifiers.js';
import { GAP, PLUS_GAP, ZERO_WIDTH } from './identifier-gaps.js';
import { labelBefore } from './identifier-labels.js';
import { luhnValid } from './luhn.js';
import { utf8Text } from './utf8.js';

export const IDENTIFIER_KINDS = [
  'IMEI',
  'IMSI',
  'ICCID',
  'PHONE',
  'MEID',
  'ESN',
  'DEVICE-ID',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * An export's stand-in for an identifier, as a regular expression's source: its kind and number
 * (`IMEI-12`), or past the numbered ones its keyed hash (`PHONE-h1a2b3c4d5e`). One pattern for
 * every place that reads tokens back (redact.ts, device-name.ts, answer-text.ts).
 */
export const TOKEN_PATTERN = `(?:${IDENTIFIER_KINDS.join('|')})-(?:h[0-9a-f]{10}|\\d+)`;

/**
 * One pass finds both GUIDs (group 1, kept as they are) and runs of digits written the ways
 * people and tools write identifiers: an international number (a `+`, group 2, then group 3,
 * where dots also separate: `+1.646.563.9500`), or any other run (group 4) whose digits may be
 * separated by spaces, brackets, hyphens or slashes (`35892152/758929/0`). An ICCID's trailing
 * `F` filler (group 5) goes with it. Digits are any script's (full-width `３５９…` too).
 *
 * A GUID is one only where it ends (and begins) at its last (first) hex digit: else the 12 digits
 * of an IMEI written after `xxxx-`, or after a GUID, were taken for its last group and kept.
 *
 * A run may touch letters (`IMEI_359…`, `imei359…`, `…829abc`): only digits on either side make
 * it part of a longer number. Dots do not separate without the `+`, so decimals, versions and IP
 * addresses stay readable. Characters of no width (a zero-width space, a soft hyphen) are part of
 * the run wherever they are, the `+` and the `F` included: identifier-gaps.ts says what may come
 * between two digits.
 */
const HEX = '[0-9a-fA-F]';
// Not case-insensitive: a mark of no width would then also be the letter it folds to (U+0345, ι).
const CANDIDATES = new RegExp(
  `(\\{?(?<!${HEX})${HEX}{8}(?:-${HEX}{4}){3}-${HEX}{12}(?!${HEX})\\}?)|(?<!\\p{Nd})(?:(\\+)${ZERO_WIDTH}*(\\p{Nd}(?:${PLUS_GAP}\\p{Nd})*)|(\\p{Nd}(?:${GAP}\\p{Nd})*))(${ZERO_WIDTH}*[fF](?![\\p{L}\\p{Nd}]))?(?!\\p{Nd})`,
  'gu',
);

/** A character of a run that is neither a digit nor of no width: a separator. */
const SEPARATED = new RegExp(`(?!${ZERO_WIDTH})\\P{Nd}`, 'u');

const NON_ASCII_DIGIT = /[^0-9]/u;
const ANY_DIGIT = /^\p{Nd}$/u;

/**
 * A decimal digit of any script as ASCII. Unicode lays each script's digits out as ten
 * consecutive code points from zero, so a digit's value is its distance from the first digit
 * of its block (full-width digits normalize directly).
 */
function asciiDigit(char: string): string {
  const folded = char.normalize('NFKC');
  if (folded.length === 1 && folded >= '0' && folded <= '9') return folded;
  let cp = char.codePointAt(0) ?? 48;
  let value = 0;
  while (ANY_DIGIT.test(String.fromCodePoint(cp - 1)) && value < 50) {
    cp -= 1;
    value += 1;
  }
  return String(value % 10);
}

const HAS_DIGIT = /\p{Nd}/u;

/**
 * Whether the 256 code points from `row * 256` hold a decimal digit of any script. Most rows hold
 * none: a byte scan reading UTF-16 rules out most code units by their high byte with this, the
 * answers kept (redact-bytes.ts), before any digitCode.
 */
export function rowHasDigit(row: number): boolean {
  let chars = '';
  for (let code = row * 0x100; code < (row + 1) * 0x100; code++) chars += String.fromCharCode(code);
  return HAS_DIGIT.test(chars);
}

/** Each BMP character as a digit once looked up: 0 not yet, -1 none, else its ASCII code - 0x2f. */
const BMP_DIGITS = new Int8Array(0x10000);

/**
 * `code` (a code point) as the code of its ASCII digit when it is a decimal digit of any script,
 * as a run of text reads it (asciiDigit); -1 when it is none. For bytes read in place
 * (redact-bytes.ts), so that text and bytes read the same digits. A binary payload holds many
 * characters of the BMP: each is looked up once, its answer kept.
 */
export function digitCode(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code;
  const known = code < 0x10000 ? (BMP_DIGITS[code] ?? 0) : 0;
  if (known !== 0) return known < 0 ? -1 : known + 0x2f;
  const char = String.fromCodePoint(code);
  const ascii = ANY_DIGIT.test(char) ? asciiDigit(char).charCodeAt(0) : -1;
  if (code < 0x10000) BMP_DIGITS[code] = ascii < 0 ? -1 : ascii - 0x2f;
  return ascii;
}

/** The digits of a run, as ASCII, whatever script they were written in. */
function digitsOf(run: string): string {
  const stripped = run.replace(/[^\p{Nd}]/gu, '');
  if (!NON_ASCII_DIGIT.test(stripped)) return stripped;
  let out = '';
  for (const char of stripped) out += asciiDigit(char);
  return out;
}

/**
 * What a run of digits is, or undefined when it is not worth hiding. `label` reads the kind that
 * the text just before the run names (identifier-labels.ts). It is asked only about a run that is
 * hidden anyway, and its answer wins over the digits' own: `IMEI: 490154203237519` is an IMEI
 * even though its check digit fails.
 */
export function classifyDigits(
  digits: string,
  plus: boolean,
  separated: boolean,
  label?: () => IdentifierKind | undefined,
  written?: () => string,
): IdentifierKind | undefined {
  const kind = kindOfDigits(digits, plus, separated);
  if (kind === undefined) return undefined;
  // A machine's number is hidden only where the text calls it an identifier.
  if (!plus && machineNumber(digits, separated ? written?.() : digits)) return label?.();
  return label?.() ?? kind;
}

/**
 * A date and hour as ISO 8601 orders them, 1990 to 2099 (`2019/05/15 02`: the digits up to the
 * `:`, which ends a run). Sierra's firmware revisions end in their build's date and time, and
 * `FRMWR2 2019/05/15 02:08:52` became `FRMWR PHONE-1:08:52` in every export of every device-info
 * line: the run took the `2` before it too. Up to 6 digits before the date may be part of the run:
 * fewer than any identifier has, they hide none.
 */
const DATE_HOUR =
  /^(?:\d{1,6}[^\p{Nd}]{1,2})?(?:19[89]\d|20\d\d)([-/.])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?: {1,2}(?:[01]\d|2[0-3]))?$/u;
/** The same written as one stamp to the second (`20190515020852`), as build stamps are. */
const STAMP =
  /^(?:19[89]\d|20\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d[0-5]\d$/;
/**
 * The limits of 64-bit integers and one past them, signed and not: what a field no one set holds.
 * Longer than any phone number (15 digits at most) and not an ICCID's `89`. The 10-digit limits of
 * 32-bit integers stay hidden: `2147483647` is a Dallas number, (214) 748-3647, and a 10-digit
 * number may be a phone number anywhere.
 */
const LIMITS = new Set([
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
]);

/**
 * Whether a run of digits is a number machines write and no subscriber or device has: a date and
 * hour, a build stamp, a 64-bit integer's limit. `written`: the run as written, separators
 * included; unknown (a separated run whose text the caller does not have), it is no such number.
 */
function machineNumber(digits: string, written: string | undefined): boolean {
  if (written === undefined) return false;
  if (written !== digits) return DATE_HOUR.test(written);
  return LIMITS.has(digits) || STAMP.test(digits);
}

/** What a run of digits is by its digits alone (classifyDigits). */
function kindOfDigits(
  digits: string,
  plus: boolean,
  separated: boolean,
): IdentifierKind | undefined {
  const n = digits.length;
  // A `+` starts a phone number. Longer than one can be, it is several written end to end, as
  // MBIM lays a subscriber's numbers one after the other: still phone numbers to the reader.
  if (plus) return n >= 7 ? 'PHONE' : undefined;
  if (n < 10) return undefined;
  // Before the separated case: an ICCID is printed in groups on a SIM's card (`8935 9011 …`).
  if ((n === 19 || n === 20) && digits.startsWith('89')) return 'ICCID';
  if (separated) return n === 15 && luhnValid(digits) ? 'IMEI' : 'PHONE';
  if (n === 15) return luhnValid(digits) ? 'IMEI' : 'IMSI';
  if (n === 14 || n === 16) return 'IMEI';
  if (n <= 13) return 'PHONE';
  return 'DEVICE-ID';
}

/** Classifies a device ID field's value (IMEI for GSM, ESN or MEID for CDMA). */
export function classifyDeviceId(value: string): IdentifierKind {
  const v = value.trim();
  if (/^\d{15}$/.test(v)) return 'IMEI';
  if (/^[0-9a-f]{14}$/i.test(v)) return 'MEID';
  if (/^[0-9a-f]{8}$/i.test(v)) return 'ESN';
  return 'DEVICE-ID';
}

/**
 * Replaces every identifier in `text` with `token(kind, digits)`: `kind` is what a label just
 * before the number names it (`IMEI: …`), else what its digits say. Returns the same string
 * object when nothing was found, so callers can tell cheaply.
 */
export function replaceIdentifiers(
  text: string,
  token: (kind: IdentifierKind, value: string) => string,
): string {
  return text.replace(
    CANDIDATES,
    (
      match: string,
      guid: string | undefined,
      plus: string | undefined,
      plusRun: string | undefined,
      run: string | undefined,
      filler: string | undefined,
      at: number,
    ) => {
      const written = plusRun ?? run;
      if (guid !== undefined || written === undefined) return match;
      const digits = digitsOf(written);
      const separated = SEPARATED.test(written);
      const kind = classifyDigits(
        digits,
        plus === '+',
        separated,
        () => labelBefore(text, at),
        () => written,
      );
      if (kind === undefined) return match;
      const replaced = token(kind, `${plus ?? ''}${digits}`);
      // The F pads an ICCID to 20 digits; after anything else it is a letter of the text, kept
      // with any character of no width before it.
      return kind === 'ICCID' || filler === undefined ? replaced : `${replaced}${filler}`;
    },
  );
}

/**
 * Seven digits, with what a run may hold between each two (after a `+`, dots too): less is no
 * identifier in any text.
 */
const SEVEN_DIGITS = new RegExp(`\\p{Nd}(?:${PLUS_GAP}\\p{Nd}){6}`, 'u');

/** The first identifier in `text`, as replaceIdentifiers finds them. */
function firstIdentifier(text: string): { kind: IdentifierKind; digits: string } | undefined {
  let found: { kind: IdentifierKind; digits: string } | undefined;
  replaceIdentifiers(text, (kind, digits) => {
    found ??= { kind, digits };
    return '';
  });
  return found;
}

/** Seven digits or more, apart as people write them (as CANDIDATES' group 4 takes a run). */
const UTF16_FRAGMENT = new RegExp(`\\p{Nd}(?:${GAP}\\p{Nd}){6,}`, 'u');

/**
 * An identifier in a preview read as UTF-16: found as in any text (digits apart included,
 * `+44 20 7946 0958`), or 7 digits or more, however written, taken for a fragment of one: 16
 * bytes hold only 8 characters, so the preview's end cuts most identifiers short.
 */
function utf16Identifier(text: string): { kind: IdentifierKind; digits: string } | undefined {
  if (!SEVEN_DIGITS.test(text)) return undefined;
  const found = firstIdentifier(text);
  if (found) return found;
  const run = UTF16_FRAGMENT.exec(text)?.[0];
  if (run === undefined) return undefined;
  const digits = digitsOf(run);
  return { kind: classifyDigits(digits, false, false) ?? 'DEVICE-ID', digits };
}

/**
 * Seven digits or more, apart as people write them, that end a preview as text (but for what may
 * stand between two digits): the start of an identifier its end cut short. Earlier versions cut
 * a preview anywhere (now the cut comes before such a run: recorded-cut.ts), and written apart
 * (`35-892152-7`) such a start escapes the BCD reading that finds unbroken ASCII digits.
 */
const TEXT_TAIL_FRAGMENT = new RegExp(`\\p{Nd}(?:${GAP}\\p{Nd}){6,}(?:${GAP})$`, 'u');

/** An identifier in a preview; `at`: its bytes `[from, to)`, where the reading knows them exactly. */
export interface PreviewIdentifier {
  kind: IdentifierKind;
  digits: string;
  at?: readonly [from: number, to: number];
}

/**
 * Whether the first bytes of a payload (hex) carry an identifier, read three ways: as ASCII text
 * (AT command answers), as UTF-16LE (MBIM strings, such as the device ID in MBIM_DEVICE_CAPS) and
 * as BCD where it is laid out as SIM files and 3GPP messages lay numbers out (bcd-identifiers.ts:
 * EF_IMSI, EF_ICCID, dialling numbers; not any run of digits, which little-endian integers are
 * full of). The preview is short (16 bytes), so UTF-16 can hold only 8 characters: 7 digits or
 * more, apart or not, are already treated as a fragment of one (utf16Identifier).
 */
export function previewIdentifier(hex: string): PreviewIdentifier | undefined {
  // Not hex as the engine writes it: treat it as text.
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return firstIdentifier(hex);
  const bytes = hexBytes(hex);
  // As text: digits apart as people write them (`+44 20 7946 0958` fills 15 of the 16 bytes)
  // are found as in any field; only text with seven digits so written is looked at closer.
  // Bytes outside ASCII are also read as UTF-8, where a zero-width space is three of them.
  const texts = bytes.some((byte) => byte >= 0x80)
    ? [latin1(bytes), utf8Text(bytes)]
    : [latin1(bytes)];
  for (const text of texts)
    if (SEVEN_DIGITS.test(text)) {
      const found = firstIdentifier(text);
      if (found) return found;
    }
  for (const start of [0, 1]) {
    const utf16 = utf16le(bytes, start);
    const found = utf16Identifier(utf16);
    if (found) return found;
  }
  const [bcd, ...others] = bcdIdentifiers(bytes);
  if (bcd) {
    // Its bytes are known exactly unless another reading overlaps them and runs past: which of
    // the two is the number is then unsure, and neither's bytes alone may be all of it.
    const apart = others.every((o) => o.from >= bcd.to || (o.from >= bcd.from && o.to <= bcd.to));
    return { kind: bcd.kind, digits: bcd.digits, ...(apart ? { at: [bcd.from, bcd.to] } : {}) };
  }
  const loose = looseBcdRun(bytes);
  if (loose) return { kind: loose.startsWith('89') ? 'ICCID' : 'IMSI', digits: loose };
  for (const text of texts) {
    const tail = TEXT_TAIL_FRAGMENT.exec(text)?.[0];
    if (tail !== undefined) return { kind: 'DEVICE-ID', digits: digitsOf(tail) };
  }
  return undefined;
}

/**
 * Decimal digits in a row, read nibble by nibble, that one number's digits may be: an IMSI's 15
 * to an ICCID's 20 (and a fragment of one down to 14). A longer run is no one number: it is how a
 * header of small fields reads (a QMI header: 23 digits).
 */
const LOOSE_DIGITS = 14;
const LOOSE_MOST_DIGITS = 20;

/**
 * 14 digits or more in a row in a preview's nibbles, read high nibble first (an ICCID written as
 * packed hex, `8901260912345678901f`) or low first (BCD without the layout bcd-identifiers.ts
 * knows: an IMSI without its length byte). No layout confirms them, so they are hidden whole, as
 * before that rule; only where the bytes under them hold zeros as small little-endian integers
 * do (bcd-identifiers.ts integerShaped), or where the run is longer than any one number, are
 * they taken for integers, which every MBIM payload is full of.
 *
 * Previews only: 16 bytes hold one such run or two, and one hidden without need costs a preview.
 * In a payload's bytes (redact-bytes.ts) the same reading took a run in every 25 to 550 bytes
 * of text, mixed-width integers or random bytes (measured: bcd-bare.ts), each to be overwritten;
 * there bcd-identifiers.ts reads a packed ICCID and an IMEI with no length byte by their marks.
 */
function looseBcdRun(bytes: readonly number[]): string | undefined {
  for (const lowFirst of [false, true]) {
    let run = '';
    let start = 0;
    const check = (end: number): string | undefined => {
      if (run.length < LOOSE_DIGITS || run.length > LOOSE_MOST_DIGITS) return undefined;
      // A whole ICCID whose check digit holds is one, however many zeros a lab SIM's holds. One
      // whose check digit fails is not where zeros fall as integers', even after `89` and a real
      // country code (89860000000000000010): E.164 leaves few codes spare, so that mark passes
      // three `89`s in four, and those very bytes are u32 fields under 65536 (26776, 0, 256).
      // Taken when whole, 19 or 20 digits from a byte, it tripled the previews of such fields
      // taken for an ICCID (2.8 to 9.2 per million).
      const iccid = run.length >= 19 && run.startsWith('89') && luhnValid(run);
      if (!iccid && integerShaped(bytes, Math.floor(start / 2), Math.ceil(end / 2)))
        return undefined;
      return run;
    };
    for (let n = 0; n < bytes.length * 2; n++) {
      const byte = bytes[n >> 1] ?? 0;
      const nibble = (n & 1) === (lowFirst ? 0 : 1) ? byte & 0x0f : byte >> 4;
      if (nibble <= 9) {
        if (run === '') start = n;
        run += String(nibble);
        continue;
      }
      const found = check(n);
      if (found) return found;
      run = '';
    }
    const found = check(bytes.length * 2);
    if (found) return found;
  }
  return undefined;
}

/** A preview's bytes (`hex` is whole bytes of hex digits: previewIdentifier checked). */
function hexBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

/** `bytes` as Latin-1 text (a hostile saved log's preview may be long: no spread of them all). */
function latin1(bytes: readonly number[]): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** `bytes` from `start` read as UTF-16LE, an odd last byte left out. */
function utf16le(bytes: readonly number[], start: number): string {
  let text = '';
  for (let i = start; i + 1 < bytes.length; i += 2)
    text += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  return text;
}

/**
 * How a device ID (IMEI, ESN/MEID) or any identifier is shown until the technician asks to see it
 * whole: its first four and last two characters, enough to match the label on the modem. The app
 * and the command line show it the same way.
 */
export function maskDeviceId(id: string): string {
  if (id.length <= 6) return '•'.repeat(id.length);
  return `${id.slice(0, 4)}${'•'.repeat(id.length - 6)}${id.slice(-2)}`;
}

/** Every identifier inside `text` shown as maskDeviceId shows a device ID: the rest as it is. */
export function maskIdentifiers(text: string): string {
  return replaceIdentifiers(text, (_kind, value) => maskDeviceId(value));
}
