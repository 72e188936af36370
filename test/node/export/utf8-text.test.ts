/**
 * The report helper decodes the bundle's JSON Lines entry with utf8Text, which copies ASCII as
 * latin1 instead of running the UTF-8 decoder: the text must be exactly what the decoder gives,
 * for ASCII, for any other script, and for bytes that are not valid UTF-8 at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Text } from '../../../electron/core/export/utf8-text.js';

describe('utf8Text', () => {
  it('is the UTF-8 decoding of any bytes', () => {
    const bytes = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
      fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, 'latin1')),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        expect(utf8Text(b)).toBe(b.toString('utf8'));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a non-ASCII character that latin1 would split into two', () => {
    expect(utf8Text(Buffer.from('{"serviceName":"Dienst für SMS → Ü"}'))).toBe(
      '{"serviceName":"Dienst für SMS → Ü"}',
    );
  });
});
