/**
 * Reads one clean bucket of a log file and finds its candidate lines for a search (the lines that
 * hold its needle, in any case: free text, or an outcome's word, an HRESULT's digits, a ref):
 * what the text-scan helper does with each bucket it is handed, and what the search's own thread
 * does with one it takes ahead of its turn (text-scans.ts). In WebAssembly when the finder takes
 * it (text-finder.ts), else in the lower-cased bytes (candidate-lines.ts): the same lines.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { BucketBuffer } from './bucket-buffer.js';
import {
  copyLines,
  everyLine,
  forEachCandidate,
  needsEveryLine,
  type Candidates,
} from './candidate-lines.js';
import { lowerBytes } from './lower-bytes.js';
import { tellingLines } from './telling-lines.js';
import { TextFinder } from './text-finder.js';

/** Where a bucket is: its file, and its bytes in it. */
export interface BucketAt {
  file: string;
  offset: number;
  bytes: number;
  /** Whether its index counts a run-start in it (for the lines that tell a command). */
  runStart: boolean;
}

/** What a scan looks for. */
export interface TextScan {
  /** What candidate lines hold, lower-cased (Compiled.scanNeedle, search-query.ts). */
  needle: Buffer;
  /**
   * Whether the needle stands for a value rather than free text: then a bucket holding a JSON
   * escape has every line a candidate (candidate-lines.ts, needsEveryLine).
   */
  byValue: boolean;
  /**
   * The lines that tell a hit's command too (telling-lines.ts), when the search names each hit's
   * command: handed back with index −1 among the candidates, in order, for hit-commands.ts.
   */
  telling: boolean;
}

export class TextScanReader {
  private readonly buffers: BucketBuffer;
  readonly needle: Buffer;
  readonly telling: boolean;
  readonly byValue: boolean;

  constructor(scan: TextScan) {
    this.needle = scan.needle;
    this.telling = scan.telling;
    this.byValue = scan.byValue;
    this.buffers = new BucketBuffer(TextFinder.create(scan.needle));
  }

  /**
   * The lines of the bucket whose lower-cased bytes hold the needle (and those that tell a
   * command, when asked), copied out. The file is opened for each bucket: a helper stopped
   * mid-way leaves no descriptor open.
   */
  candidates(at: BucketAt): Candidates {
    const bytes = readBucket(this.buffers, at);
    const read = bytes.length;
    const { finder } = this.buffers;
    let found: ArrayLike<number> | undefined = needsEveryLine(bytes, this.byValue)
      ? everyLine(bytes)
      : finder?.holds(bytes)
        ? finder.candidates(read)
        : undefined;
    if (!found) {
      const lower = lowerBytes(bytes, this.buffers.take('lower', read));
      const triples: number[] = [];
      forEachCandidate(bytes, lower, this.needle, lower.indexOf(this.needle), (...line) =>
        triples.push(...line),
      );
      found = triples;
    }
    return copyLines(bytes, this.telling ? withTelling(bytes, found, finder, at.runStart) : found);
  }
}

/** The candidates (triples) and, among them in order, the other lines that tell a command. */
/**
 * The bucket's bytes, read into `buffers`' read area (a finder's memory, where it has one). The
 * file is opened for this bucket alone: a helper stopped mid-way leaves no descriptor open.
 */
export function readBucket(buffers: BucketBuffer, at: BucketAt): Buffer {
  const buf = buffers.take('read', at.bytes);
  const fd = openSync(at.file, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, at.bytes, at.offset));
  } finally {
    closeSync(fd);
  }
}

function withTelling(
  bytes: Buffer,
  candidates: ArrayLike<number>,
  finder: TextFinder | undefined,
  runStarts: boolean,
): number[] {
  const out: number[] = [];
  const starts = tellingLines(bytes, finder, runStarts);
  let s = 0;
  const tellBefore = (limit: number) => {
    for (; s < starts.length && (starts[s] ?? 0) < limit; s++) {
      const start = starts[s] ?? 0;
      const nl = bytes.indexOf(10, start);
      out.push(-1, start, nl === -1 ? bytes.length : nl);
    }
  };
  for (let k = 0; k + 2 < candidates.length; k += 3) {
    const start = candidates[k + 1] ?? 0;
    tellBefore(start);
    // A candidate that tells a command is told as the candidate it is.
    if (starts[s] === start) s += 1;
    out.push(candidates[k] ?? 0, start, candidates[k + 2] ?? 0);
  }
  tellBefore(Infinity);
  return out;
}
