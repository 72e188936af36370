/**
 * The .zip diagnostic bundle: every format plus a manifest and a README, for handing to support
 * in one piece.
 *
 * The records arrive once (they may come from a live journal), so all four formats are written
 * in the same pass: the JSON Lines and CSV here, the report and the trace from the JSON Lines
 * entry on a helper thread when one starts (report-side.ts), each compressed as it is written (on
 * the thread pool: deflated-part.ts) to its own temporary part file beside the destination; the
 * zip is then only framing around them (zip-container.ts). Memory stays that of the four
 * writers; disk use is briefly the compressed parts plus the zip. The parts are always
 * deleted, whatever happens. Entry names are fixed, so no file name inside
 * the bundle can carry an identifier.
 */
import { MAX_HEADER_RUNS } from '../../../shared/journal/record.js';
import { basename } from 'node:path';
import type { AtomicFile } from './atomic-file.js';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  README_TEXT,
  entryDescription,
  type BundleManifest,
} from './bundle-manifest.js';
import { cancelledError, ExportError } from './export-error.js';
import { formatBytes } from '../../../shared/format-bytes.js';
import type { FORMAT_INFO } from './formats.js';
import { csvWriter } from './format-csv.js';
import { jsonlWriter } from './format-jsonl.js';
import type { FormatWriter, FormatWriterFactory } from './format-writer.js';
import { openReportSide, type ReportSide } from './report-side.js';
import type { ManifestFacts, ReportOutput } from './report-formats.js';
import { DRAIN_BYTES, TextBuffer } from './text-buffer.js';
import { DeflatedPart } from './deflated-part.js';
import { LaterPart } from './later-part.js';
import {
  readNext,
  recordCount,
  type ExportRequest,
  type PreparedExport,
} from './export-request.js';
import { writeItem } from './write-item.js';
import { bufferEntry, writeZip, type ZipEntry } from './zip-container.js';
import { rangeIso } from '../../../shared/export-range.js';

/**
 * Deflate level 1: logs are repetitive text, so even the fastest level shrinks them about
 * tenfold, at several times the speed of the default level 6 (measured in bench/export.ts).
 */
const COMPRESSION_LEVEL = 1;

/** A bundle entry: its compressed part file, and the writer making it here (none for the report side's). */
interface Part {
  name: string;
  format: keyof typeof FORMAT_INFO;
  file: DeflatedPart;
  buffer: TextBuffer | undefined;
  writer: FormatWriter | undefined;
}

export async function writeBundle(
  request: ExportRequest,
  prepared: PreparedExport,
  zipFile: AtomicFile,
): Promise<number> {
  const parts: Part[] = [];
  let report: ReportSide | undefined;
  let reportLog: LaterPart | undefined;
  try {
    const context = prepared.context;
    report = await openReportSide({
      app: context.app,
      generatedAt: context.generatedAt.toISOString(),
      redacted: context.redacted,
      sourceLabel: context.sourceLabel,
      range: context.range,
      ...(context.folderRuns ? { folderRuns: context.folderRuns } : {}),
      ...(context.abnormalRuns ? { abnormalRuns: context.abnormalRuns } : {}),
    });
    // The JSON Lines and CSV are made here; the report and the trace by the report side, from
    // the JSON Lines entry (report-side.ts).
    const specs: [Part['name'], Part['format'], FormatWriterFactory | undefined][] = [
      [BUNDLE_FILES.jsonl, 'jsonl', jsonlWriter],
      [BUNDLE_FILES.csv, 'csv', csvWriter],
      [BUNDLE_FILES.html, 'html', undefined],
      [BUNDLE_FILES.trace, 'trace', undefined],
    ];
    for (const [name, format, factory] of specs) {
      const file = await DeflatedPart.create(
        zipFile.destination,
        `${format}.part`,
        COMPRESSION_LEVEL,
      );
      const buffer = factory ? new TextBuffer() : undefined;
      parts.push({ name, format, file, buffer, writer: buffer && factory?.(buffer, context) });
    }
    const [jsonl, csv, html, trace] = parts as [Part, Part, Part, Part];
    const side = report;
    // The report's log, made before the summary it follows, waits in a part file (LaterPart).
    reportLog = await LaterPart.create(zipFile.destination);
    const htmlLater = reportLog;
    let records = 0;
    // The bytes on disk for the bundle so far: its parts as compressed. The four formats' text
    // before compression, summed, said 8.8 GB while writing a bundle of 961 MB.
    const written = (): number => parts.reduce((sum, part) => sum + part.file.compressedSize, 0);
    const write = (part: Part, buffers: Buffer[]): Promise<void> => part.file.write(buffers);
    const writeReport = async (out: ReportOutput): Promise<void> => {
      await write(html, out.html);
      await htmlLater.write(out.later);
      await write(trace, out.trace);
    };
    const drain = async (all: boolean): Promise<void> => {
      for (const part of [jsonl, csv])
        if (part.buffer && (all || part.buffer.size >= DRAIN_BYTES)) {
          const buffers = part.buffer.drain();
          if (part === jsonl) await side.lines(buffers);
          await write(part, buffers);
        }
      await writeReport(side.take());
      request.onProgress?.({ phase: 'writing', records, bytes: written() });
    };
    // Runs of passing lines at once, and their CSV rows made with the check, as a single-format
    // export takes them: one resolve per item, shared by both writers. The lines are checked on
    // this thread only: the report side and the compression already keep the second core busy,
    // so a line-check helper would only share it, and cost its memory (a bundle of ten million
    // events peaked at 299 MB with one, 264 MB without, in about the same time).
    const writers = [jsonl.writer, csv.writer].filter((w) => w !== undefined);
    const source = prepared.batches(true, csv.writer?.madeAhead, 0);
    for (;;) {
      const next = await readNext(source);
      if (next.done) break;
      if (request.signal?.aborted) throw cancelledError();
      for (const item of next.value) writeItem(writers, item, prepared);
      records += recordCount(next.value);
      if (parts.some((p) => p.buffer && p.buffer.size >= DRAIN_BYTES)) await drain(false);
    }
    for (const part of parts) part.writer?.finish();
    await drain(true);
    const { out, facts } = await side.finish(
      prepared.problems(),
      prepared.context.problemsLeftOut?.() ?? 0,
    );
    await writeReport(out);
    await htmlLater.copyTo((buffers) => write(html, buffers));
    await Promise.all(parts.map((part) => part.file.finish()));

    const manifest = buildManifest(request, prepared, facts, records, parts);
    await packZip(request, zipFile, parts, manifest);
    return records;
  } catch (error) {
    throw roomError(error, parts);
  } finally {
    await report?.close();
    await reportLog?.abort();
    for (const part of parts) await part.file.abort();
  }
}

