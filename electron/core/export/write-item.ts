/**
 * How an export hands each item of its source to its writers (one for a single format, two for
 * the bundle's JSON Lines and CSV): the lines LineCheck passed as bytes to a writer that can take
 * them so, everything else as the redacted record.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { ExportItem, PreparedExport } from './export-request.js';
import type { FormatWriter } from './format-writer.js';
import { LineRun, RawLine } from './raw-line.js';

/**
 * One record, or one line as it is when nothing in it needs redacting and a writer can take it so,
 * to each writer in turn. The item is resolved (parsed, redacted) once, whatever the number of
 * writers: the redactor counts what it replaced, and the bundle's writers share one pass.
 */
export function writeItem(
  writers: readonly FormatWriter[],
  item: ExportItem,
  prepared: PreparedExport,
): void {
  if (item instanceof LineRun) {
    // A device ID the redactor learned since the run was read may be in one of its lines.
    if (prepared.redactor?.mentionsKnownId(item)) {
      for (const line of item.lines()) writeItem(writers, line, prepared);
    } else
      for (const writer of writers)
        if (writer.writeMade) writer.writeMade(item);
        else writer.writeLine?.(item);
    return;
  }
  const record = prepared.resolve(item);
  if (record) for (const writer of writers) writer.write(record);
  else if (item instanceof RawLine) {
    let parsed: JournalRecord | undefined;
    for (const writer of writers)
      if (writer.writeMade) writer.writeMade(item);
      else if (writer.writeLine) writer.writeLine(item);
      else writer.write((parsed ??= item.record()));
  }
}
