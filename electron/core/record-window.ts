/**
 * A fixed-size ring of the most recent journal records: what the live log shows without touching
 * the disk, and the reason memory stays flat however long a session runs.
 */
import type { JournalRecord } from '../../shared/journal/record.js';

export class RecordWindow {
  private readonly ring: (JournalRecord | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('window capacity must be a positive integer');
    this.ring = new Array<JournalRecord | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(record: JournalRecord): void {
    this.ring[(this.head + this.count) % this.capacity] = record;
    if (this.count < this.capacity) this.count += 1;
    else this.head = (this.head + 1) % this.capacity;
  }

  oldestSeq(): number | undefined {
    return this.count === 0 ? undefined : this.ring[this.head]?.seq;
  }

  /** The last `n` records, oldest first. */
  last(n: number): JournalRecord[] {
    const take = Math.min(n, this.count);
    return this.slice(this.count - take, take);
  }

  /** Records from `fromSeq` on (sequence numbers are contiguous), at most `limit`. */
  range(fromSeq: number, limit: number): JournalRecord[] {
    const oldest = this.oldestSeq();
    if (oldest === undefined) return [];
    const start = Math.max(0, fromSeq - oldest);
    return this.slice(start, Math.min(limit, this.count - start));
  }

  private slice(start: number, length: number): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = 0; i < length; i++) {
      const record = this.ring[(this.head + start + i) % this.capacity];
      if (record) out.push(record);
    }
    return out;
  }
}
