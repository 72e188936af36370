/**
 * ASCII lower-casing of raw bytes, for a case-insensitive search of a log's lines as written
 * (search-query.ts, bucket-search.ts, the text-scan helper). Alone in its file: the helper thread
 * bundles it without the rest of the search.
 */

/**
 * ASCII lower-casing of raw bytes, byte for byte: offsets stay exact whatever the encoding. Into
 * `into` when it is long enough (a search reuses one for every bucket: a fresh megabyte each time
 * cost more in new pages than the work). Four bytes at a time: a byte loop over every bucket of a
 * free-text search was most of the search.
 */
export function lowerBytes(buf: Buffer, into?: Buffer): Buffer {
  const out =
    into && into.length >= buf.length
      ? into.subarray(0, buf.length)
      : Buffer.allocUnsafe(buf.length);
  let i = 0;
  if (buf.byteOffset % 4 === 0 && out.byteOffset % 4 === 0) {
    const words = buf.length >>> 2;
    const from = new Uint32Array(buf.buffer, buf.byteOffset, words);
    const to = new Uint32Array(out.buffer, out.byteOffset, words);
    for (let w = 0; w < words; w++) {
      const x = from[w] ?? 0;
      // Per byte, with no carry into the next: the high bit set where the byte's low seven bits
      // are at least "A" and at most "Z", and its own high bit clear (ASCII only); shifted down
      // to 0x20, the bit that makes it lower-case.
      const low = x & 0x7f7f7f7f;
      const upper = (low + 0x3f3f3f3f) & ~(low + 0x25252525) & ~x & 0x80808080;
      to[w] = x | (upper >>> 2);
    }
    i = words * 4;
  }
  for (; i < buf.length; i++) {
    const b = buf[i] ?? 0;
    out[i] = b >= 65 && b <= 90 ? b + 32 : b;
  }
  return out;
}
