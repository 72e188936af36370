/**
 * Where a format writer puts its text: appended synchronously record by record, encoded to UTF-8
 * straight into 1 MiB buffers, and drained by whoever writes the file. Encoding in place (rather
 * than collecting strings and joining them) touches each byte once; handing over whole buffers
 * keeps the number of (async) writes small. Both were most of the gap between formatting speed
 * and raw write speed.
 */
const CHUNK = 1 << 20;

export class TextBuffer {
  private full: Buffer[] = [];
  private fullBytes = 0;
  private current = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  push(...texts: string[]): void {
    for (const text of texts) this.add(text);
  }

  /** Appends what another buffer drained, without copying. */
  pushBuffers(buffers: readonly Buffer[]): void {
    this.seal();
    for (const buffer of buffers) {
      this.full.push(buffer);
      this.fullBytes += buffer.length;
    }
  }

  /** Bytes waiting. */
  get size(): number {
    return this.fullBytes + this.used;
  }

  /** Everything written so far, as buffers to write in order; the buffer starts empty again. */
  drain(): Buffer[] {
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

  private seal(): void {
    if (this.used === 0) return;
    this.full.push(this.current.subarray(0, this.used));
    this.fullBytes += this.used;
    this.current = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
  }
}

/** How many bytes a writer may buffer before its text is written out. */
export const DRAIN_BYTES = 1 << 20;
