/**
 * The journal's write buffer: each line is encoded into one reusable byte buffer the moment it
 * is appended, so a flush is a single write of bytes already in place. Collecting strings and
 * joining them at flush time cost two extra copies of every line (the join, then the encoding)
 * and the garbage of both; encoding straight into the buffer also gives each line's exact byte
 * size and position for free.
 */
import { writeSync } from 'node:fs';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
/** UTF-8 never needs more than 3 bytes per UTF-16 code unit (a surrogate pair: 4 for 2). */
const MAX_BYTES_PER_UNIT = 3;

export class LineBuffer {
  private bytes: Buffer;
  private used = 0;

  /** `capacity`: what it holds without growing (a longer burst or a huge line grows it). */
  constructor(private readonly capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  /** Bytes waiting to be written. */
  get byteLength(): number {
    return this.used;
  }

  /**
   * Appends the line `stamp` + `json` with its opening brace replaced by a comma, + a newline:
   * a record's stamp fields first, then the fields of its entry, serialized once by the caller.
   * `stamp` must be ASCII (its bytes are its characters); `json` must be a JSON object with at
   * least one field.
   */
  appendRecord(stamp: string, json: string): void {
    this.reserve((stamp.length + json.length) * MAX_BYTES_PER_UNIT + 1);
    const bytes = this.bytes;
    // One encoding call for the whole line: each call into the encoder costs about as much as
    // encoding a record, and the stamp being ASCII says where the entry's brace landed.
    const jsonAt = this.used + stamp.length;
    this.used += bytes.write(stamp + json, this.used);
    bytes[jsonAt] = COMMA;
    bytes[this.used++] = NEWLINE;
  }

  /**
   * The bytes waiting to be written, without a copy: valid until the next append (the journal
   * index reads them as they are written, journal-index-writer.ts).
   */
  pendingBytes(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  /**
   * Writes everything buffered to `fd` at `position` and empties the buffer, returning the bytes
   * written. A short write resumes at the right byte. If the write fails the lines are dropped all
   * the same (as a full disk would drop them anyway), so a broken disk cannot make memory grow.
   */
  writeTo(fd: number, position: number): number {
    const length = this.used;
    try {
      let offset = 0;
      while (offset < length)
        offset += writeSync(fd, this.bytes, offset, length - offset, position + offset);
    } finally {
      this.used = 0;
      // A huge line grew the buffer: give the memory back instead of keeping it for ever.
      if (this.bytes.length > this.capacity) this.bytes = Buffer.allocUnsafe(this.capacity);
    }
    return length;
  }

  private reserve(worstCase: number): void {
    if (this.used + worstCase <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + worstCase));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}
