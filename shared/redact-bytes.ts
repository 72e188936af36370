/**
 * Redaction inside binary messages (MBIM bytes in the journal and in pcapng captures). An
 * identifier is overwritten in place by its token, padded with `*` to the same length, in the
 * encoding it was found in (UTF-16LE, as MBIM strings are, or ASCII and UTF-8). Nothing moves, so
 * every length, offset and size in the message still holds: the frame stays well formed,
 * Wireshark still decodes it, and the same modem keeps the same token (`IMEI-1**********`) as
 * elsewhere.
 *
 * Digits are those text reads (identifiers.ts): any script's, full-width `３５９…` too, each read
 * as its ASCII digit, so the same number has the same kind and token in bytes as in text. So
 * does a number that the text before it labels (`IMEI: …` in an AT command's answer, read in
 * the number's own encoding: identifier-labels.ts). What may come between two digits is what
 * text allows (identifier-gaps.ts), characters of no width included, so a zero-width space
 * inside an IMEI is overwritten with it. Each byte (UTF-8) or
 * code unit (UTF-16LE) of the identifier, a digit of three bytes as much as one of one, becomes
 * one ASCII character of the token or a `*`.
 *
 * Numbers laid out in BCD, as SIM files hold them (EF_IMSI, EF_ICCID, a dialling number: the
 * answer to a command that reads a SIM file, an MBIM UICC read), are found by the rule previews
 * use (bcd-identifiers.ts: a length byte, a type, a country code around the digits; never any run
 * of nibbles, which little-endian integers are full of) and overwritten in place too: see bcdToken.
 * So are an ICCID as packed hex and an IMEI in BCD with no length byte, by their own marks (a
 * country code, a check digit, few zero bytes: bcd-bare.ts).
 */
import { bcdIdentifiers } from './bcd-identifiers.js';
import { gapPart } from './identifier-gaps.js';
import { LABEL_REACH, labelBefore } from './identifier-labels.js';
import {
  classifyDigits,
  digitCode,
  IDENTIFIER_KINDS,
  rowHasDigit,
  type IdentifierKind,
} from './identifiers.js';
import { utf8At } from './utf8.js';

type TokenFor = (kind: IdentifierKind, digits: string) => string;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Redacts `bytes` in place; returns whether anything was replaced. */
export function redactBytes(bytes: Uint8Array, tokenFor: TokenFor): boolean {
  // BCD numbers are found in the bytes as recorded, before a text token is written over any of
  // them, and written last: where a text reading overlapped one, the number is still hidden whole.
  const bcd = bcdIdentifiers(bytes).filter((found) => !takesToken(bytes, found.from, found.to));
  let changed = false;
  const recorded = new Recorded(bytes);
  for (const start of [0, 1]) changed = scan(bytes, start, 2, tokenFor, recorded) || changed;
  changed = scan(bytes, 0, 1, tokenFor, recorded) || changed;
  // Readings may overlap (an EF_IMSI's `08 91` also reads as a dialling number's length and
  // type): one inside bytes already written is hidden with them; one running past them writes
  // its token over the rest only, so the token already written stays whole.
  let written = 0;
  for (const found of bcd.sort((a, b) => a.from - b.from || b.to - a.to)) {
    if (found.to <= written) continue;
    const from = Math.max(found.from, written);
    const token = bcdToken(tokenFor(found.kind, found.digits), found.kind, found.to - from);
    for (let k = 0; k < token.length; k++) bytes[from + k] = token.charCodeAt(k);
    written = found.to;
  }
  return changed || bcd.length > 0;
}

