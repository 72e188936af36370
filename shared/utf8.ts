/**
 * UTF-8 read by hand: this layer runs in the renderer too (no Buffer, and no TextDecoder in its
 * library), and redaction reads single characters of a payload in place, where a device's text
 * is UTF-8 (an AT command's answer) but its bytes need not be.
 */

/**
 * The code point of the UTF-8 sequence that starts at `i` (the shortest form of a scalar value),
 * times 8, plus its length in bytes: one number, since this is read per character. -1 where no
 * such sequence starts (a byte of another encoding, a continuation, a sequence cut short).
 */
export function utf8At(bytes: Uint8Array | readonly number[], i: number): number {
  const lead = bytes[i] ?? -1;
  if (lead < 0) return -1;
  if (lead < 0x80) return lead * 8 + 1;
  const size =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  if (size === 0) return -1;
  let code = lead & (0xff >> (size + 1));
  for (let k = 1; k < size; k++) {
    const next = bytes[i + k] ?? -1;
    if ((next & 0xc0) !== 0x80) return -1;
    code = (code << 6) | (next & 0x3f);
  }
  const shortest = size === 2 || (size === 3 ? code >= 0x800 : code >= 0x10000);
  if (!shortest || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return -1;
  return code * 8 + size;
}

/** `bytes` read as UTF-8, each byte of no sequence read as U+FFFD. */
export function utf8Text(bytes: Uint8Array | readonly number[]): string {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const at = utf8At(bytes, i);
    text += at < 0 ? '\ufffd' : String.fromCodePoint(at >> 3);
    i += at < 0 ? 1 : at & 7;
  }
  return text;
}
