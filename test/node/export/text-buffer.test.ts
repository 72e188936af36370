/**
 * TextBuffer fills its written buffers again (recycle) instead of allocating a new MiB each time:
 * what it hands out must still be exactly what was pushed, and it must never fill memory it did not
 * allocate (another buffer's, handed over with pushBuffers).
 */
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
});