/**
 * What overwrites a BCD number's `length` bytes (every byte holding one of its digits, filler
 * and the type nibble beside the first digit included; its length and type-of-number bytes stay,
 * so the SIM file or message still parses): the token in ASCII, padded with `*`, as text
 * identifiers are. An engineer reading the hex or Wireshark's ASCII pane sees `IMSI-1**` and
 * knows what was there and that it was redacted; no nibble of the number is left; and ASCII
 * never reads back as a number (`*` is the nibble A, no digit; no token starts as a length and
 * type would; a reading that would take a token in is left: takesToken), so a redacted file
 * redacted again is unchanged. Not `FF`, as SIM files pad:
 * an engineer would read an empty file, a SIM with no IMSI provisioned, not a redaction.
 *
 * Two digits a byte leave half the room text has: a token that does not fit whole is not cut
 * (`IMSI-12` cut to `IMSI-1` would name another number) but replaced by its kind, or by `*`
 * alone when even that does not fit. It is still tokenFor's, so the export counts the number
 * and gives it, wherever it does fit, the token it has in text and previews.
 */
function bcdToken(token: string, kind: IdentifierKind, length: number): string {
  const shown = token.length <= length ? token : kind.length <= length ? kind : '';
  return shown.padEnd(length, '*');
}

const STAR = 0x2a;
const HYPHEN = 0x2d;
/** What a token starts with in bytes: its kind in ASCII, then `-` and its number, or `*`. */
const TOKEN_STARTS = IDENTIFIER_KINDS.map((kind) => Array.from(kind, (c) => c.charCodeAt(0)));

/**
 * Whether a BCD reading of `bytes[from, to)` takes in a token written by an earlier redaction of
 * these bytes: redacted again, they must come out as they are. A token's letters I, C, D, E, P, H
 * and S, and its digits, are each two decimal nibbles: a reading with no length byte (an IMEI's
 * 8 bytes, bcd-bare.ts) may end in `ICCID-1` or begin on its `1`, with bytes beside it that held
 * no number before (their zero bytes were the number's) and do now. Nor does one begin on a `*`:
 * it is the type nibble `A` of an IMEI under a 2 (no reporting body's code starts with 2).
 */
function takesToken(bytes: Uint8Array, from: number, to: number): boolean {
  if (bytes[from] === STAR) return true;
  let start = from;
  while (start > 0 && isDigit(bytes[start] ?? 0)) start--;
  if (start < from && bytes[start] === HYPHEN) return true;
  for (let p = from; p < to; p++)
    for (const kind of TOKEN_STARTS)
      if (kind[0] === bytes[p] && kind.every((c, k) => bytes[p + k] === c)) {
        const after = bytes[p + kind.length];
        if (after === HYPHEN || after === STAR) return true;
      }
  return false;
}

/**
 * The character at `i` times 8 plus its length in bytes (as utf8At gives it), -1 where none is
 * read: in UTF-16LE (`width` 2) a code unit, or a surrogate pair's code point; else a UTF-8
 * sequence (ASCII, one byte, the most of them).
 */
function charAt(bytes: Uint8Array, i: number, width: 1 | 2): number {
  if (width === 1) return utf8At(bytes, i);
  if (i + 2 > bytes.length) return -1;
  const unit = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 4 <= bytes.length) {
    const low = (bytes[i + 2] ?? 0) | ((bytes[i + 3] ?? 0) << 8);
    if (low >= 0xdc00 && low <= 0xdfff)
      return (0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)) * 8 + 4;
  }
  return unit * 8 + 2;
}

/**
 * rowHasDigit's answers (1 yes, -1 no, 0 not asked yet), kept here: it is asked for nearly every
 * code unit read as UTF-16, and a read of this costs the scan less than a call would.
 */
const ROWS = new Int8Array(0x100);

/**
 * The digit at `i`, a character outside ASCII, as its ASCII digit's code times 8 plus its length
 * in bytes; -1 where none is.
 */
function otherDigitAt(bytes: Uint8Array, i: number, width: 1 | 2): number {
  const char = charAt(bytes, i, width);
  const digit = char < 0 ? -1 : digitCode(char >> 3);
  return digit < 0 ? -1 : digit * 8 + (char & 7);
}

