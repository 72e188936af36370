/**
 * What an export is asked to do and what every format shares: the request and result types,
 * redaction set up once per export, and the source wrapped so its failures read as such.
 */
import { basename } from 'node:path';
import type { ReadProblem } from '../journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { ExportRange } from '../../../shared/export-range.js';
import type { KeptFromBefore } from '../../../shared/range-count-words.js';
import type { SheetRest } from '../../../shared/sheet-rows.js';
import { readError } from './export-error.js';
import type { AheadState, ExportContext } from './format-writer.js';
import type { ExportPhase } from '../../../shared/export-progress-words.js';
import type { ExportFormat } from './formats.js';
import { LineCheck } from './line-check.js';
import { LineRun, RawLine } from './raw-line.js';
import { Redactor, type RedactionSummary } from './redact.js';
import { sourceChain } from './source-chain.js';

/** What a source hands an export: a record, or a line LineCheck passed, as its bytes. */
export type ExportItem = JournalRecord | RawLine;

export interface ExportProgress {
  phase: ExportPhase;
  records: number;
  /** Bytes written so far (for a bundle, its parts while writing, then the .zip). */
  bytes: number;
  /**
   * Of a saved log: its bytes read so far and its size (SavedLog.readBytes, logBytes), for a
   * share of it where its records are not counted yet.
   */
  readBytes?: number | undefined;
  logBytes?: number | undefined;
  /** 'range': those bytes are a time range's, from its start to its end (range-seek.ts). */
  readOf?: 'log' | 'range' | undefined;
}

export interface ExportRequest {
  format: ExportFormat;
  /** Absolute path the user chose; only this file (and a temporary file beside it) is written. */
  destination: string;
  records: AsyncIterable<JournalRecord>;
  /**
   * The same records in batches, from a source that can hand over the lines `check` passes as
   * their bytes (a saved log: see line-check.ts). Read instead of `records` when given.
   */
  batches?: (check: LineCheck) => AsyncIterable<readonly ExportItem[]>;
  /** Defaults to true: identifiers are redacted unless this is explicitly false. */
  redact?: boolean;
  /**
   * The source is an export that says it was redacted (a bundle's manifest, a JSON Lines export's
   * header): the export says so too, even when not asked to redact, for its identifiers are
   * tokens (`IMEI-1`), and a support engineer told "NOT redacted" takes them for the real ones.
   */
  sourceRedacted?: boolean;
  /**
   * The device IDs the records hold, when the source could tell before the first record
   * (redact-device-ids.ts): redacted wherever met, also before the record that names them.
   */
  deviceIds?: readonly string[];
  /**
   * Without `deviceIds`: a device ID no digit scan finds (not an IMEI), met after text that may
   * have held it, ends the export with an ExportError caused by LateDeviceIdError (redact.ts), for
   * the caller to export again with the IDs found first. A log without such IDs (most: modems
   * report IMEIs) is then never searched for them.
   */
  failOnLateDeviceId?: boolean;
  /**
   * Only the records written in this range, and the run's start and devices' details from before
   * it (time-range-filter.ts); everything when absent. Applied by the source (`batches`).
   */
  range?: ExportRange;
  /** The app doing the export. */
  app: { name: string; version: string };
  /** What is being exported (a file or folder name); redacted like the records. */
  sourceLabel?: string;
  /** Of every run of a journal folder: their names (ExportContext.folderRuns). */
  folderRuns?: readonly string[];
  /** The runs read that ended abnormally (ExportContext.abnormalRuns). */
  abnormalRuns?: readonly string[];
  /**
   * When the source is itself an export: what it says it was made of, nearest first (its
   * header's or manifest's `sources`, else its `source`: source-header.ts), each a file name.
   */
  sourceChain?: readonly string[];
  /** Problems the reader met; read once the records are exhausted. */
  problems?: () => readonly ReadProblem[];
  /** Problems beyond those `problems` lists (it keeps the first 200), counted only. */
  problemsLeftOut?: () => number;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Export time, for reproducible output in tests. */
  now?: Date;
}

export interface ExportResult {
  destination: string;
  format: ExportFormat;
  records: number;
  bytes: number;
  redacted: boolean;
  /** Which identifiers were replaced (when redacted). */
  redaction: RedactionSummary | null;
  /** Lines of the source that could not be read (they are missing from the export). */
  problems: readonly ReadProblem[];
  /** How many problems there were: `problems` lists only the first 200. */
  unreadable: number;
  /**
   * The range it holds: the one asked for, within its source's when that is a range's export
   * (shared `heldRange`); a range's export exported whole holds its range still.
   */
  range?: ExportRange;
  /**
   * Of a range's export: which of `records` were kept from before the range (the run's start,
   * devices' details), for the confirmation to say the range's own count apart from them.
   */
  keptFromBefore?: KeptFromBefore;
  /** Of an export of runs: those it read that ended abnormally, by name (ExportContext's). */
  abnormalRuns?: readonly string[];
  /**
   * Of a CSV of more records than a spreadsheet's sheet holds (shared/sheet-rows.ts): the times
   * of the first and the last record Excel and LibreOffice Calc do not show.
   */
  sheetRest?: SheetRest;
}

