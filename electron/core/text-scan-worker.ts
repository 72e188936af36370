/**
 * A helper thread for a search of a large log (text-scans.ts): sent a clean bucket of a log file,
 * it reads it and answers with its candidate lines (candidate-lines.ts), or with why it could not.
 * It only reads.
 */
import { parentPort } from 'node:worker_threads';
import type { Candidates } from './candidate-lines.js';
import { ScanReaders } from './scan-readers.js';
import type { BucketAt } from './text-scan-reader.js';

export interface ScanTask {
  id: number;
  at: BucketAt;
  /**
   * What candidate lines hold: one needle, in any case (Compiled.scanNeedle, search-query.ts), or
   * any of several, as written (Compiled.anyNeedle).
   */
  needles: Uint8Array[];
  /** Hand back the lines that tell a hit's command too (TextScan.telling). */
  telling: boolean;
  /** The needle stands for a value, not free text (TextScan.byValue). */
  byValue: boolean;
}

export type ScanAnswer = { id: number; found: Candidates } | { id: number; error: string };

/** One search's readers: each search starts a helper of its own. */
let readers: ScanReaders | undefined;
parentPort?.on('message', (task: ScanTask) => {
  try {
    const needles = task.needles.map((n) => Buffer.from(n.buffer, n.byteOffset, n.length));
    if (readers?.telling !== task.telling || readers.byValue !== task.byValue)
      readers = new ScanReaders(task.telling, task.byValue);
    const found = readers.candidates(task.at, needles);
    // Moved, not copied: the arrays are the answer's own.
    parentPort?.postMessage({ id: task.id, found } satisfies ScanAnswer, [
      found.lines.buffer,
      found.bytes.buffer,
    ]);
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: String(error) } satisfies ScanAnswer);
  }
});
parentPort?.postMessage('ready');
