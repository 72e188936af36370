import type { TextFinder } from './text-finder.js';

/**
 * One search's buffer for the buckets it reads, one after another: each read into a fresh buffer
 * touched new memory page by page, and that cost more than the read itself. What a bucket search
 * keeps (records, hits) is parsed out of it, never a view of it.
 */
export class BucketBuffer {
  private readonly bufs = { read: Buffer.alloc(0), lower: Buffer.alloc(0) };

  /** With a free-text search's finder, buckets are read into its memory (text-finder.ts). */
  constructor(readonly finder?: TextFinder) {}

  /** A buffer of `bytes` for the bucket read or its lower-cased copy, valid until the next. */
  take(use: 'read' | 'lower', bytes: number): Buffer {
    const area = use === 'read' ? this.finder?.area(bytes) : undefined;
    if (area) return area;
    if (this.bufs[use].length < bytes)
      this.bufs[use] = Buffer.allocUnsafe(Math.max(bytes, this.bufs[use].length * 2));
    return this.bufs[use].subarray(0, bytes);
  }
}
