/**
 * Where a format writer puts its text: appended synchronously record by record, encoded to UTF-8
 * straight into 1 MiB buffers, and drained by whoever writes the file. Encoding in place (rather
 * than collecting strings and joining them) touches each byte once; handing over whole buffers
 * keeps the number of (async) writes small. Both were most of the gap between formatting speed
 * and raw write speed.
 */
import { holdKept, releaseKept } from './kept-buffers.js';

const CHUNK = 1 << 20;
const LF = 10;
/** Written buffers kept to be filled again: one write in flight, one being filled, a spare. */
const MAX_SPARE = 2;
/**
 * A kept line (pushKeptLine) shorter than this is copied all the same: keeping it seals the
 * buffer being filled, which would leave most of a MiB unused for a few lines.
 */
const KEEP_FROM = 64 * 1024;

export class TextBuffer {
  private full: Buffer[] = [];
  private fullBytes = 0;
  private current: Buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** The memory of the buffers this allocated, which alone it may fill again (`recycle`). */
  private readonly own = new WeakSet<ArrayBufferLike>([this.current.buffer]);
  private readonly spare: Buffer[] = [];
  /** Lines handed over as bytes and not yet copied: consecutive lines of a chunk go in one copy. */
  private span: Buffer | undefined;
  private spanFrom = 0;
  private spanTo = 0;

  /** Whether whoever drains this gives the buffers back through `recycle` (see the constructor). */
  private readonly recycled: boolean;

  /**
   * `recycled`: whoever drains this gives the buffers back through `recycle` once written (a file
   * export does; a bundle hands them on for good). Only then does a kept line stay in its pool's
   * memory rather than being copied: never given back, that memory was never filled again, and
   * the pool took new memory for every MiB read.
   */
  constructor(options: { recycled?: boolean } = {}) {
    this.recycled = options.recycled ?? false;
  }

  push(...texts: string[]): void {
    this.flushSpan();
    for (const text of texts) this.add(text);
  }

  /**
   * Appends `buf[from, to)` and a LF: a line copied as it is. The copy waits until the next bytes
   * turn out not to follow these in the same buffer, so a run of lines (even with a patch in one
   * of them, see pushPatchedLine) costs one copy, not one a line.
   */
  pushLine(buf: Buffer, from: number, to: number): void {
    this.pushBytes(buf, from, to);
    this.pushLf(buf, to);
  }

  /**
   * Appends `buf[from, to)` and a LF as `pushLine` does, but written from `buf` itself, not
   * copied: for a run of lines in a pool's memory, not filled again while held (a certified
   * bucket, or a chunk of a saved log: kept-buffers.ts). Copying a bucket first cost about a
   * tenth of such an export's time. Keeping a saved log's chunks too took a JSON Lines export of
   * 1M events (alternated, fresh processes) from 525-707 ms to 498-574 ms, and its peak memory
   * from 133-141 MB to 128-132 MB. When this is never recycled, or the run is short, the line is
   * copied as `pushLine` copies it (see `recycled` and KEEP_FROM).
   */
  pushKeptLine(buf: Buffer, from: number, to: number): void {
    if (!this.recycled || to - from < KEEP_FROM) {
      this.pushLine(buf, from, to);
      return;
    }
    this.flushSpan();
    this.seal();
    const end = buf[to] === LF ? to + 1 : to;
    // Its memory is not filled again until the write that carries it is done (`recycle`).
    holdKept(buf);
    this.full.push(buf.subarray(from, end));
    this.fullBytes += end - from;
    if (end === to) this.add('\n');
  }

  /** Appends a line as `pushLine` does, with `buf[cutFrom, cutTo)` replaced by `text` (ASCII). */
  pushPatchedLine(
    buf: Buffer,
    from: number,
    to: number,
    cutFrom: number,
    cutTo: number,
    text: string,
  ): void {
    this.pushBytes(buf, from, cutFrom);
    this.flushSpan();
    this.add(text);
    this.pushBytes(buf, cutTo, to);
    this.pushLf(buf, to);
  }

