/**
 * Reads a clean bucket of a log file and finds its candidate lines by the bucket's needles, for
 * the text-scan helper and the search's read-ahead (text-scans.ts): by one needle in any case
 * (TextScanReader), or by several, the lines holding any of them as written (NeedleSetReader),
 * for a query no one needle finds: several outcomes, several kinds, any problem (Compiled.anyNeedle,
 * search-query.ts). Either way the lines the search's own thread finds (bucket-search.ts).
 */
import { BucketBuffer } from './bucket-buffer.js';
import {
  anyNeedleLines,
  copyLines,
  everyLine,
  needsEveryLine,
  type Candidates,
} from './candidate-lines.js';
import { tellingLines } from './telling-lines.js';
import { TextFinder } from './text-finder.js';
import { readBucket, TextScanReader, type BucketAt } from './text-scan-reader.js';

/**
 * One needle's readers kept at once: each holds a finder for its needle (4 MiB of WebAssembly
 * memory), and a search's buckets may take turns between a few (`failed"` in most, `overdue"` in
 * some), where making a finder for each bucket cost more than its scan.
 */
const KEPT_READERS = 3;

/** A scan's readers: one per needle (a few kept), one for several needles. */
export class ScanReaders {
  private readonly one = new Map<string, TextScanReader>();
  private several: NeedleSetReader | undefined;

  /** `telling` and `byValue` as TextScan says. */
  constructor(
    readonly telling: boolean,
    readonly byValue: boolean,
  ) {}

  /** The candidate lines of the bucket at `at` by `needles` (one or more), copied out. */
  candidates(at: BucketAt, needles: readonly Buffer[]): Candidates {
    const [needle] = needles;
    if (needles.length !== 1 || !needle) {
      this.several ??= new NeedleSetReader(this.telling);
      return this.several.candidates(at, needles);
    }
    const key = needle.toString('hex');
    let reader = this.one.get(key);
    if (!reader) {
      const oldest = this.one.keys().next();
      if (this.one.size >= KEPT_READERS && !oldest.done) this.one.delete(oldest.value);
      reader = new TextScanReader({ needle, telling: this.telling, byValue: this.byValue });
      this.one.set(key, reader);
    }
    return reader.candidates(at);
  }
}

/**
 * Finds a bucket's lines holding any of several needles, which stand for values (an outcome's
 * word, a kind's): a bucket holding an escape has every line a candidate (needsEveryLine).
 */
class NeedleSetReader {
  /** Read into a finder's memory, which finds each needle's lines in WebAssembly. */
  private readonly buffers = new BucketBuffer(TextFinder.create());

  /** `telling`: hand back the lines that tell a hit's command too (TextScan.telling). */
  constructor(readonly telling: boolean) {}

  /** The bucket's candidate lines, copied out; the file opened for this bucket alone. */
  candidates(at: BucketAt, needles: readonly Buffer[]): Candidates {
    const bytes = readBucket(this.buffers, at);
    const { finder } = this.buffers;
    // Every line a candidate: the lines that tell a command are among them, told as candidates.
    if (needsEveryLine(bytes, true)) return copyLines(bytes, everyLine(bytes));
    const telling = this.telling ? tellingLines(bytes, finder, at.runStart) : [];
    return copyLines(bytes, anyNeedleLines(bytes, needles, finder, telling));
  }
}
