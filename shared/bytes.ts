/**
 * Bytes as the journal and the screen write them: lowercase hex, two digits a byte. Plain loops,
 * because this layer runs in the renderer too (no Buffer) and payloads are small.
 */
const DIGITS = '0123456789abcdef';

/** The first `limit` bytes as hex. */
export function toHex(bytes: Uint8Array, limit = bytes.length): string {
  const end = Math.min(bytes.length, limit);
  let out = '';
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] ?? 0;
    out += DIGITS.charAt(byte >> 4) + DIGITS.charAt(byte & 15);
  }
  return out;
}

/** Hex as typed by a person: spaces, colons, dashes and a `0x` prefix allowed; `undefined` if not whole bytes. */
export function parseHex(text: string): Uint8Array | undefined {
  const hex = text.replace(/^0x/i, '').replace(/[\s:-]+/g, '');
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
