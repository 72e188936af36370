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
    for (const text of ['say "hi"', 'C:\\modem', 'line\nbreak\t', '\u0000', '\ud800', 'ok', ''])
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
