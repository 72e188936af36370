import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../shared/format-count.js';

describe('a count as shown', () => {
  it('groups thousands with commas, as en-US numbers read', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(10_000_000)).toBe('10,000,000');
    expect(formatCount(-1234567)).toBe('-1,234,567');
  });

  it('reads as toLocaleString would, for every whole number and a fraction', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === n.toLocaleString('en-US')),
    );
    expect(formatCount(1536.5)).toBe('1,536.5');
  });
});
