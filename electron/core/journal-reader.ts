/**
 * Reads journals back: a whole run, one file, or any JSON Lines log. Streams line by line so a
 * million-record log never sits in memory as one string. A torn last line (a crash mid-write) is
 * expected and reported as such; any other unreadable line is reported with its line number, and
 * everything readable is still returned.
 */
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_META_FILE, listJournalFiles } from './journal-files.js';
import { readSmallFile } from './plain-file.js';
import {
  EXPORT_HEADER_KIND,
  type JournalRecord,
  type RunStartRecord,
} from '../../shared/journal/record.js';
import { V1Upgrader, checkRecord, upgraderFor } from './journal-check.js';
import { LineSplitter, MAX_LINE_BYTES, journalLineText } from './line-splitter.js';

export interface ReadProblem {
  file: string;
  /** 0: of the file or run as a whole, not of one line of it. */
  line: number;
  message: string;
  /**
   * A run of an export of every run that could not be read at all (line 0, `file` naming the
   * run): all its records are missing, not a line. Always listed, whatever the cap on the rest.
   */
  wholeRun?: true;
}

export interface ReadSummary {
  records: number;
  problems: ReadProblem[];
  /** The last line of the last file was incomplete (expected after a crash). */
  tornTail: boolean;
}

const MAX_PROBLEMS = 200;

/** An export's header line (see ExportHeader): not a record, skipped by every reader. */
export function isExportHeader(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === EXPORT_HEADER_KIND
  );
}

// Beside the line splitter, which imports nothing: the search's helper thread counts blank lines
// by the same rule (candidate-lines.ts) without loading this module and all it imports.
export { isBlankLine, journalLineText } from './line-splitter.js';

export const TOO_LONG_MESSAGE = `longer than ${MAX_LINE_BYTES / (1024 * 1024)} MiB, far longer than any record (damaged line, skipped)`;

/**
 * Streams the records of one JSON Lines file. `onProblem` hears about each unreadable line; the
 * returned summary says whether the last line was torn.
 */
async function* readJournalFile(
  path: string,
  summary: ReadSummary = { records: 0, problems: [], tornTail: false },
): AsyncGenerator<JournalRecord, ReadSummary> {
  const splitter = new LineSplitter();
  let batch: JournalRecord[] = [];
  const handler = {
    line(buf: Buffer, from: number, to: number, _offset: number, lineNo: number, last: boolean) {
      const record = parseLine(journalLineText(buf, from, to), path, lineNo, summary, last);
      if (record) batch.push(record);
    },
    tooLong(_offset: number, lineNo: number, last: boolean) {
      if (last) summary.tornTail = true;
      addProblem(summary, path, lineNo, TOO_LONG_MESSAGE);
    },
  };
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    splitter.push(chunk, handler);
    yield* batch;
    batch = [];
  }
  splitter.end(handler);
  yield* batch;
  return summary;
}

function parseLine(
  line: string,
  file: string,
  lineNo: number,
  summary: ReadSummary,
  last: boolean,
): JournalRecord | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    if (last) summary.tornTail = true;
    addProblem(
      summary,
      file,
      lineNo,
      last ? 'incomplete last line (the writer stopped mid-line)' : 'not valid JSON',
    );
    return undefined;
  }
  if (isExportHeader(value)) return undefined;
  const checked = checkRecord(value, upgraderFor(summary));
  if ('problem' in checked) {
    addProblem(summary, file, lineNo, checked.problem);
    return undefined;
  }
  summary.records += 1;
  return checked.record;
}

function addProblem(summary: ReadSummary, file: string, line: number, message: string): void {
  if (summary.problems.length < MAX_PROBLEMS) summary.problems.push({ file, line, message });
}

/** Streams every record of a run directory, file after file. */
async function* readRun(
  runDir: string,
  summary: ReadSummary = { records: 0, problems: [], tornTail: false },
): AsyncGenerator<JournalRecord, ReadSummary> {
  const files = listJournalFiles(runDir);
  for (const file of files) {
    summary.tornTail = false;
    yield* readJournalFile(file, summary);
  }
  return summary;
}

/** Reads a run or a file fully into memory; for tests and small logs. */
export async function readAll(
  path: string,
): Promise<{ records: JournalRecord[]; summary: ReadSummary }> {
  const summary: ReadSummary = { records: 0, problems: [], tornTail: false };
  const records: JournalRecord[] = [];
  const source = statSync(path).isDirectory()
    ? readRun(path, summary)
    : readJournalFile(path, summary);
  for await (const record of source) records.push(record);
  return { records, summary };
}

/** run.json holds one run-start record, a few hundred bytes; anything far larger is not one. */
const MAX_RUN_META_BYTES = 1024 * 1024;

/** The run-start record of a run, even when its first file has been rotated away. */
export function readRunStart(runDir: string): RunStartRecord | undefined {
  const text = readSmallFile(join(runDir, RUN_META_FILE), MAX_RUN_META_BYTES);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const checked = checkRecord(value, new V1Upgrader());
    return 'record' in checked && checked.record.kind === 'run-start' ? checked.record : undefined;
  } catch {
    return undefined;
  }
}
