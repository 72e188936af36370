/**
 * A journal line an export takes as it is, because LineCheck passed it: its bytes, still in the
 * chunk they were read in (no copy, no string), parsed only when a format needs its fields.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';

/**
 * How a checked block says where its lines are (line-block-check.ts): LINE_FIELDS numbers a line,
 * the first two its start and end (LF excluded) relative to the block's start, the last two where
 * the made text ends after it and the ref of the line's row (ref-key.ts).
 */
export const LINE_FIELDS = 7;

/** A format's text for passing lines, made on a helper thread: `buf[from, to)`, UTF-8. */
export interface MadeText {
  buf: Buffer;
  from: number;
  to: number;
  /** The AheadState version it was made with. */
  version: number;
  /**
   * Where each line is, and each one's text: the checked block's `lines` (LINE_FIELDS numbers a
   * line, relative to `base` in the line's buffer), this text's first line being its `first`.
   * For a writer that looks at a run's lines one by one (csv-command-cells.ts).
   */
  lines: Int32Array;
  first: number;
  base: number;
}

export class RawLine {
  /** What the preview's hex is replaced with, when it decodes to an identifier (set on export). */
  replacement: string | undefined;
  /** The format's text for this line (or run), when a helper thread made it. */
  made: MadeText | undefined;
  /**
   * Its buffer is a pool's memory (a certified bucket, a chunk of a saved log), not filled again
   * while anyone holds it (kept-buffers.ts): a writer may keep it, holding it until written.
   */
  kept = false;

  constructor(
    readonly buf: Buffer,
    readonly from: number,
    readonly to: number,
    /** The preview's hex, `buf[previewFrom, previewTo)`, when it must be redacted; else -1. */
    readonly previewFrom = -1,
    readonly previewTo = -1,
  ) {}

  /** The hex to redact, when there is one. */
  get preview(): string | undefined {
    return this.previewFrom < 0
      ? undefined
      : this.buf.toString('latin1', this.previewFrom, this.previewTo);
  }

  /** The record. LineCheck proved it is a valid one of the current format, so no check follows. */
  record(): JournalRecord {
    // Printable ASCII only (LineCheck refuses anything else), so latin1 decodes it exactly.
    const record = JSON.parse(this.buf.toString('latin1', this.from, this.to)) as JournalRecord;
    if (this.replacement !== undefined && record.kind === 'read-data')
      record.preview = this.replacement;
    return record;
  }

  includes(text: string): boolean {
    return this.buf.subarray(this.from, this.to).includes(text);
  }
}

/**
 * Consecutive lines LineCheck passed with nothing in them to patch, still in their chunk:
 * `buf[from, to)` is the lines with the LFs between them (not the last one). A JSON Lines export
 * copies a run in one go; anything that needs one record at a time asks for `lines()`.
 */
export class LineRun extends RawLine {
  constructor(
    buf: Buffer,
    from: number,
    to: number,
    /** How many lines. */
    readonly count: number,
  ) {
    super(buf, from, to);
  }

  /** The lines one by one. */
  lines(): RawLine[] {
    const out: RawLine[] = [];
    let at = this.from;
    while (at <= this.to) {
      let end = this.buf.indexOf(10, at);
      if (end === -1 || end > this.to) end = this.to;
      out.push(new RawLine(this.buf, at, end));
      at = end + 1;
    }
    return out;
  }

  /** The last line alone (a run ends without its LF). */
  lastLine(): RawLine {
    const before = this.buf.lastIndexOf(10, this.to - 1);
    return new RawLine(this.buf, before < this.from ? this.from : before + 1, this.to);
  }

  /** Only one line has a record: take `lines()` first. */
  override record(): never {
    throw new Error('A run of lines has no single record: take its lines() first.');
  }
}
