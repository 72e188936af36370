/**
 * A free-text search lower-cases each bucket it reads four bytes at a time (search-query.ts): every
 * byte must come out as the byte-by-byte rule says, A-Z lowered and nothing else touched (UTF-8's
 * bytes over 0x7f included), wherever the bytes start in memory and whatever their length.
 */
import { describe, expect, it } from 'vitest';
import { lowerBytes } from '../../../electron/core/lower-bytes.js';

const oneByOne = (buf: Buffer): Buffer =>
  Buffer.from([...buf].map((b) => (b >= 65 && b <= 90 ? b + 32 : b)));

describe('lowerBytes', () => {
  const every = Buffer.from(Array.from({ length: 256 * 3 }, (_, i) => i % 256));

  it('lowers A-Z and leaves every other byte as it was', () => {
    expect(lowerBytes(every)).toEqual(oneByOne(every));
    expect(lowerBytes(Buffer.from('Modem SIM Not Inserted: É ẞ @[`{'))).toEqual(
      Buffer.from('modem sim not inserted: É ẞ @[`{'),
    );
  });

  it('gives the same bytes from any offset, of any length, into a buffer it is given or not', () => {
    const into = Buffer.alloc(every.length + 8, 0xff);
    for (let from = 0; from < 8; from++)
      for (const length of [0, 1, 3, 4, 5, 255, 517]) {
        const part = every.subarray(from, from + length);
        expect(lowerBytes(part)).toEqual(oneByOne(part));
        expect(lowerBytes(part, into.subarray(from))).toEqual(oneByOne(part));
      }
  });
});
