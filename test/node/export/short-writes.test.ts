/**
 * An export's buffers go to disk in one call each time (AtomicFile.write, writev). A call may
 * write fewer bytes than it was given (a full disk frees up, a network share, a signal): what it
 * left must be written next, every byte once and in order, or the export is silently cut or
 * garbled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwritten } from '../../../electron/core/export/atomic-file.js';

describe('after a short write', () => {
  it('what is left is exactly the bytes not yet written, in order', () => {
    const buffers = fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 });
    fc.assert(
      fc.property(buffers, fc.nat(), (parts, n) => {
        const all = Buffer.concat(parts);
        const written = all.length === 0 ? 0 : n % (all.length + 1);
        const left = unwritten(parts, written);
        expect(Buffer.concat(left)).toEqual(all.subarray(written));
        // No empty buffer handed to the next call.
        expect(left.every((b) => b.length > 0)).toBe(true);
      }),
    );
  });
});