/**
 * A full disk, said with what a bundle needs: its entries are written beside it, compressed, and
 * then packed into the .zip, so it takes about twice its size at once. "The disk is full" for a
 * 29 MB bundle into a folder with 50 MB free read as wrong, where a 39 MB JSON Lines export fit.
 */
function roomError(error: unknown, parts: readonly Part[]): unknown {
  if (!(error instanceof ExportError) || error.code !== 'no-space') return error;
  const written = parts.reduce((sum, part) => sum + part.file.compressedSize, 0);
  return new ExportError(
    error.message.replace(
      / Nothing was saved\.$/,
      ` A bundle keeps its entries, compressed, beside it until they are packed into the .zip, so it needs free room for about twice its size (${formatBytes(written)} of entries were written when the disk filled). Nothing was saved.`,
    ),
    'no-space',
    { cause: error },
  );
}

function buildManifest(
  request: ExportRequest,
  prepared: PreparedExport,
  s: ManifestFacts,
  records: number,
  parts: Part[],
): BundleManifest {
  const rs = s.runStart;
  const context = prepared.context;
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: context.generatedAt.toISOString(),
    createdBy: request.app,
    source: context.sourceLabel,
    ...(context.sources ? { sources: [...context.sources] } : {}),
    ...(context.range ? { range: rangeIso(context.range) } : {}),
    redacted: context.redacted,
    redactedIdentifiers: prepared.redactor?.summary().counts ?? {},
    records,
    ...(context.range ? { recordsKeptFromBefore: s.keptFromBefore } : {}),
    log: BUNDLE_FILES.jsonl,
    files: parts.map((p) => ({
      name: p.name,
      format: p.format,
      bytes: p.file.size,
      description: entryDescription(p.format, p.file.size),
    })),
    environment: {
      app: rs?.app ?? null,
      os: rs?.os ?? null,
      backend: rs?.backend ?? null,
      runId: rs?.runId ?? null,
      runs: s.runs,
      timeZones: s.timeZones,
      runsWithoutTimeZone: s.runsWithoutTimeZone,
      firstTime: s.firstTime,
      lastTime: s.lastTime,
      devices: s.devices.map((d) => ({
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
    // Those past the 200 listed, counted: else the list read as all of them.
    readProblemsLeftOut:
      Math.max(0, prepared.problems().length - 200) + (context.problemsLeftOut?.() ?? 0),
    ...(context.abnormalRuns?.length
      ? { endedAbnormally: context.abnormalRuns.slice(0, MAX_HEADER_RUNS) }
      : {}),
    ...(context.folderRuns && context.folderRuns.length <= MAX_HEADER_RUNS
      ? { folderRuns: [...context.folderRuns] }
      : {}),
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
    // The .zip's bytes, from its first: the parts are copied into it (compressed already), so the
    // count starts again; the progress line says whose bytes they are (export-progress.ts).
    request.onProgress?.({ phase: 'compressing', records: manifest.records, bytes: out.bytes });
  });
}