/** Whether the row of code points from `row * 256` holds a digit (rowHasDigit, kept). */
function hasDigit(row: number): boolean {
  let known = ROWS[row] ?? 0;
  if (known === 0) {
    known = rowHasDigit(row) ? 1 : -1;
    ROWS[row] = known;
  }
  return known > 0;
}

/**
 * Where the next digit of a run starts when what is at `j` (just after a digit) may come between
 * two digits of one identifier, and whether a separator was among it; -1 when the run ends at `j`.
 * Only a character outside ASCII is looked up: a run in ASCII costs what it did.
 */
function gapEnd(bytes: Uint8Array, j: number, width: 1 | 2, plus: boolean): number {
  let at = j;
  let separators = 0;
  for (;;) {
    const char = charAt(bytes, at, width);
    if (char < 0) return -1;
    const code = char >> 3;
    if (code < 0x80 ? isDigit(code) : digitCode(code) >= 0)
      return at === j ? -1 : at * 2 + (separators > 0 ? 1 : 0);
    const part = gapPart(code, plus);
    if (part === undefined || (part === 'separator' && ++separators > 2)) return -1;
    at += char & 7;
  }
}

/**
 * The bytes as recorded, before any token was written over them: what a label is read from. Read
 * from the bytes being redacted, the token just written (`PHONE-1****`) was taken for a label, and
 * the next number was named for it: a SUBSCRIBER_READY_STATUS's IMSI, after its telephone numbers,
 * went out as `PHONE-3`. Copied only when a first token is written (most payloads hold none).
 */
class Recorded {
  private copy: Uint8Array | undefined;

  constructor(private readonly bytes: Uint8Array) {}

  /** Called before the bytes are first written to. */
  keep(): void {
    // Not slice(): on a Buffer, that is a view of the same memory.
    this.copy ??= Uint8Array.from(this.bytes);
  }

  get before(): Uint8Array {
    return this.copy ?? this.bytes;
  }
}

/** One encoding: `width` 2 is UTF-16LE at alignment `start`, 1 is ASCII and UTF-8. */
function scan(
  bytes: Uint8Array,
  start: number,
  width: 1 | 2,
  tokenFor: TokenFor,
  recorded: Recorded,
): boolean {
  let changed = false;
  digitRuns(bytes, start, width, (from, to, digits, plus, separated) => {
    const label = (): IdentifierKind | undefined => {
      const before = textBefore(recorded.before, from, start, width);
      return labelBefore(before, before.length);
    };
    const written = (): string => runText(bytes, from, to, width);
    const kind =
      digits.length >= 7 ? classifyDigits(digits, plus, separated, label, written) : undefined;
    if (!kind) return;
    const length = (to - from) / width;
    const token = tokenFor(kind, `${plus ? '+' : ''}${digits}`)
      .slice(0, length)
      .padEnd(length, '*');
    recorded.keep();
    for (let k = 0; k < length; k++) {
      bytes[from + k * width] = token.charCodeAt(k) & 0x7f;
      if (width === 2) bytes[from + k * width + 1] = 0;
    }
    changed = true;
  });
  return changed;
}

/** The characters of `bytes[from, to)` in one encoding: a run as written, for classifyDigits. */
export function runText(bytes: Uint8Array, from: number, to: number, width: 1 | 2): string {
  const chars: number[] = [];
  for (let at = from; at < to;) {
    const char = charAt(bytes, at, width);
    if (char < 0) break;
    chars.push(char >> 3);
    at += char & 7;
  }
  return String.fromCodePoint(...chars);
}

/**
 * The characters just before `from` in one encoding, as many as a label can take
 * (identifier-labels.ts), so the label decides the token's kind here as it does in text. They are
 * read backwards from the number, one character at a time, so only the few bytes the label could
 * lie in are decoded. A byte that ends no character (half a sequence) reads as U+FFFD, as utf8Text
 * reads it.
 */
