import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNumber, jsonString } from '../../../electron/core/export/json-text.js';

describe('JSON text by hand', () => {
  it('writes any string exactly as JSON.stringify does, quotes, controls and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(jsonString(text)).toBe(JSON.stringify(text));
      }),
    );
    // Text of the characters each side of what JSON.stringify escapes, surrogates alone and paired.
    const unit = fc.constantFrom(
      'a',
      '"',
      '\\',
      '\n',
      '\u001f',
      ' ',
      '\u007f',
      'é',
      '→',
      '\u2028',
      '\ud800',
      '\udc00',
      '\ud83d\ude00',
      '\uffff',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
        expect(jsonString(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of [
      'say "hi"',
      'C:\\modem',
      'line\nbreak\t',
      '\u0000',
      '\ud800',
      'ok',
      '',
      'closed → open',
    ])
      expect(jsonString(text)).toBe(JSON.stringify(text));
  });

  it('writes any number exactly as JSON.stringify does, non-finite ones as null', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(jsonNumber(value)).toBe(JSON.stringify(value));
      }),
    );
    expect(jsonNumber(-0)).toBe('0');
  });
});
