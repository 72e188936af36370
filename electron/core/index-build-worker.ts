/**
 * A helper thread that builds journal files' indexes (see index-builds.ts): it is sent a file and
 * the index to extend, and answers with the index, or with why it could not. It only reads.
 */
import { parentPort } from 'node:worker_threads';
import { extendIndex, indexPiece } from './journal-index-scan.js';
import type { FileIndex } from './journal-index.js';

export interface BuildTask {
  id: number;
  file: string;
  base: FileIndex;
  /**
   * Instead of extending `base`: the piece of the file from this line start to its end (one large
   * file built on both cores, index-split.ts).
   */
  from?: number;
}

export type BuildAnswer = { id: number; index: FileIndex } | { id: number; error: string };

parentPort?.on('message', (task: BuildTask) => {
  const built =
    task.from === undefined
      ? extendIndex(task.file, task.base)
      : indexPiece(task.file, task.base.file, task.from);
  built.then(
    (index) => parentPort?.postMessage({ id: task.id, index } satisfies BuildAnswer),
    (error: unknown) =>
      parentPort?.postMessage({ id: task.id, error: String(error) } satisfies BuildAnswer),
  );
});
parentPort?.postMessage('ready');