  /** `buf[from, to)`, joined to the waiting bytes when it follows them in the same buffer. */
  pushBytes(buf: Buffer, from: number, to: number): void {
    if (buf === this.span && from === this.spanTo) {
      this.spanTo = to;
      return;
    }
    this.flushSpan();
    // Not copied yet: a certified bucket's memory must not be filled again meanwhile.
    holdKept(buf);
    this.span = buf;
    this.spanFrom = from;
    this.spanTo = to;
  }

  /** The LF after a line: the source's own when it has one there, so the run goes on. */
  private pushLf(buf: Buffer, at: number): void {
    if (buf[at] === LF) this.pushBytes(buf, at, at + 1);
    else {
      this.flushSpan();
      this.add('\n');
    }
  }

  /** Appends what another buffer drained, without copying. */
  pushBuffers(buffers: readonly Buffer[]): void {
    this.flushSpan();
    this.seal();
    for (const buffer of buffers) {
      // Held as a kept line is, since `recycle` lets go of every buffer not allocated here: a
      // pool's memory handed on whole was otherwise released once more than it was held.
      holdKept(buffer);
      this.full.push(buffer);
      this.fullBytes += buffer.length;
    }
  }

  /**
   * Buffers `drain` handed out, now written and no longer needed: their memory is filled again
   * instead of new memory being allocated for every MiB (fresh memory costs page faults, and the
   * collector runs more often as it piles up). Only buffers this allocated are taken; a kept
   * line's bucket goes back to the reader's pool once nothing else holds it (kept-buffers.ts).
   */
  recycle(buffers: readonly Buffer[]): void {
    for (const buffer of buffers) {
      const memory = buffer.buffer;
      if (!this.own.has(memory)) {
        // A kept line's bucket (pushKeptLine): written, so no longer held here.
        releaseKept(buffer);
        continue;
      }
      if (this.spare.length >= MAX_SPARE || memory.byteLength !== CHUNK) continue;
      this.own.delete(memory);
      this.spare.push(Buffer.from(memory, 0, CHUNK));
    }
  }

  /** Bytes waiting. */
  get size(): number {
    return this.fullBytes + this.used + (this.span ? this.spanTo - this.spanFrom : 0);
  }

  /** Everything written so far, as buffers to write in order; the buffer starts empty again. */
  drain(): Buffer[] {
    this.flushSpan();
    this.seal();
    const out = this.full;
    this.full = [];
    this.fullBytes = 0;
    return out;
  }

  private add(text: string): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes; only near the end is the exact length needed.
    if (text.length * 3 > CHUNK - this.used) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > CHUNK - this.used) {
        this.seal();
        if (bytes > CHUNK) {
          this.full.push(Buffer.from(text, 'utf8'));
          this.fullBytes += bytes;
          return;
        }
      }
    }
    this.used += this.current.write(text, this.used, 'utf8');
  }

  private flushSpan(): void {
    const span = this.span;
    if (!span) return;
    this.span = undefined;
    this.copy(span, this.spanFrom, this.spanTo);
    releaseKept(span);
  }

  /** Copies `buf[from, to)` in. */
  private copy(buf: Buffer, from: number, to: number): void {
    const length = to - from;
    if (length > CHUNK - this.used) {
      this.seal();
      if (length > CHUNK) {
        this.full.push(Buffer.from(buf.subarray(from, to)));
        this.fullBytes += length;
        return;
      }
    }
    buf.copy(this.current, this.used, from, to);
    this.used += length;
  }

  private seal(): void {
    if (this.used === 0) return;
    this.full.push(this.current.subarray(0, this.used));
    this.fullBytes += this.used;
    this.current = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    this.own.add(this.current.buffer);
    this.used = 0;
  }
}

/** How many bytes a writer may buffer before its text is written out. */
export const DRAIN_BYTES = 1 << 20;
