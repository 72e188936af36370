/**
 * Exporting a log: records in (any async iterable: a saved file, a run directory, a live
 * journal), one file out, at the path the caller chose and nowhere else.
 *
 * - Redaction is on unless the caller explicitly passes `redact: false`; it is applied to each
 *   record before any format sees it.
 * - Text streams to a temporary file beside the destination in ~1 MB writes and is renamed into
 *   place only when complete (atomic-file.ts); a failure or cancellation deletes it and throws an
 *   ExportError whose message says what happened in plain words.
 * - `onProgress` hears records and bytes after every write; `signal` cancels between batches
 *   (a record, or the records of one read chunk of a saved log).
 * - A saved log hands over the lines that need no work as their bytes (line-check.ts), checked
 *   in blocks on helper threads as well as this one (line-check-pool.ts): JSON Lines copies runs
 *   of them at once, CSV takes the rows a helper made for them, the other formats parse them
 *   without the shape check and redaction. Everything that depends on the order of the lines
 *   (redaction tokens, learned device IDs, the CSV model column) happens here, in file order.
 * - The HTML report's log is made before the summary it follows (FormatWriter.later): it waits in
 *   a part file beside the destination and is appended at the end (later-part.ts).
 * - A JSON Lines or CSV export of a log with lines it could not read ends with a record saying how
 *   many and which (left-out-lines.ts), added to its source.
 */
import { AtomicFile, WRITES_BEHIND } from './atomic-file.js';
import { ExportError, cancelledError } from './export-error.js';
import {
  prepareExport,
  readNext,
  recordCount,
  type ExportRequest,
  type ExportResult,
  type PreparedExport,
} from './export-request.js';
import type { FormatWriter, FormatWriterFactory } from './format-writer.js';
import { writeItem } from './write-item.js';
import { isLeftOutBatch, withLeftOutLines } from './left-out-lines.js';

export type { ExportProgress, ExportRequest, ExportResult } from './export-request.js';
import { ENDS_WITH_LEFT_OUT_LINES, type ExportFormat } from './formats.js';
import { DRAIN_BYTES, TextBuffer } from './text-buffer.js';
import { LaterPart } from './later-part.js';
import { SheetCut } from './sheet-cut.js';

/** Progress is told at least this often, in records read, whatever was written meanwhile. */
const TELL_EVERY_RECORDS = 20_000;

/**
 * Each format's writer, loaded when that format is exported: an export is of one format, and the
 * others' code (the report's HTML and SVG, the bundle's zip and its manifest's schema library)
 * took a fresh process tens of ms to load before a JSON Lines export wrote its first byte.
 */
const TEXT_WRITERS: Readonly<
  Record<Exclude<ExportFormat, 'zip'>, () => Promise<FormatWriterFactory>>
> = {
  jsonl: async () => (await import('./format-jsonl.js')).jsonlWriter,
  csv: async () => (await import('./format-csv.js')).csvWriter,
  html: async () => (await import('./format-html.js')).htmlWriter,
  trace: async () => (await import('./format-trace.js')).traceWriter,
  pcapng: async () => (await import('./format-pcapng.js')).pcapngWriter,
};

export async function exportLog(request: ExportRequest): Promise<ExportResult> {
  if (request.signal?.aborted) throw cancelledError();
  const prepared = ENDS_WITH_LEFT_OUT_LINES.has(request.format)
    ? withLeftOutLines(prepareExport(request), () => request.problemsLeftOut?.() ?? 0)
    : prepareExport(request);
  const file = await AtomicFile.create(request.destination);
  try {
    // Of a CSV: where a spreadsheet stops showing it.
    const cut = request.format === 'csv' ? new SheetCut() : undefined;
    const records =
      request.format === 'zip'
        ? await (await import('./bundle.js')).writeBundle(request, prepared, file)
        : await writeText(await TEXT_WRITERS[request.format](), request, prepared, file, cut);
    if (request.signal?.aborted) throw cancelledError();
    await file.commit();
    const sheetRest = cut?.rest();
    return {
      ...(sheetRest === undefined ? {} : { sheetRest }),
      destination: request.destination,
      format: request.format,
      records,
      bytes: file.bytes,
      redacted: prepared.context.redacted,
      redaction: prepared.redactor?.summary() ?? null,
      problems: prepared.problems(),
      unreadable: prepared.problems().length + (request.problemsLeftOut?.() ?? 0),
    };
  } catch (error) {
    await file.abort();
    throw asExportError(error, request.signal);
  }
}

