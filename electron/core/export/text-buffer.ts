/**
 * Where a format writer puts its text: appended synchronously record by record, drained in large
 * chunks by whoever writes the file. Joining ~1 MB at a time keeps the number of (async) writes
 * small, which is most of the difference between formatting speed and raw write speed.
 */
export class TextBuffer {
  private parts: string[] = [];
  private chars = 0;

  push(...texts: string[]): void {
    for (const text of texts) {
      this.parts.push(text);
      this.chars += text.length;
    }
  }

  /** UTF-16 code units waiting (close enough to bytes to decide when to drain). */
  get size(): number {
    return this.chars;
  }

  drain(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    return text;
  }
}

/** How many characters a writer may buffer before its text is written out. */
export const DRAIN_CHARS = 1 << 20;
