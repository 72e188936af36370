/**
 * LineCheck over a block of whole lines at once (see LineSplitter.pushBlocks): what an export's
 * helper threads run, and the calling thread too when no helper is available. The result is only
 * where each line is and whether it passed, so it is the same whichever thread made it.
 */
import { MAX_LINE_BYTES } from '../line-splitter.js';
import type { LineCheck } from './line-check.js';

/** Five numbers a line: its bounds (LF excluded), its verdict, the preview to redact (or -1). */
export const LINE_FIELDS = 5;
export const LINE_FAILED = 0;
export const LINE_PASSED = 1;
export const LINE_TOO_LONG = 2;
const PIECE_BYTES = 64 * 1024;

export interface BlockResult {
  /** LINE_FIELDS numbers per line, offsets relative to the block's `from`. */
  lines: Int32Array<ArrayBuffer>;
  count: number;
}

export function checkBlock(
  check: LineCheck,
  buf: Buffer,
  from: number,
  to: number,
  maxLineBytes = MAX_LINE_BYTES,
): BlockResult {
  let lines: Int32Array<ArrayBuffer> = new Int32Array(LINE_FIELDS * 4096);
  let count = 0;
  let at = from;
  // LineCheck reads a piece of the block at a time, as one string: a whole block (a MiB) would
  // be an external string, which the collector frees late, so every thread's memory grew by tens
  // of MB; pieces this small are collected young.
  let piece = buf;
  let pieceFrom = 0;
  let pieceTo = -1;
  while (at < to) {
    let end = buf.indexOf(10, at);
    if (end === -1 || end >= to) end = to;
    if (lines.length < (count + 1) * LINE_FIELDS) {
      const grown = new Int32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    const i = count * LINE_FIELDS;
    lines[i] = at - from;
    lines[i + 1] = end - from;
    lines[i + 3] = -1;
    lines[i + 4] = -1;
    if (end - at > maxLineBytes) lines[i + 2] = LINE_TOO_LONG;
    else {
      if (end > pieceTo) {
        pieceFrom = at;
        pieceTo = Math.min(to, Math.max(at + PIECE_BYTES, end));
        piece = buf.subarray(pieceFrom, pieceTo);
      }
      if (check.test(piece, at - pieceFrom, end - pieceFrom)) {
        lines[i + 2] = LINE_PASSED;
        if (check.previewFrom >= 0) {
          lines[i + 3] = check.previewFrom + pieceFrom - from;
          lines[i + 4] = check.previewTo + pieceFrom - from;
        }
      } else lines[i + 2] = LINE_FAILED;
    }
    count += 1;
    at = end + 1;
  }
  return { lines: lines.slice(0, count * LINE_FIELDS), count };
}
