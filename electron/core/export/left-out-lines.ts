/**
 * A JSON Lines or CSV export of a log with lines it could not read (not JSON, too long, not a
 * record) ends with a record saying so: how many, and which, in the words the confirmation and the
 * CLI use ("2 damaged lines"). The confirmation is gone once read; a support engineer who opens
 * the file months later must still be able to tell that lines of the source are missing from it,
 * and which to look for.
 *
 * It is an `error` record, as the one an export of a journal lacking entries ends with
 * (Journal.noteExportedGap): a JSON Lines export opens again with it as a readable row, and a CSV
 * row has the columns every other row has. It is added to the export's source, after its last
 * batch (once the reader's problems are complete), so every writer, on this thread or fed by a
 * helper's rows, writes it once, after the last record, as it writes any record.
 */
import type { ReadProblem } from '../journal-reader.js';
import { JOURNAL_VERSION, type JournalRecord } from '../../../shared/journal/record.js';
import { formatCount } from '../../../shared/format-count.js';
import { damagedLines } from '../../../shared/search-words.js';
import type { ExportItem, PreparedExport } from './export-request.js';
import { LineRun, RawLine } from './raw-line.js';

/** The records this module made: written as any other, counted as none of the log's. */
const made = new WeakSet<object>();

/** Whether a batch is the record of the lines left out, which is no record of the log. */
export function isLeftOutBatch(batch: readonly ExportItem[]): boolean {
  const only = batch.length === 1 ? batch[0] : undefined;
  return only !== undefined && made.has(only);
}

/** Whether `record` is the record of the lines left out: the export's own, of no run. */
export function isLeftOutRecord(record: object): boolean {
  return made.has(record);
}

/** Lines named one by one; the rest are counted. */
const LISTED_LINES = 20;

interface Stamp {
  seq: number;
  time: string;
  mono: number;
}

/**
 * The export's source with the record of its unreadable lines after its last batch, when it had
 * any. `leftOut`: problems met beyond those `prepared.problems()` lists (the reader keeps 200).
 */
export function withLeftOutLines(prepared: PreparedExport, leftOut: () => number): PreparedExport {
  return {
    ...prepared,
    batches: (runs, ahead, helperThreads) => {
      const source = prepared.batches(runs, ahead, helperThreads);
      let last: Stamp | undefined;
      let ended = false;
      return {
        next: async () => {
          if (ended) return { done: true, value: undefined };
          const next = await source.next();
          if (!next.done) {
            // Taken now, while the batch's memory is surely the log's (kept-buffers.ts).
            last = lastStamp(next.value) ?? last;
            return next;
          }
          ended = true;
          const now = prepared.context.generatedAt;
          const record = leftOutRecord(prepared.problems(), leftOut(), last, now);
          return record ? { done: false, value: [record] } : next;
        },
      };
    },
  };
}

/**
 * The record, or undefined when every line was read. Stamped as the last record exported (its
 * time and monotonic time, the next sequence number): opened again, the log's span and the range
 * it holds stay what they were; the notes a reader adds at line 0 (a bundle's manifest) are no
 * lines of the log and are left to the confirmation.
 */
function leftOutRecord(
  problems: readonly ReadProblem[],
  leftOut: number,
  last: Stamp | undefined,
  /** The time it takes when no record was exported. */
  now: Date,
): JournalRecord | undefined {
  const lines = problems.filter((p) => p.line > 0);
  // A run of every run's export not read at all: said first, each named (left to the
  // confirmation, the file said nothing of a day missing from a week).
  const runs = problems.filter((p) => p.wholeRun);
  const count = lines.length + leftOut;
  if (count === 0 && runs.length === 0) return undefined;
  const listed = lines
    .slice(0, LISTED_LINES)
    .map((p) => `${p.file}, line ${String(p.line)}: ${p.message}`);
  const more = count - listed.length;
  if (more > 0) listed.push(`and ${formatCount(more)} more`);
  const one = count === 1;
  const said = [
    ...(runs.length > 0
      ? [
          `${formatCount(runs.length)} ${runs.length === 1 ? 'run' : 'runs'} could not be read, so ${runs.length === 1 ? 'its' : 'their'} records are missing from this export: ${runs.map((p) => `${p.file}: ${p.message.replace(/\.$/, '')}`).join('; ')}.`,
        ]
      : []),
    // Named as the CLI and the search name them ("2 damaged lines", shared/search-words.ts).
    ...(count > 0
      ? [
          `${damagedLines(count)} could not be read, so ${one ? 'it is' : 'they are'} missing from this export: ${listed.join('; ')}.`,
        ]
      : []),
  ];
  const record: JournalRecord = {
    v: JOURNAL_VERSION,
    seq: last ? last.seq + 1 : 1,
    time: last?.time ?? now.toISOString(),
    mono: last?.mono ?? 0,
    kind: 'error',
    message: said.join(' '),
    context: 'export',
  };
  made.add(record);
  return record;
}

/** The stamp of a batch's last record, or undefined for an empty batch. */
function lastStamp(batch: readonly ExportItem[]): Stamp | undefined {
  const item = batch[batch.length - 1];
  if (item === undefined) return undefined;
  if (!(item instanceof RawLine)) return { seq: item.seq, time: item.time, mono: item.mono };
  // A run's last line starts after its last LF; LineCheck proved it a record: one parse a batch.
  const from = item instanceof LineRun ? item.buf.lastIndexOf(10, item.to - 1) + 1 : item.from;
  const record = new RawLine(item.buf, Math.max(from, item.from), item.to).record();
  return { seq: record.seq, time: record.time, mono: record.mono };
}
