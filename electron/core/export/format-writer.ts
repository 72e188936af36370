/**
 * The contract every text format implements: it is handed (already redacted) records one at a
 * time and appends its text to a buffer; it never sees the file, so the same writer serves a
 * single-format export, the bundle, tests and the benchmark.
 */
import type { ReadProblem } from '../journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { RawLine } from './raw-line.js';
import type { TextBuffer } from './text-buffer.js';
import type { ExportRange } from '../../../shared/export-range.js';

export interface ExportContext {
  /** The app doing the export (the log's own app version is in its run-start record). */
  app: { name: string; version: string };
  generatedAt: Date;
  /** Whether personal identifiers were replaced by tokens. */
  redacted: boolean;
  /** What was exported, as a person would name it (already redacted). */
  sourceLabel: string;
  /**
   * When what was exported is itself an export: `sourceLabel`, then what that was made of,
   * nearest first, each redacted as `sourceLabel` is (source-chain.ts). Headers say it beside
   * `source`; undefined for an export of a journal.
   */
  sources?: readonly string[];
  /**
   * Of an export of every run of a journal folder: the folder's runs by name, oldest first (all
   * of them, not only those a range read). Each numbers its records from 1 (seq, ref, request
   * IDs), so a format that lists rows says which run each is from, numbered as the folder numbers
   * them (run 4 of 7, as the search and the window say it: run-numbers.ts).
   */
  folderRuns?: readonly string[];
  /**
   * The runs read (by name) whose writer stopped without closing them (a crash, a power cut:
   * journal-files.ts endedAbnormally): said in what is handed on, not on the terminal alone.
   */
  abnormalRuns?: readonly string[];
  /** The time range exported, when not the whole log: each format that has a header says it. */
  range: ExportRange | undefined;
  /** Problems met while reading the source; complete once the last record has been written. */
  problems: () => readonly ReadProblem[];
  /**
   * Problems beyond those `problems` lists (it keeps the first 200), counted only: said where they
   * are listed, or the list read as all of them.
   */
  problemsLeftOut?: () => number;
}

export interface FormatWriter {
  write(record: JournalRecord): void;
  /**
   * A line that needs no redaction, as the journal wrote it (see line-check.ts): a writer that
   * can use the bytes as they are says so by having this; the others are handed the parsed record.
   * It may be handed several consecutive lines at once (a LineRun), to copy the same way.
   */
  writeLine?(line: RawLine): void;
  /**
   * What a helper thread needs to make this format's text for passing lines ahead of time (see
   * line-check-pool.ts); a writer that has it is handed such lines through `writeMade`.
   */
  madeAhead?: () => AheadState;
  /**
   * A line LineCheck passed, or a run of them (LineRun), with the text a helper made for it when
   * there is one (`line.made`); the writer checks it was made with what it knows now.
   */
  writeMade?(line: RawLine): void;
  /**
   * How many helper threads may check lines for it; undefined for the pool's default. A writer
   * whose lines mostly take the full path anyway has them checked on the calling thread only:
   * a helper would cost its memory and save no time.
   */
  checkHelpers?: number;
  /**
   * Text that follows all of `out`'s in the file though it is made first: the HTML report's log,
   * which comes after the summary only the whole log can make. The caller streams it to a part
   * file beside the destination as it grows, and appends that after `out`'s text (LaterPart).
   */
  readonly later?: TextBuffer;
  /** After the last record: closing brackets, summaries, anything that needed the whole log. */
  finish(): void;
}

/**
 * What the text of a passing line depends on besides its bytes: the device models known so far
 * (the CSV model column), and a version that changes whenever they do.
 */
export interface AheadState {
  version: number;
  models: [interfaceId: string, model: string][];
}

export type FormatWriterFactory = (out: TextBuffer, context: ExportContext) => FormatWriter;