/** The per-export pieces every format shares: redaction and the context writers see. */
export interface PreparedExport {
  context: ExportContext;
  redactor: Redactor | undefined;
  apply: (record: JournalRecord) => JournalRecord;
  /**
   * The record to format when `item` is a RawLine, or undefined when its bytes may be used as
   * they are (nothing in it to redact); any other item, redacted.
   */
  resolve: (item: ExportItem) => JournalRecord | undefined;
  /**
   * The source's records in order, in batches. With `runs`, consecutive lines that need no work
   * may come as one LineRun (for a writer that copies lines as bytes); else one item a record.
   * With `ahead`, helper threads make the writer's text for passing lines (RawLine.made).
   * `helperThreads` caps the threads that check lines (else the pool's default).
   */
  batches: (
    runs?: boolean,
    ahead?: () => AheadState,
    helperThreads?: number,
  ) => AsyncIterator<readonly ExportItem[]>;
  problems: () => readonly ReadProblem[];
}

export function prepareExport(request: ExportRequest): PreparedExport {
  const redacted = request.redact !== false;
  const redactor = redacted ? new Redactor() : undefined;
  if (request.deviceIds) redactor?.expectDeviceIds(request.deviceIds);
  if (redactor && request.failOnLateDeviceId) redactor.failOnLateDeviceId = true;
  const scrub = (text: string): string => (redactor ? redactor.text(text) : text);
  // Only file names leave the machine, never folders: a path often carries the user's name.
  const problems = (): readonly ReadProblem[] =>
    (request.problems?.() ?? []).map((p) => ({
      ...p,
      file: scrub(basename(p.file)),
      message: scrub(p.message),
    }));
  const apply = redactor
    ? (record: JournalRecord) => redactor.record(record)
    : (record: JournalRecord) => record;
  const name = (written: string): string => scrub(basename(written));
  const sourceLabel = name(request.sourceLabel ?? 'log');
  return {
    redactor,
    apply,
    resolve: (item) => {
      if (!(item instanceof RawLine)) return apply(item);
      if (!redactor) return undefined;
      // A device ID the redactor learned after the line was read may still be in it.
      if (redactor.mentionsKnownId(item)) return apply(item.record());
      const preview = item.preview;
      if (preview !== undefined) item.replacement = redactor.previewText(preview);
      return undefined;
    },
    batches: (runs = false, ahead, helperThreads) => {
      const check = new LineCheck(redacted);
      check.ahead = ahead;
      check.helperThreads = helperThreads;
      return sourceBatches(request, check, runs);
    },
    problems,
    context: {
      app: request.app,
      generatedAt: request.now ?? new Date(),
      redacted: redacted || request.sourceRedacted === true,
      sourceLabel,
      // An export of an export keeps the names of what that was made of, down to the log.
      ...(request.sourceChain?.length
        ? { sources: sourceChain(sourceLabel, request.sourceChain, name) }
        : {}),
      range: request.range,
      ...(request.folderRuns ? { folderRuns: request.folderRuns } : {}),
      ...(request.abnormalRuns?.length ? { abnormalRuns: request.abnormalRuns } : {}),
      problems,
      problemsLeftOut: () => request.problemsLeftOut?.() ?? 0,
    },
  };
}

function sourceBatches(
  request: ExportRequest,
  check: LineCheck,
  runs: boolean,
): AsyncIterator<readonly ExportItem[]> {
  if (request.batches) {
    const source = request.batches(check)[Symbol.asyncIterator]();
    return {
      next: async () => {
        try {
          const next = await source.next();
          if (next.done) check.close();
          return next.done || runs ? next : { done: false, value: lineByLine(next.value) };
        } catch (error) {
          check.close();
          throw error;
        }
      },
    };
  }
  const source = request.records[Symbol.asyncIterator]();
  return {
    next: async () => {
      const next = await source.next();
      return next.done ? next : { done: false, value: [next.value] };
    },
  };
}

/** The next record, with a failure of the source marked as a read error (not the disk's fault). */
export async function readNext<T>(source: AsyncIterator<T>): Promise<IteratorResult<T>> {
  try {
    return await source.next();
  } catch (error) {
    throw readError(error);
  }
}

/** The batch with every LineRun taken apart into its lines. */
function lineByLine(batch: readonly ExportItem[]): readonly ExportItem[] {
  if (!batch.some((item) => item instanceof LineRun)) return batch;
  return batch.flatMap((item) => (item instanceof LineRun ? item.lines() : [item]));
}

/** How many records a batch holds (a LineRun holds several). */
export function recordCount(batch: readonly ExportItem[]): number {
  let count = 0;
  for (const item of batch) count += item instanceof LineRun ? item.count : 1;
  return count;
}
