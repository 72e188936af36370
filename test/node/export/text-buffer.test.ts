/**
 * TextBuffer fills its written buffers again (recycle) instead of allocating a new MiB each time:
 * what it hands out must still be exactly what was pushed, and it must never fill memory it did not
 * allocate (another buffer's, handed over with pushBuffers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextBuffer } from '../../../electron/core/export/text-buffer.js';

const MIB = 1 << 20;

describe('TextBuffer', () => {
  it('fills written buffers again and still hands out exactly the bytes pushed', () => {
    const buffer = new TextBuffer();
    const line = `${'x'.repeat(99)}\n`;
    const expected: string[] = [];
    const written: Buffer[] = [];
    const memories: ArrayBufferLike[][] = [];
    let before: Buffer[] = [];
    for (let round = 0; round < 4; round++) {
      let text = '';
      for (let i = 0; i < 15_000; i++) {
        const one = `${String(round)}${line}`;
        buffer.push(one);
        text += one;
      }
      expected.push(text);
      const drained = buffer.drain();
      memories.push(drained.map((b) => b.buffer));
      // What is handed out is read (written) before the next round refills anything.
      written.push(Buffer.from(Buffer.concat(drained)));
      buffer.recycle(before);
      before = drained;
    }
    expect(written.map((b) => b.toString('latin1'))).toEqual(expected);
    // The memory of the first round's buffers came back in a later round.
    const first = new Set(memories[0]);
    expect(memories.slice(1).some((round) => round.some((m) => first.has(m)))).toBe(true);
  });

  it('reuses its own memory, never a buffer handed to it', () => {
    const buffer = new TextBuffer();
    const foreign = Buffer.alloc(MIB, 0x41);
    buffer.pushBuffers([foreign]);
    buffer.push('a'.repeat(MIB - 10));
    const first = buffer.drain();
    buffer.recycle(first);
    buffer.push('b'.repeat(MIB - 10), 'c'.repeat(MIB - 10));
    const second = buffer.drain();
    // The foreign buffer is untouched, and the new text went into memory the buffer owns.
    expect(foreign.every((byte) => byte === 0x41)).toBe(true);
    expect(second.some((b) => b.buffer === foreign.buffer)).toBe(false);
    const own = first.filter((b) => b.buffer !== foreign.buffer).map((b) => b.buffer);
    expect(second.some((b) => own.includes(b.buffer))).toBe(true);
    expect(Buffer.concat(second).toString('latin1')).toBe(
      `${'b'.repeat(MIB - 10)}${'c'.repeat(MIB - 10)}`,
    );
  });

  it('keeps text, copied lines and handed-over buffers in the order they came, however mixed', () => {
    // Pushed text waits to be encoded in one go; lines wait to be copied in one go: neither may
    // overtake the other, nor a buffer handed over, nor be lost at a drain.
    const op = fc.oneof(
      fc.record({ text: fc.string({ unit: 'grapheme', maxLength: 40 }) }),
      fc.record({ long: fc.integer({ min: 1 << 14, max: 3 << 19 }) }),
      fc.record({ line: fc.string({ maxLength: 30 }) }),
      fc.record({ buffer: fc.string({ maxLength: 30 }) }),
      fc.constant({ drain: true }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const buffer = new TextBuffer();
        const source = Buffer.from(ops.map((o) => ('line' in o ? `${o.line}\n` : '')).join(''));
        let at = 0;
        let expected = '';
        const out: Buffer[] = [];
        for (const o of ops) {
          if ('text' in o) {
            buffer.push(o.text);
            expected += o.text;
          } else if ('long' in o) {
            const text = 'é'.repeat(o.long >> 1);
            buffer.push('<', text);
            expected += `<${text}`;
          } else if ('line' in o) {
            const length = Buffer.byteLength(o.line);
            buffer.pushLine(source, at, at + length);
            at += length + 1;
            expected += `${o.line}\n`;
          } else if ('buffer' in o) {
            buffer.pushBuffers([Buffer.from(o.buffer)]);
            expected += o.buffer;
          } else out.push(...buffer.drain());
          // What waits is counted, so a writer knows when to write it out.
          if (expected.length > 0 && out.length === 0) expect(buffer.size).toBeGreaterThan(0);
        }
        out.push(...buffer.drain());
        expect(buffer.size).toBe(0);
        expect(Buffer.concat(out).toString('utf8')).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
