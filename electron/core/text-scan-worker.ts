/**
 * A helper thread for a search of a large log (text-scans.ts): sent a clean bucket of a log file,
 * it reads it and answers with its candidate lines (candidate-lines.ts), or with why it could not.
 * It only reads.
 */
import { parentPort } from 'node:worker_threads';
import type { Candidates } from './candidate-lines.js';
import { TextScanReader, type BucketAt } from './text-scan-reader.js';

export interface ScanTask {
  id: number;
  at: BucketAt;
  /** What candidate lines hold, lower-cased (Compiled.scanNeedle, search-query.ts). */
  needle: Uint8Array;
  /** Hand back the lines that tell a hit's command too (TextScan.telling). */
  telling: boolean;
  /** The needle stands for a value, not free text (TextScan.byValue). */
  byValue: boolean;
}

export type ScanAnswer = { id: number; found: Candidates } | { id: number; error: string };

/** One search's reader: each search starts a helper of its own. */
let reader: TextScanReader | undefined;
parentPort?.on('message', (task: ScanTask) => {
  try {
    const needle = Buffer.from(task.needle.buffer, task.needle.byteOffset, task.needle.length);
    if (
      !reader?.needle.equals(needle) ||
      reader.telling !== task.telling ||
      reader.byValue !== task.byValue
    )
      reader = new TextScanReader({ needle, telling: task.telling, byValue: task.byValue });
    const found = reader.candidates(task.at);
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
