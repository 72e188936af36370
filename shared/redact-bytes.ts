/**
 * Redaction inside binary messages (MBIM bytes in the journal and in pcapng captures). An
 * identifier is overwritten in place by its token, padded with `*` to the same length, in the
 * encoding it was found in (UTF-16LE, as MBIM strings are, or ASCII). Nothing moves, so every
 * length, offset and size in the message still holds: the frame stays well formed, Wireshark
 * still decodes it, and the same modem keeps the same token (`IMEI-1**********`) as elsewhere.
 */
import { classifyDigits, type IdentifierKind } from './identifiers.js';

type TokenFor = (kind: IdentifierKind, digits: string) => string;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Separators between a run's digits: `+1 646-563`, `35892152/758929/0`; dots after a `+`. */
const isSeparator = (c: number, plus: boolean): boolean =>
  c === 0x20 || c === 0x28 || c === 0x29 || c === 0x2d || c === 0x2f || (plus && c === 0x2e);

/** How many separators (one or two) at `j` come before a digit; 0 when the run ends at `j`. */
function separatorsBefore(
  charAt: (i: number) => number,
  j: number,
  length: number,
  width: number,
  plus: boolean,
): number {
  for (let n = 1; n <= 2; n++) {
    const at = j + (n - 1) * width;
    if (at + 2 * width > length || !isSeparator(charAt(at), plus)) return 0;
    if (isDigit(charAt(at + width))) return n;
  }
  return 0;
}

/** Redacts `bytes` in place; returns whether anything was replaced. */
export function redactBytes(bytes: Uint8Array, tokenFor: TokenFor): boolean {
  let changed = false;
  for (const start of [0, 1]) changed = scan(bytes, start, 2, tokenFor) || changed;
  return scan(bytes, 0, 1, tokenFor) || changed;
}

/** One encoding: `width` 2 is UTF-16LE (high byte zero) at alignment `start`, 1 is ASCII. */
function scan(bytes: Uint8Array, start: number, width: 1 | 2, tokenFor: TokenFor): boolean {
  let changed = false;
  const charAt = (i: number): number =>
    width === 1 ? (bytes[i] ?? 0) : bytes[i + 1] === 0 ? (bytes[i] ?? 0) : 0xffff;
  let i = start;
  while (i + width <= bytes.length) {
    const plus = charAt(i) === 0x2b;
    let j = plus ? i + width : i;
    let digits = '';
    let separated = false;
    for (;;) {
      while (j + width <= bytes.length && isDigit(charAt(j))) {
        digits += String.fromCharCode(charAt(j));
        j += width;
      }
      // Up to two separators and a digit go on with the run, as in text (identifiers.ts).
      const on = digits === '' ? 0 : separatorsBefore(charAt, j, bytes.length, width, plus);
      if (on === 0) break;
      separated = true;
      j += on * width;
    }
    const kind = digits.length >= 7 ? classifyDigits(digits, plus, separated) : undefined;
    if (kind) {
      const length = (j - i) / width;
      const token = tokenFor(kind, `${plus ? '+' : ''}${digits}`)
        .slice(0, length)
        .padEnd(length, '*');
      for (let k = 0; k < length; k++) {
        bytes[i + k * width] = token.charCodeAt(k) & 0x7f;
        if (width === 2) bytes[i + k * width + 1] = 0;
      }
      changed = true;
    }
    i = j > i ? j : i + width;
  }
  return changed;
}
