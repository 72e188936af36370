/**
 * What a saved log's reader would have said of the lines it never read: the damaged lines (with
 * their line numbers and words), and a last line without its newline, found through the log's index instead of
 * by reading every line. The window reads only a large log's newest rows (saved-logs.ts); its
 * banner must still list every damaged line it would have listed after reading them all.
 *
 * A bucket whose lines are all records has nothing to report and is not read; only a bucket with
 * a damaged line is read again, with the reader's own line parser, so the words are the same.
 * Line numbers start from each bucket's first line as the index has it (blank lines counted when
 * the index was built from the file; an index extended over new lines may run a little short after
 * a blank line, as a jump's do). The last line's is counted from the last bucket's newlines.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { ReadProblem } from '../journal-reader.js';
import type { IndexedLog } from '../indexed-log.js';
import { coveredBytes, type IndexBucket } from '../journal-index.js';
import { newReadState, recordsFromChunks } from './line-records.js';
import { RawLine } from './raw-line.js';

/** The damaged lines of every bucket with one, in order, up to `limit`. */
export async function indexedProblems(log: IndexedLog, limit: number): Promise<ReadProblem[]> {
  const problems: ReadProblem[] = [];
  for (const { part, bucket } of log.buckets) {
    if (bucket.lines <= bucket.records || bucket.bytes === 0) continue;
    const file = log.parts[part]?.file;
    if (!file) continue;
    const state = newReadState();
    const chunks = bucketBytes(file, bucket);
    const start = { offset: bucket.offset, line: bucket.line };
    for await (const _batch of recordsFromChunks(chunks, basename(file), state, start)) {
      // Only the problems are wanted; the records were read when the index was built.
    }
    for (const problem of state.problems) {
      problems.push(problem);
      if (problems.length >= limit) return problems;
    }
  }
  return problems;
}

/**
 * What follows the index's last whole line in the log's last file: a last line without its
 * newline, which the index leaves out (it covers whole lines only) but the reader takes, as a
 * record when it reads as one and as a cut-off line when it does not.
 */
export async function indexedEnd(
  log: IndexedLog,
): Promise<{ records: JournalRecord[]; tornTail: boolean; problems: ReadProblem[] }> {
  const none = { records: [], tornTail: false, problems: [] };
  const last = log.parts[log.parts.length - 1];
  if (!last) return none;
  const from = coveredBytes(last.index);
  const size = (await stat(last.file)).size;
  if (size <= from) return none;
  const state = newReadState();
  const records: JournalRecord[] = [];
  // Counted before the stream below opens: a count that failed (a stick pulled) left that
  // stream's file open for as long as the app ran, and its own error unheard.
  const lines = await linesBefore(last.file, last.index.buckets[last.index.buckets.length - 1]);
  const chunks = createReadStream(last.file, { start: from }) as AsyncIterable<Buffer>;
  for await (const batch of recordsFromChunks(chunks, basename(last.file), state, {
    offset: from,
    line: lines,
  }))
    for (const located of batch)
      if (!(located.record instanceof RawLine)) records.push(located.record);
  return { records, tornTail: state.tornTail, problems: state.problems };
}

/**
 * Lines in the file up to the end of its last indexed bucket, blank ones included, as an editor
 * numbers them: a bucket's `lines` leaves blank lines out, so its newlines are counted instead
 * (one bucket, about a megabyte).
 */
async function linesBefore(file: string, bucket: IndexBucket | undefined): Promise<number> {
  if (!bucket) return 0;
  let lines = bucket.line;
  for await (const chunk of bucketBytes(file, bucket)) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  return lines;
}

/** A bucket's bytes (whole lines), read a quarter of a megabyte at a time. */
function bucketBytes(file: string, bucket: IndexBucket): AsyncIterable<Buffer> {
  return createReadStream(file, {
    start: bucket.offset,
    end: bucket.offset + bucket.bytes - 1,
    highWaterMark: 256 * 1024,
  }) as AsyncIterable<Buffer>;
}
