/**
 * A bundle entry compressed on the thread pool: its file must hold exactly the raw deflate
 * stream of the text (what a zip entry holds, with no gzip framing left over), and its CRC-32 and
 * size must be the text's, whatever sizes the text was written in.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DeflatedPart } from '../../../electron/core/export/deflated-part.js';
import { removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

async function compress(pieces: readonly Buffer[]): Promise<{ part: DeflatedPart; data: Buffer }> {
  const part = await DeflatedPart.create(join(tempDir(), 'entry.zip'), 'entry.part', 1);
  try {
    for (const piece of pieces) await part.write([piece]);
    await part.finish();
    return { part, data: readFileSync(part.file.tempPath) };
  } finally {
    await part.abort();
  }
}

describe('DeflatedPart', () => {
  it('holds the raw deflate stream of the text, with its CRC-32 and sizes, for any pieces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 12 }),
        async (arrays) => {
          const pieces = arrays.map((a) => Buffer.from(a));
          const text = Buffer.concat(pieces);
          const { part, data } = await compress(pieces);
          expect(inflateRawSync(data).equals(text)).toBe(true);
          expect(part.crc).toBe(crc32(text));
          expect(part.size).toBe(text.length);
          expect(part.compressedSize).toBe(data.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('does so for megabytes that compress to many output pieces, incompressible ones included', async () => {
    const text = Buffer.concat([
      Buffer.from('{"kind":"completion","status":"0x00000000"}\n'.repeat(60_000)),
      randomBytes(3 << 20),
    ]);
    const pieces: Buffer[] = [];
    for (let at = 0; at < text.length; at += 1 << 20)
      pieces.push(text.subarray(at, at + (1 << 20)));
    const { part, data } = await compress(pieces);
    expect(inflateRawSync(data).equals(text)).toBe(true);
    expect(part.crc).toBe(crc32(text));
  });
});
