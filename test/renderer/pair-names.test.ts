/**
 * A filter names a row's fields pair by pair (renderer/src/store/pair-names.ts): two rows share
 * an answer exactly when they share a name, so one name must never stand for two pairs, however
 * many are named (the table grows) and whatever the numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairNames } from '../../renderer/src/store/pair-names';

// Few firsts and many seconds, as names so far and a field's values are: pairs meet in the table.
const first = fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 2 ** 31 - 1 }));
const second = fc.oneof(fc.nat({ max: 4000 }), fc.nat({ max: 2 ** 31 - 1 }));

describe('PairNames', () => {
  it('gives each pair one name, and no two pairs the same one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(first, second), { minLength: 1100, maxLength: 1600 }),
        (pairs) => {
          const names = new PairNames();
          const byPair = new Map<string, number>();
          for (const [first, second] of pairs) {
            const name = names.name(first, second);
            const known = byPair.get(`${String(first)},${String(second)}`);
            if (known === undefined) {
              // A new pair: the next name, so it is no other pair's.
              expect(name).toBe(byPair.size);
              byPair.set(`${String(first)},${String(second)}`, name);
            } else expect(name).toBe(known);
          }
          // Asked again once the table has grown, each pair keeps its name.
          for (const [key, name] of byPair) {
            const [first, second] = key.split(',').map(Number);
            expect(names.name(first ?? -1, second ?? -1)).toBe(name);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
