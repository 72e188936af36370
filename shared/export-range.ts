/**
 * A stretch of a log's time to export: a week-long kiosk log is 3 GB, and a support engineer asked
 * about one dropped session wants the hour around it. The window, the CLI, the export and what
 * it writes (its header, manifest, report) all take the range and say it in these words.
 */
import { formatTimestamp, type TimeZoneChoice } from './time.js';
import type { JournalRecord } from './journal/record.js';

/**
 * Records written at or after `from` and before `to`, both epoch milliseconds from EARLIEST_MS to
 * LATEST_MS (a range open at one end has that end there).
 */
export interface ExportRange {
  from: number;
  to: number;
}

/**
 * The ends of the times a range may name: 1970, and the last millisecond of 9999, the last a log
 * writes in ISO 8601's four-digit years (so a range's ends compare with a line's time as text).
 */
export const EARLIEST_MS = 0;
export const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Why a range cannot be exported, or null when it can: said the same in the window and the CLI. */
export function rangeProblem(range: ExportRange): string | null {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to))
    return 'The range needs both a start and an end time.';
  if (range.from < EARLIEST_MS || range.to > LATEST_MS)
    return 'The range must lie between the years 1970 and 9999.';
  if (range.to <= range.from)
    return 'The range ends before it starts: its end must come after its start.';
  return null;
}

/** "2026-01-05 10:00:00.000 Z to 2026-01-05 11:00:00.000 Z", in the zone the log is shown in. */
export function rangeWords(range: ExportRange, zone: TimeZoneChoice = 'utc'): string {
  const at = (ms: number) => formatTimestamp(new Date(ms).toISOString(), zone);
  if (range.to >= LATEST_MS) return `${at(range.from)} on`;
  if (range.from <= EARLIEST_MS) return `the start to ${at(range.to)}`;
  return `${at(range.from)} to ${at(range.to)}`;
}

/** The range as the export writes it down: ISO 8601 UTC, as every time in a log is. */
export function rangeIso(range: ExportRange): { from: string; to: string } {
  return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
}

/**
 * Kinds a range's export keeps from before the range (electron/core/export/time-range-filter.ts):
 * the run's start and the devices' details, what the records in it need to be read.
 */
export const CONTEXT_KINDS: ReadonlySet<string> = new Set(['run-start', 'device-info']);

/**
 * Whether a record of a range's export was kept from before it: it says what the range's rows
 * need, not when they were, so what tells the range's span (a report's duration and timeline, a
 * trace's events, the overview of the log) passes it over.
 */
export function keptFromBefore(
  record: Pick<JournalRecord, 'kind' | 'time'>,
  range: ExportRange | undefined,
): boolean {
  return (
    range !== undefined && CONTEXT_KINDS.has(record.kind) && Date.parse(record.time) < range.from
  );
}

/**
 * The range an export holds: the one asked for, within the one its source holds (a range's
 * export exported again, in a wider range, holds no more than the source did). Its file's name
 * says these times, and the export says it holds them.
 */
export function heldRange(
  asked: ExportRange | undefined,
  held: ExportRange | undefined,
): ExportRange | undefined {
  if (!asked || !held) return asked ?? held;
  const both = { from: Math.max(asked.from, held.from), to: Math.min(asked.to, held.to) };
  // Nothing in both: the export finds nothing in the range asked for, and says so in its words.
  return both.from < both.to ? both : asked;
}
