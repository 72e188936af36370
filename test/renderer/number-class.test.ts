/**
 * The text filter asks the words of records that differ only in numbers of one class once
 * (renderer/src/store/number-class.ts): that holds only if every number of a class is written as
 * the same pattern of digits, so a needle with no digit finds the same in each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_CLASSES, numberClass } from '../../renderer/src/store/number-class';

const anyNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 1e-6, 9.99e-7, 1e21, 1e21 - 65536, 2 ** 53, 0.1, -1, -0.5),
  fc.nat(),
  fc.double({ noNaN: false }),
);

/** `String(n)` with each run of digits written as one `9`: what a needle with no digit sees. */
const pattern = (n: number): string => String(n).replace(/[0-9]+/g, '9');

describe('numberClass', () => {
  it('gives numbers written alike one class, and each class one pattern of digits', () => {
    const seen = new Map<number, string>([
      [0, '0'],
      [1, '1'],
      [2, '9'],
      [3, '9.9'],
    ]);
    fc.assert(
      fc.property(anyNumber, (n) => {
        const found = numberClass(n);
        expect(found).toBeLessThan(NUMBER_CLASSES);
        if (found === 0 || found === 1) expect(String(n)).toBe(String(found));
        else if (found >= 0) expect(pattern(n)).toBe(seen.get(found));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves out numbers written with a sign or an exponent', () => {
    for (const n of [-1, -0.5, 1e-7, 1e21, Infinity, -Infinity, NaN])
      expect(numberClass(n)).toBe(-1);
    expect(numberClass(-0)).toBe(0);
  });
});