function textBefore(bytes: Uint8Array, from: number, start: number, width: 1 | 2): string {
  const chars: number[] = [];
  for (let end = from; end > start && chars.length < LABEL_REACH;) {
    const at = charStart(bytes, end, start, width);
    const char = charAt(bytes, at, width);
    const whole = char >= 0 && at + (char & 7) === end;
    chars.push(whole ? char >> 3 : 0xfffd);
    end = whole ? at : end - width;
  }
  return String.fromCodePoint(...chars.reverse());
}

/**
 * Where the character that ends at `end` would start: before a UTF-16 low surrogate, its high
 * one; in UTF-8, back over up to three continuation bytes to the lead byte.
 */
function charStart(bytes: Uint8Array, end: number, start: number, width: 1 | 2): number {
  if (width === 2) {
    const unit = (bytes[end - 2] ?? 0) | ((bytes[end - 1] ?? 0) << 8);
    return unit >= 0xdc00 && unit <= 0xdfff && end - 4 >= start ? end - 4 : end - 2;
  }
  let at = end - 1;
  while (at > start && end - at < 4 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at--;
  return at;
}

/**
 * Told of a run of digits: its bytes `[from, to)` (a `+` before it and what lies between its
 * digits included), its digits as ASCII, whether it follows a `+` and whether a separator stands
 * between two of them: what classifyDigits needs to say whether the redaction hides it.
 */
export type RunVisitor = (
  from: number,
  to: number,
  digits: string,
  plus: boolean,
  separated: boolean,
) => void;

/**
 * Every run of digits in one encoding (`width` 2 is UTF-16LE at alignment `start`, 1 is ASCII
 * and UTF-8), in order, as the redaction reads them: the cut of recorded bytes
 * (recorded-cut.ts) asks the same question of the same runs, so the two cannot disagree.
 */
export function digitRuns(bytes: Uint8Array, start: number, width: 1 | 2, visit: RunVisitor): void {
  // The byte (UTF-8) or the code unit (UTF-16LE) at `i`.
  const unitAt = (i: number): number =>
    width === 1 ? (bytes[i] ?? 0) : (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8);
  let i = start;
  while (i + width <= bytes.length) {
    const plus = unitAt(i) === 0x2b;
    let j = plus ? afterZeroWidth(bytes, i + width, width) : i;
    let digits = '';
    let separated = false;
    for (;;) {
      while (j + width <= bytes.length) {
        const unit = unitAt(j);
        if (isDigit(unit)) {
          digits += String.fromCharCode(unit);
          j += width;
          continue;
        }
        // Only a character outside ASCII is looked up: a run in ASCII costs what it did. Most
        // are ruled out at once: a UTF-8 continuation byte starts none, and a UTF-16 code unit
        // whose row (high byte) holds no digit is none (a surrogate's is the pair's, read whole).
        if (
          unit < 0x80 ||
          (width === 1 ? unit < 0xc0 : (unit < 0xd800 || unit > 0xdbff) && !hasDigit(unit >> 8))
        )
          break;
        const other = otherDigitAt(bytes, j, width);
        if (other < 0) break;
        digits += String.fromCharCode(other >> 3);
        j += other & 7;
      }
      // What may come between two digits and a digit go on with the run, as in text.
      const gap = digits === '' ? -1 : gapEnd(bytes, j, width, plus);
      if (gap < 0) break;
      separated ||= (gap & 1) === 1;
      j = gap >> 1;
    }
    if (digits !== '') visit(i, j, digits, plus, separated);
    i = j > i ? j : i + width;
  }
}

/** Where the characters of no width from `at` end (after a `+`, as in text). */
function afterZeroWidth(bytes: Uint8Array, at: number, width: 1 | 2): number {
  let end = at;
  for (;;) {
    const char = charAt(bytes, end, width);
    if (char < 0 || char >> 3 < 0x80 || gapPart(char >> 3, false) !== 'zero-width') return end;
    end += char & 7;
  }
}
