/**
 * An export of the app's own journal reads each certified bucket into memory it fills again for a
 * later bucket (kept-buffers.ts), and writes the bucket's lines from it without a copy. What an
 * engineer must be able to trust: no byte of the export is overwritten by a later bucket while it
 * waits to be written, however the bucket's lines were handed on (kept whole, or copied later).
 * And the memory does come back, or the reuse would be for nothing.
 */
import { describe, expect, it } from 'vitest';
import { KeptBuffers, releaseKept } from '../../../electron/core/export/kept-buffers.js';
import { TextBuffer } from '../../../electron/core/export/text-buffer.js';

/** A bucket of `lines` lines of `fill`, read into the pool's memory as the export reads one. */
function bucket(pool: KeptBuffers, fill: string, lines = 1000): Buffer {
  const text = `${fill.repeat(99)}\n`.repeat(lines);
  const buf = pool.take(text.length);
  buf.write(text, 'latin1');
  return buf;
}

/** Takes buckets until none comes in new memory: the memories the pool hands out again. */
function refill(pool: KeptBuffers, fill: string): Buffer[] {
  return Array.from({ length: 6 }, () => bucket(pool, fill));
}

describe('memory of certified buckets filled again', () => {
  it('is never filled while a line kept from it waits to be written', () => {
    const pool = new KeptBuffers();
    // A file export's: its buffers come back through recycle once written.
    const out = new TextBuffer({ recycled: true });
    const a = bucket(pool, 'a');
    out.pushKeptLine(a, 0, a.length - 1);
    // The reader is done with it; the TextBuffer still holds it.
    releaseKept(a);
    const drained = out.drain();
    const later = refill(pool, 'z');
    expect(later.some((b) => b.buffer === a.buffer)).toBe(false);
    expect(Buffer.concat(drained).toString('latin1')).toBe(`${'a'.repeat(99)}\n`.repeat(1000));
    // Written: the memory is the pool's again.
    out.recycle(drained);
    for (const b of later) releaseKept(b);
    expect(refill(pool, 'y').some((b) => b.buffer === a.buffer)).toBe(true);
  });

  it('comes back once drained when the text is handed on for good, as a bundle does', () => {
    // A bundle's part never gives its buffers back (no recycle): a line kept there held its
    // memory for good, and the pool took new memory for every MiB of the log.
    const pool = new KeptBuffers();
    const out = new TextBuffer();
    const a = bucket(pool, 'a');
    out.pushKeptLine(a, 0, a.length - 1);
    releaseKept(a);
    const drained = out.drain();
    expect(Buffer.concat(drained).toString('latin1')).toBe(`${'a'.repeat(99)}\n`.repeat(1000));
    expect(refill(pool, 'y').some((b) => b.buffer === a.buffer)).toBe(true);
    // Copied, so what was drained stays as it was while the memory is filled again.
    expect(Buffer.concat(drained).toString('latin1')).toBe(`${'a'.repeat(99)}\n`.repeat(1000));
  });

  it('is never filled while buffers handed on whole wait to be written', () => {
    // What another writer drained, appended without a copy (TextBuffer.pushBuffers): when it is
    // the pool's memory, recycling it after the write must give back only the hold taken here.
    const pool = new KeptBuffers();
    const out = new TextBuffer();
    const c = bucket(pool, 'c');
    out.pushBuffers([c]);
    const drained = out.drain();
    out.recycle(drained);
    // The reader has not let go of it yet: the pool must not hand it out again.
    expect(refill(pool, 'z').some((x) => x.buffer === c.buffer)).toBe(false);
    expect(c.toString('latin1')).toBe(`${'c'.repeat(99)}\n`.repeat(1000));
  });

  it('is never filled while a line to copy from it waits', () => {
    const pool = new KeptBuffers();
    const out = new TextBuffer();
    const b = bucket(pool, 'b');
    // A line checked again (a recheck line): copied only when the next bytes come.
    out.pushLine(b, 0, 99);
    releaseKept(b);
    const later = refill(pool, 'z');
    expect(later.some((x) => x.buffer === b.buffer)).toBe(false);
    expect(Buffer.concat(out.drain()).toString('latin1')).toBe(`${'b'.repeat(99)}\n`);
    // Copied: nothing holds it any more.
    expect(refill(pool, 'y').some((x) => x.buffer === b.buffer)).toBe(true);
  });

  it('hands out exactly the bytes read, bucket after bucket, with a write behind', () => {
    const pool = new KeptBuffers();
    const out = new TextBuffer({ recycled: true });
    const expected: string[] = [];
    const written: string[] = [];
    let inFlight: Buffer[] = [];
    for (let n = 0; n < 40; n++) {
      const fill = String.fromCharCode(97 + (n % 26));
      const buf = bucket(pool, fill, 300 + n);
      expected.push(buf.toString('latin1'));
      // As certified-read.ts hands a bucket on: a kept run, then a line copied.
      const cut = buf.indexOf(10) + 1;
      out.pushLine(buf, 0, cut - 1);
      out.pushKeptLine(buf, cut, buf.length - 1);
      releaseKept(buf);
      // As write-export.ts writes: the previous drain's write finished, then this one starts.
      const drained = out.drain();
      written.push(Buffer.concat(inFlight).toString('latin1'));
      out.recycle(inFlight);
      inFlight = drained;
    }
    written.push(Buffer.concat(inFlight).toString('latin1'));
    expect(written.join('')).toBe(expected.join(''));
  });
});
