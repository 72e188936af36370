/**
 * JSON Lines: the canonical export. The records exactly as the journal wrote them (each carries
 * its format version `v`), one per line, so the app and any later version of it open it again.
 */
import type { FormatWriterFactory } from './format-writer.js';

export const jsonlWriter: FormatWriterFactory = (out) => ({
  write(record) {
    out.push(`${JSON.stringify(record)}\n`);
  },
  finish() {
    // Nothing to close: every line is complete on its own.
  },
});
