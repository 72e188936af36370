/**
 * The lines of a bucket that tell a hit's command (hit-commands.ts): a request that sent one, and
 * a run-start (the next run's refs name other requests). Alone in its file: the text-scan helper
 * finds them too (text-scan-reader.ts), without the rest of the search.
 */
import type { TextFinder } from './text-finder.js';

/** Bytes only the lines that tell a command hold: a command's request, a run-start. */
const COMMAND = Buffer.from('"commandId":');
const RUN_START = Buffer.from('"kind":"run-start"');

/**
 * Where each line holding a telling byte string begins, in order, each once: found in WebAssembly
 * when `finder` holds the bytes (one pass each, where indexOf took three times as long), else here.
 * `runStarts: false` when the bucket's index counts no run-start in it: one pass fewer.
 */
export function tellingLines(bytes: Buffer, finder?: TextFinder, runStarts = true): number[] {
  const literals = runStarts ? [COMMAND, RUN_START] : [COMMAND];
  if (finder?.holds(bytes)) {
    const found = literals.map((literal) => finder.lineStarts(bytes.length, literal));
    if (found.every((starts): starts is number[] => starts !== undefined))
      return [...new Set(found.flat())].sort((a, b) => a - b);
  }
  const starts = new Set<number>();
  for (const literal of literals)
    for (let i = bytes.indexOf(literal); i !== -1; i = bytes.indexOf(literal, i + literal.length))
      starts.add(bytes.lastIndexOf(10, i) + 1);
  return [...starts].sort((a, b) => a - b);
}
