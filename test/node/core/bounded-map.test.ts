import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../../electron/core/bounded-map.js';

describe('BoundedMap', () => {
  it('remembers the last N keys and forgets the oldest, replacing values in place', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    expect([map.has('a'), map.get('b'), map.get('d'), map.size]).toEqual([false, 1, 3, 3]);
    map.set('b', 10);
    expect(map.get('b')).toBe(10);
    map.set('e', 4);
    expect([map.has('b'), map.has('c'), map.has('e')]).toEqual([false, true, true]);
  });
});
