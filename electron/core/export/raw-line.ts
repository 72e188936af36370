/**
 * A journal line an export takes as it is, because LineCheck passed it: its bytes, still in the
 * chunk they were read in (no copy, no string), parsed only when a format needs its fields.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';

export class RawLine {
  constructor(
    readonly buf: Buffer,
    readonly from: number,
    readonly to: number,
  ) {}

  /** The record. LineCheck proved it is a valid one of the current format, so no check follows. */
  record(): JournalRecord {
    // Printable ASCII only (LineCheck refuses anything else), so latin1 decodes it exactly.
    return JSON.parse(this.buf.toString('latin1', this.from, this.to)) as JournalRecord;
  }

  includes(text: string): boolean {
    return this.buf.subarray(this.from, this.to).includes(text);
  }
}
