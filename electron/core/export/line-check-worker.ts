/**
 * A helper thread of an export (see line-check-pool.ts): checks the blocks of lines it is sent
 * and answers with where each line is and whether it passed. It sees only bytes, never the
 * redactor, so it cannot change what an export writes, only how soon.
 */
import { parentPort } from 'node:worker_threads';
import type { AheadState } from './format-writer.js';
import { checkBlock } from './line-block-check.js';
import { LineCheck } from './line-check.js';

export interface BlockTask {
  id: number;
  redacting: boolean;
  /** Make the CSV rows of passing lines with these models too. */
  ahead: AheadState | undefined;
  bytes: Uint8Array<ArrayBuffer>;
  /** Memory for the rows, handed over to be used again (line-check-pool.ts). */
  made: ArrayBuffer | undefined;
}

export interface BlockAnswer {
  id: number;
  lines: Int32Array<ArrayBuffer>;
  count: number;
  made: Uint8Array<ArrayBuffer> | undefined;
  /** The task's bytes, handed back for the next block: left to the collector, they piled up. */
  bytes: Uint8Array<ArrayBuffer>;
}

const checks = new Map<boolean, LineCheck>();

parentPort?.on('message', (task: BlockTask) => {
  let check = checks.get(task.redacting);
  if (!check) {
    check = new LineCheck(task.redacting);
    checks.set(task.redacting, check);
  }
  const buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const { lines, count, made } = checkBlock(
    check,
    buf,
    0,
    buf.length,
    undefined,
    task.ahead,
    task.made,
  );
  // The version the rows were made with is the task's, known to the caller.
  const answer: BlockAnswer = { id: task.id, lines, count, made, bytes: task.bytes };
  const handed = [lines.buffer, task.bytes.buffer];
  if (made) handed.push(made.buffer);
  parentPort?.postMessage(answer, handed);
});
parentPort?.postMessage('ready');
