/**
 * Reads an MBIM information buffer the way libmbim's `mbim-message.c` does, but never past its
 * end: every fixed field and every (offset, size) reference is checked against the bytes, and a
 * read that does not fit answers `undefined` instead of guessing. Offsets in a reference count
 * from the start of the information buffer (MBIM 1.0, section 10.3); strings are UTF-16LE.
 */
export class InfoBuffer {
  constructor(readonly bytes: Uint8Array) {}

  get length(): number {
    return this.bytes.length;
  }

  /** Unsigned 32-bit little-endian at `offset`. */
  u32(offset: number): number | undefined {
    if (offset < 0 || offset + 4 > this.bytes.length) return undefined;
    const b = this.bytes;
    return (
      ((b[offset] ?? 0) | ((b[offset + 1] ?? 0) << 8) | ((b[offset + 2] ?? 0) << 16)) +
      (b[offset + 3] ?? 0) * 0x1000000
    );
  }

  /** Unsigned 64-bit little-endian at `offset`, as a bigint (speeds in bits/s exceed 2^53 only in theory, but exactly). */
  u64(offset: number): bigint | undefined {
    const low = this.u32(offset);
    const high = this.u32(offset + 4);
    if (low === undefined || high === undefined) return undefined;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /**
   * The string a (offset, size) pair at `at` refers to. An empty reference (size 0) is the empty
   * string, whatever its offset, as libmbim reads it; a size that is odd or reaches past the end
   * is `undefined`.
   */
  stringAt(at: number): string | undefined {
    const offset = this.u32(at);
    const size = this.u32(at + 4);
    if (offset === undefined || size === undefined) return undefined;
    if (size === 0) return '';
    if (size % 2 !== 0 || offset + size > this.bytes.length) return undefined;
    let text = '';
    for (let i = offset; i < offset + size; i += 2)
      text += String.fromCharCode((this.bytes[i] ?? 0) | ((this.bytes[i + 1] ?? 0) << 8));
    // Some devices count a terminating NUL in the size; it is not part of the text.
    return text.replace(/\0+$/, '');
  }
}