/** Streams one text format into `file`; returns the number of records written. */
async function writeText(
  factory: FormatWriterFactory,
  request: Pick<ExportRequest, 'signal' | 'onProgress'>,
  prepared: PreparedExport,
  file: AtomicFile,
  cut: SheetCut | undefined,
): Promise<number> {
  // Its buffers come back below once written: kept lines may stay in their pool's memory.
  const buffer = new TextBuffer({ recycled: true });
  const writer = factory(buffer, prepared.context);
  // The report's log, made before the summary it follows, waits in a part file (LaterPart).
  const later = writer.later && (await LaterPart.create(file.destination));
  try {
    return await writeRecords(writer, buffer, request, prepared, file, later, cut);
  } finally {
    await later?.abort();
  }
}

async function writeRecords(
  writer: FormatWriter,
  buffer: TextBuffer,
  request: Pick<ExportRequest, 'signal' | 'onProgress'>,
  prepared: PreparedExport,
  file: AtomicFile,
  later: LaterPart | undefined,
  cut: SheetCut | undefined,
): Promise<number> {
  let records = 0;
  let bytes = 0;
  /** Records read when progress was last told. */
  let told = 0;
  /** The buffers of the drains whose writes may still be in flight, oldest first. */
  const writing: Buffer[][] = [];
  const drain = async (): Promise<void> => {
    const buffers = buffer.drain();
    for (const b of buffers) bytes += b.length;
    await file.writeBehind(buffers);
    if (later && writer.later) {
      const laterBuffers = writer.later.drain();
      for (const b of laterBuffers) bytes += b.length;
      await later.write(laterBuffers);
      writer.later.recycle(laterBuffers);
    }
    // Only the last WRITES_BEHIND drains may still be being written: older buffers are free.
    writing.push(buffers);
    while (writing.length > WRITES_BEHIND) buffer.recycle(writing.shift() ?? []);
    told = records;
    request.onProgress?.({ phase: 'writing', records, bytes });
  };
  // A writer that copies lines as bytes, or takes text made ahead, takes runs of them at once.
  const source = prepared.batches(
    writer.writeLine !== undefined || writer.writeMade !== undefined,
    writer.madeAhead,
    writer.checkHelpers,
  );
  for (;;) {
    const next = await readNext(source);
    if (next.done) break;
    if (request.signal?.aborted) throw cancelledError();
    // The record of the lines left out is written, not counted: the confirmation counts the log's.
    const counted = !isLeftOutBatch(next.value);
    // Looked at as the writer reads it: a chunk's memory is the reader's to fill again later.
    if (counted) cut?.see(next.value, records);
    for (const item of next.value) writeItem([writer], item, prepared);
    if (counted) records += recordCount(next.value);
    if (buffer.size >= DRAIN_BYTES || (writer.later?.size ?? 0) >= DRAIN_BYTES) await drain();
    // A format that writes little of what it reads (a capture of a log with no MBIM messages,
    // read to its end before it can say so) says how far it has read all the same: its panel
    // sat on its first words for the 9 s a week's log took.
    else if (records - told >= TELL_EVERY_RECORDS) {
      told = records;
      request.onProgress?.({ phase: 'writing', records, bytes });
    }
  }
  writer.finish();
  await drain();
  await later?.copyTo((buffers) => file.writeBehind(buffers));
  await file.settle();
  return records;
}

function asExportError(error: unknown, signal: AbortSignal | undefined): ExportError {
  // Once cancelled, whatever stopped the export (the reader hears the signal too) was the cancel.
  if (signal?.aborted) return cancelledError();
  if (error instanceof ExportError) return error;
  return new ExportError(
    `The export failed: ${error instanceof Error ? error.message : String(error)}. Nothing was saved.`,
    'write-failed',
    { cause: error },
  );
}
