/**
 * Reads journals back: a whole run, one file, or any JSON Lines log. Streams line by line so a
 * million-record log never sits in memory as one string. A torn last line (a crash mid-write) is
 * expected and reported as such; any other unreadable line is reported with its line number, and
 * everything readable is still returned.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_META_FILE, listJournalFiles } from './journal-files.js';
import { JOURNAL_VERSION, type JournalRecord, type RunStartRecord } from './journal-record.js';

export interface ReadProblem {
  file: string;
  line: number;
  message: string;
}

export interface ReadSummary {
  records: number;
  problems: ReadProblem[];
  /** The last line of the last file was incomplete (expected after a crash). */
  tornTail: boolean;
}

const KINDS: ReadonlySet<string> = new Set([
  'run-start',
  'request',
  'request-returned',
  'completion',
  'overdue',
  'abandoned',
  'session-state',
  'read-data',
  'device-arrival',
  'device-removal',
  'device-info',
  'backend-status',
  'error',
  'mbim-message',
]);

const MAX_PROBLEMS = 200;

/** Checks one parsed line; returns a reason when it is not a journal record this version reads. */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r.v !== 'number') return 'no format version ("v")';
  if (r.v > JOURNAL_VERSION)
    return `written by a newer version of the format (v${r.v}); this app reads v${JOURNAL_VERSION}`;
  if (typeof r.seq !== 'number' || !Number.isInteger(r.seq)) return 'no sequence number ("seq")';
  if (typeof r.time !== 'string') return 'no wall-clock time ("time")';
  if (typeof r.mono !== 'number') return 'no monotonic time ("mono")';
  if (typeof r.kind !== 'string' || !KINDS.has(r.kind))
    return `unknown record kind ${JSON.stringify(r.kind)}`;
  return undefined;
}

/**
 * Streams the records of one JSON Lines file. `onProblem` hears about each unreadable line; the
 * returned summary says whether the last line was torn.
 */
export async function* readJournalFile(
  path: string,
  summary: ReadSummary = { records: 0, problems: [], tornTail: false },
): AsyncGenerator<JournalRecord, ReadSummary> {
  let carry = '';
  let lineNo = 0;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = carry + chunk;
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      lineNo += 1;
      const record = parseLine(line, path, lineNo, summary, false);
      if (record) yield record;
    }
  }
  if (carry.trim()) {
    lineNo += 1;
    const record = parseLine(carry, path, lineNo, summary, true);
    if (record) yield record;
  }
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
  const problem = recordProblem(value);
  if (problem) {
    addProblem(summary, file, lineNo, problem);
    return undefined;
  }
  summary.records += 1;
  return value as JournalRecord;
}

function addProblem(summary: ReadSummary, file: string, line: number, message: string): void {
  if (summary.problems.length < MAX_PROBLEMS) summary.problems.push({ file, line, message });
}

/** Streams every record of a run directory, file after file. */
export async function* readRun(
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

/** The run-start record of a run, even when its first file has been rotated away. */
export function readRunStart(runDir: string): RunStartRecord | undefined {
  const meta = join(runDir, RUN_META_FILE);
  if (!existsSync(meta)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(meta, 'utf8'));
    return recordProblem(value) === undefined ? (value as RunStartRecord) : undefined;
  } catch {
    return undefined;
  }
}
