/**
 * The .zip diagnostic bundle: every format plus a manifest and a README, for handing to support
 * in one piece.
 *
 * The records arrive once (they may come from a live journal), so all four formats are written
 * in the same pass, each compressed as it is written (on the thread pool, so on the second core
 * while this one formats: deflated-part.ts) to its own temporary part file beside the
 * destination; the zip is then only framing around them (zip-container.ts). Memory stays that of
 * the four writers; disk use is briefly the compressed parts plus the zip. The parts are always
 * deleted, whatever happens. Entry names are fixed, so no file name inside
 * the bundle can carry an identifier.
 */
import { basename } from 'node:path';
import type { AtomicFile } from './atomic-file.js';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  README_TEXT,
  type BundleManifest,
} from './bundle-manifest.js';
import { cancelledError } from './export-error.js';
import { FORMAT_INFO } from './formats.js';
import { csvWriter } from './format-csv.js';
import { HtmlReportWriter } from './format-html.js';
import { jsonlWriter } from './format-jsonl.js';
import { TraceWriter } from './format-trace.js';
import { SharedFold } from './shared-fold.js';
import type { FormatWriter, FormatWriterFactory } from './format-writer.js';
import type { SummaryCollector } from './summary.js';
import { DRAIN_BYTES, TextBuffer } from './text-buffer.js';
import { DeflatedPart } from './deflated-part.js';
import { readNext, type ExportRequest, type PreparedExport } from './export-request.js';
import { bufferEntry, writeZip, type ZipEntry } from './zip-container.js';
import type { RawLine } from './raw-line.js';

/**
 * Deflate level 1: logs are repetitive text, so even the fastest level shrinks them about
 * tenfold, at several times the speed of the default level 6 (measured in bench/export.ts).
 */
const COMPRESSION_LEVEL = 1;

interface Part {
  name: string;
  format: keyof typeof FORMAT_INFO;
  file: DeflatedPart;
  buffer: TextBuffer;
  writer: FormatWriter;
}

export async function writeBundle(
  request: ExportRequest,
  prepared: PreparedExport,
  zipFile: AtomicFile,
): Promise<number> {
  const parts: Part[] = [];
  try {
    // The report and the trace both need requests as they end: one fold serves both.
    const requests = new SharedFold();
    const specs: [Part['name'], Part['format'], FormatWriterFactory][] = [
      [BUNDLE_FILES.jsonl, 'jsonl', jsonlWriter],
      [BUNDLE_FILES.csv, 'csv', csvWriter],
      [BUNDLE_FILES.html, 'html', (out, context) => new HtmlReportWriter(out, context, requests)],
      [BUNDLE_FILES.trace, 'trace', (out, context) => new TraceWriter(out, context, requests)],
    ];
    for (const [name, format, factory] of specs) {
      const file = await DeflatedPart.create(
        zipFile.destination,
        `${format}.part`,
        COMPRESSION_LEVEL,
      );
      const buffer = new TextBuffer();
      parts.push({ name, format, file, buffer, writer: factory(buffer, prepared.context) });
    }
    // The report sums up every record already; the manifest reads the same summary.
    const report = parts.map((p) => p.writer).find((w) => w instanceof HtmlReportWriter);
    if (!report) throw new Error('The bundle has no report.');
    const summary = report.summary;
    let records = 0;
    let bytes = 0;
    const drain = async (all: boolean): Promise<void> => {
      for (const part of parts)
        if (all || part.buffer.size >= DRAIN_BYTES) {
          const buffers = part.buffer.drain();
          for (const b of buffers) bytes += b.length;
          await part.file.write(buffers);
        }
      request.onProgress?.({ phase: 'writing', records, bytes });
    };
    const source = prepared.batches();
    for (;;) {
      const next = await readNext(source);
      if (next.done) break;
      if (request.signal?.aborted) throw cancelledError();
      for (const item of next.value) {
        // Parsed once for all four; a line with nothing to redact goes into the JSON Lines as is.
        const resolved = prepared.resolve(item);
        const record = resolved ?? (item as RawLine).record();
        for (const part of parts)
          if (!resolved && part.writer.writeLine) part.writer.writeLine(item as RawLine);
          else part.writer.write(record);
        // After every writer has the record, as each writer's own fold would have run.
        requests.fold.observe(record);
      }
      records += next.value.length;
      if (parts.some((p) => p.buffer.size >= DRAIN_BYTES)) await drain(false);
    }
    requests.fold.finish();
    for (const part of parts) part.writer.finish();
    await drain(true);
    await Promise.all(parts.map((part) => part.file.finish()));

    const manifest = buildManifest(request, prepared, summary, records, parts);
    await packZip(request, zipFile, parts, manifest);
    return records;
  } finally {
    for (const part of parts) await part.file.abort();
  }
}

function buildManifest(
  request: ExportRequest,
  prepared: PreparedExport,
  collector: SummaryCollector,
  records: number,
  parts: Part[],
): BundleManifest {
  const s = collector.summary;
  const rs = s.runStart;
  const context = prepared.context;
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: context.generatedAt.toISOString(),
    createdBy: request.app,
    source: context.sourceLabel,
    redacted: context.redacted,
    redactedIdentifiers: prepared.redactor?.summary().counts ?? {},
    records,
    log: BUNDLE_FILES.jsonl,
    files: parts.map((p) => ({
      name: p.name,
      format: p.format,
      bytes: p.file.size,
      description: FORMAT_INFO[p.format].description,
    })),
    environment: {
      app: rs?.app ?? null,
      os: rs?.os ?? null,
      backend: rs?.backend ?? null,
      runId: rs?.runId ?? null,
      runs: s.runs,
      firstTime: s.firstTime,
      lastTime: s.lastTime,
      devices: [...s.devices.values()].map((d) => ({
        interfaceId: d.interfaceId,
        manufacturer: d.manufacturer,
        model: d.model,
        firmware: d.firmware,
        deviceId: d.deviceId,
        readyState: d.readyState,
      })),
    },
    readProblems: prepared
      .problems()
      .slice(0, 200)
      .map((p) => ({ ...p, file: basename(p.file) })),
  };
}

async function packZip(
  request: ExportRequest,
  out: AtomicFile,
  parts: Part[],
  manifest: BundleManifest,
): Promise<void> {
  const entries: ZipEntry[] = [
    bufferEntry(BUNDLE_FILES.readme, Buffer.from(README_TEXT, 'utf8'), COMPRESSION_LEVEL),
    bufferEntry(
      BUNDLE_FILES.manifest,
      Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
      COMPRESSION_LEVEL,
    ),
    ...parts.map((part) => ({
      name: part.name,
      crc: part.file.crc,
      size: part.file.size,
      compressedSize: part.file.compressedSize,
      data: part.file.file.tempPath,
    })),
  ];
  await writeZip(out, entries, new Date(manifest.createdAt), () => {
    if (request.signal?.aborted) throw cancelledError();
    request.onProgress?.({ phase: 'compressing', records: manifest.records, bytes: out.bytes });
  });
}
