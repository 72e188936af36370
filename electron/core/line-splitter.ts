/**
 * Splits a stream of bytes into lines, in time and memory linear in the input whatever its shape.
 * Only the unfinished line is carried from one chunk to the next, and never more than
 * `maxLineBytes` of it: a longer line (far longer than any record a journal writes) is reported
 * once, when it ends, and its bytes are dropped as they arrive. A 2 GiB line, from a damaged file
 * or a zip bomb, costs one pass and no memory.
 *
 * Splits on LF in the raw bytes, so offsets are exact whatever the text's encoding.
 */

/** Far above any real record (the longest are a few kilobytes), far below what hurts. */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * A line's text as every reader of a log takes it, so that all count the same records: without
 * a byte-order mark at its start, nor the CR of a CRLF. The mark is taken off any line, not only
 * a file's first: files an editor saved, joined end to end, bring theirs into the middle.
 */
export function journalLineText(buf: Buffer, from: number, to: number): string {
  let start = from;
  if (buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
  let end = to;
  if (end > start && buf[end - 1] === 13) end -= 1;
  return buf.toString('utf8', start, end);
}

/**
 * A line that counts for nothing (no record, no damage), by the same rule for every reader: the
 * index, the log's view, an export, and the search's scans of a bucket (candidate-lines.ts, and
 * wasm/text-scan.ts, which spells the rule in bytes). Whatever trim() takes off is blank: a
 * byte-order mark alone (an empty file saved as UTF-8, joined to a log), a form feed, a no-break
 * space; a scan that counted only spaces, tabs and CRs numbered every hit after one as the row
 * after its own.
 */
export function isBlankLine(buf: Buffer, from: number, to: number): boolean {
  // A journal's lines start with `{`: answered without making a string.
  if (buf[from] === 0x7b) return false;
  return journalLineText(buf, from, to).trim() === '';
}

export interface LineHandler {
  /** A line, LF excluded, as `buf[from, to)`; `offset` is its first byte in the whole stream. */
  line(buf: Buffer, from: number, to: number, offset: number, line: number, last: boolean): void;
  /** A line longer than the limit, dropped; `last` when the stream ended inside it. */
  tooLong(offset: number, line: number, last: boolean): void;
}

/**
 * Whole lines in one piece, for a caller that handles many lines at once (an export checking
 * them on another thread): `buf[from, to)` holds complete lines, each with its LF, except the
 * stream's unfinished last line (`last`). Lines are not numbered: the caller counts them in order.
 */
export type LineBlock =
  | { kind: 'lines'; buf: Buffer; from: number; to: number; offset: number; last: boolean }
  | { kind: 'too-long'; offset: number; last: boolean };

export class LineSplitter {
  private carry: Buffer | undefined;
  /** Offset of the first byte of the unfinished line. */
  private carryOffset: number;
  /** Offset of the next byte to arrive. */
  private position: number;
  private lineNo: number;
  /** The unfinished line is over the limit: its bytes are being dropped until its LF. */
  private skipping = false;

  constructor(
    start: { offset: number; line: number } = { offset: 0, line: 0 },
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {
    this.carryOffset = start.offset;
    this.position = start.offset;
    this.lineNo = start.line;
  }

  push(chunk: Buffer, handler: LineHandler): void {
    const chunkOffset = this.position;
    this.position += chunk.length;
    let from = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(10);
      if (nl === -1) return;
      this.lineNo += 1;
      handler.tooLong(this.carryOffset, this.lineNo, false);
      this.skipping = false;
      from = nl + 1;
    }
    if (this.carry) {
      // Only the line that straddles the two chunks is joined: concatenating the carry with the
      // whole chunk copied every byte of the file once more.
      const nl = chunk.indexOf(10, from);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk.subarray(from)]);
        if (this.carry.length > this.maxLineBytes) {
          this.skipping = true;
          this.carry = undefined;
        }
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(from, nl + 1)]);
      this.carry = undefined;
      this.lineNo += 1;
      const length = joined.length - 1;
      if (length > this.maxLineBytes) handler.tooLong(this.carryOffset, this.lineNo, false);
      else handler.line(joined, 0, length, this.carryOffset, this.lineNo, false);
      from = nl + 1;
    }
    const buf = from === 0 ? chunk : chunk.subarray(from);
    const base = chunkOffset + from;
    let at = 0;
    for (;;) {
      const nl = buf.indexOf(10, at);
      if (nl === -1) break;
      this.lineNo += 1;
      if (nl - at > this.maxLineBytes) handler.tooLong(base + at, this.lineNo, false);
      else handler.line(buf, at, nl, base + at, this.lineNo, false);
      at = nl + 1;
    }
    this.keepRest(buf, at, base + at);
  }

  /** Lines numbered so far: where a caller switching to blocks starts counting. */
  get lines(): number {
    return this.lineNo;
  }

  /**
   * Where the next line starts in the stream, and the lines before it: where a reader may go on
   * from the file itself (undefined while a line too long to keep is being skipped).
   */
  get nextLine(): { offset: number; line: number } | undefined {
    return this.skipping ? undefined : { offset: this.carryOffset, line: this.lineNo };
  }

  /**
   * Like `push`, but hands the chunk's lines over as blocks of whole lines (the line that straddles
   * the previous chunk, then everything up to the chunk's last LF). Lines longer than the limit
   * inside a block are the caller's to spot; a straddling one is reported as `too-long`.
   */
  pushBlocks(chunk: Buffer, onBlock: (block: LineBlock) => void): void {
    const chunkOffset = this.position;
    this.position += chunk.length;
    let from = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(10);
      if (nl === -1) return;
      onBlock({ kind: 'too-long', offset: this.carryOffset, last: false });
      this.skipping = false;
      from = nl + 1;
    } else if (this.carry) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        if (this.carry.length > this.maxLineBytes) {
          this.skipping = true;
          this.carry = undefined;
        }
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = undefined;
      if (joined.length - 1 > this.maxLineBytes)
        onBlock({ kind: 'too-long', offset: this.carryOffset, last: false });
      else
        onBlock({
          kind: 'lines',
          buf: joined,
          from: 0,
          to: joined.length,
          offset: this.carryOffset,
          last: false,
        });
      from = nl + 1;
    }
    const lastLf = chunk.lastIndexOf(10);
    if (lastLf >= from) {
      onBlock({
        kind: 'lines',
        buf: chunk,
        from,
        to: lastLf + 1,
        offset: chunkOffset + from,
        last: false,
      });
      from = lastLf + 1;
    }
    this.keepRest(chunk, from, chunkOffset + from);
  }

  /**
   * `buf[at..]`, an unfinished line starting at byte `offset` of the stream, waits for the next
   * chunk; one already longer than any record is skipped to its end instead.
   */
  private keepRest(buf: Buffer, at: number, offset: number): void {
    this.carryOffset = offset;
    if (buf.length - at > this.maxLineBytes) {
      this.skipping = true;
      this.carry = undefined;
    } else {
      this.carry = at < buf.length ? buf.subarray(at) : undefined;
    }
  }

  /** The stream ended, in block mode: its unfinished last line, if any. */
  endBlocks(onBlock: (block: LineBlock) => void): void {
    if (this.skipping) onBlock({ kind: 'too-long', offset: this.carryOffset, last: true });
    else if (this.carry && this.carry.length > 0)
      onBlock({
        kind: 'lines',
        buf: this.carry,
        from: 0,
        to: this.carry.length,
        offset: this.carryOffset,
        last: true,
      });
    this.carry = undefined;
    this.skipping = false;
  }

  /** The stream ended: hands over its unfinished last line, if any. */
  end(handler: LineHandler): void {
    if (this.skipping) {
      this.lineNo += 1;
      handler.tooLong(this.carryOffset, this.lineNo, true);
    } else if (this.carry && this.carry.length > 0) {
      this.lineNo += 1;
      handler.line(this.carry, 0, this.carry.length, this.carryOffset, this.lineNo, true);
    }
    this.carry = undefined;
    this.skipping = false;
  }
}
