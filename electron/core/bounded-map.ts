/**
 * A Map that forgets its oldest entries beyond a fixed capacity, for "remember the last N" caches
 * on hot paths. Eviction order is kept in a ring of keys: asking a Map for its oldest key with
 * `keys().next()` after many deletions walks over the deleted slots at the front of V8's table,
 * which made each insertion cost O(capacity).
 */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  private readonly ring: (K | undefined)[];
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.ring = new Array<K | undefined>(capacity);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Adds or replaces; a new key may evict the oldest one still remembered. */
  set(key: K, value: V): void {
    // Whether the key is new shows in the size, which saves hashing it a second time (this sits
    // on the path of every completion).
    const before = this.map.size;
    this.map.set(key, value);
    if (this.map.size === before) return;
    // Every key in the ring is in the map (keys leave only by eviction), so the evicted one is
    // never the key just added.
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.map.delete(evicted);
    this.ring[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
  }
}
