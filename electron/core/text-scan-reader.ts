/**
 * Reads one clean bucket of a log file and finds its candidate lines for a free-text search:
 * what the text-scan helper does with each bucket it is handed, and what the search's own thread
 * does with one it takes ahead of its turn (text-scans.ts). In WebAssembly when the finder takes
 * it (text-finder.ts), else in the lower-cased bytes (candidate-lines.ts): the same lines.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { BucketBuffer } from './bucket-buffer.js';
import { copyCandidates, copyLines, type Candidates } from './candidate-lines.js';
import { lowerBytes } from './lower-bytes.js';
import { TextFinder } from './text-finder.js';

/** Where a bucket is: its file, and its bytes in it. */
export interface BucketAt {
  file: string;
  offset: number;
  bytes: number;
}

export class TextScanReader {
  private readonly buffers: BucketBuffer;

  /** `needle`: the query's text, lower-cased (search-query.ts). */
  constructor(readonly needle: Buffer) {
    this.buffers = new BucketBuffer(TextFinder.for(needle));
  }

  /**
   * The lines of the bucket whose lower-cased bytes hold the needle, copied out. The file is
   * opened for each bucket: a helper stopped mid-way leaves no descriptor open.
   */
  candidates(at: BucketAt): Candidates {
    const buf = this.buffers.take('read', at.bytes);
    const fd = openSync(at.file, 'r');
    let read: number;
    try {
      read = readSync(fd, buf, 0, at.bytes, at.offset);
    } finally {
      closeSync(fd);
    }
    const bytes = buf.subarray(0, read);
    const { finder } = this.buffers;
    const rows = finder?.holds(bytes) ? finder.candidates(read) : undefined;
    return rows
      ? copyLines(bytes, rows)
      : copyCandidates(bytes, lowerBytes(bytes, this.buffers.take('lower', read)), this.needle);
  }
}
