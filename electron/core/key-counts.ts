/**
 * Counts by small numbers, with the key each stands for named once, when first met: how an index's
 * build counts the records the WebAssembly line reader took, by the reader's own numbers for their
 * kinds, outcomes, services and HRESULTs (BucketBuilder.addScanned). Counting each record into a
 * map keyed by its strings (looked up, normalized and hashed once a record) was about 400 ns a
 * record, most of what a build spent in JavaScript; by number, a key is met once a bucket, when the
 * counts join the bucket's maps (`drainInto`) in the order first met, as the maps had them.
 */
import type { Counts } from './journal-index.js';

export class KeyCounts {
  private counts = new Int32Array(32);
  private readonly met: number[] = [];
  private readonly keys: string[] = [];

  /** Counts `no` (`n` times); true when it is new since the last drain: the caller must `name` it. */
  add(no: number, n = 1): boolean {
    if (no >= this.counts.length) {
      const grown = new Int32Array(Math.max(no + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    const before = this.counts[no] ?? 0;
    this.counts[no] = before + n;
    if (before > 0) return false;
    this.met.push(no);
    return true;
  }

  /** The key of the number `add` just met for the first time. */
  name(key: string): void {
    this.keys.push(key);
  }

  get pending(): boolean {
    return this.met.length > 0;
  }

  /** Adds the counts to `into`, keys in the order first met, and starts again from none. */
  drainInto(into: Counts): void {
    for (const [i, no] of this.met.entries()) {
      const key = this.keys[i] ?? '';
      const n = this.counts[no] ?? 0;
      this.counts[no] = 0;
      const count = into.get(key);
      if (count) count.n += n;
      else into.set(key, { n });
    }
    this.met.length = 0;
    this.keys.length = 0;
  }
}
