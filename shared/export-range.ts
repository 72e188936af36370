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
 * the run's start and the devices' details, what the records in it need to be read. Only the
 * latest of each (contextKey): a week-long log lists its devices again every few minutes, and an
 * hour's export led with 284 listings from the days before it, 14% of its report's table.
 */
export const CONTEXT_KINDS: ReadonlySet<string> = new Set(['run-start', 'device-info']);

/** The key of a run's start among the context kept from before a range. */
export const RUN_KEY = 'run-start';

/**
 * What a record kept from before a range says, of which the export keeps only the latest: the run
 * (its start names the app, OS, backend and time zone the range's rows were written by), or one
 * device's details by its interface ID, as the CSV's model column and the report's devices look
 * a device up. A device's details are written whole each time they change (noteDevice), so the
 * latest says what the device was in the range: a firmware updated before it shows as updated.
 * Undefined for a record of another kind.
 */
export function contextKey(record: JournalRecord): string | undefined {
  if (record.kind === 'run-start') return RUN_KEY;
  return record.kind === 'device-info' ? `device-info ${record.interfaceId}` : undefined;
}

/**
 * The context a range's export keeps, met in the log's order: the latest of each key, in the order
 * those were written. A run's start ends what came before it: a run lists every device it finds
 * again (each run's engine starts knowing none), so a device listed only in an earlier run was not
 * there in the range's, and a report of the range named it among its devices.
 *
 * Both ways an export finds it agree (the index read backwards, range-seek.ts; the log read from
 * its start, time-range-filter.ts): this is the rule they share.
 */
export class LatestContext {
  private readonly latest = new Map<string, JournalRecord>();
  private others = 0;

  /** Takes `record` as the latest of its key; returns the records it replaces. */
  add(record: JournalRecord): JournalRecord[] {
    // A record of another kind (a line that only looked like one of these) is kept as it was.
    const key = contextKey(record) ?? `other ${String((this.others += 1))}`;
    const replaced = key === RUN_KEY ? [...this.latest.values()] : [];
    if (key === RUN_KEY) this.latest.clear();
    const before = this.latest.get(key);
    if (before) replaced.push(before);
    // Deleted first, so the map's order stays the order the kept records were written in.
    this.latest.delete(key);
    this.latest.set(key, record);
    return replaced;
  }

  /** The records kept, in the log's order. */
  records(): JournalRecord[] {
    return [...this.latest.values()];
  }
}

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

/**
 * A log's first and last times (ms, min and max of its records') as its readers say them: a
 * range's export's within its range, as its overview strip spans it, not from the run's start it
 * kept from days before ("the log's times run from 5 January" of an hour's export on the 7th sent
 * a technician searching the 5th). Null when none is left.
 */
export function spanWithin(
  times: readonly [number, number] | null,
  range: ExportRange | undefined,
): [number, number] | null {
  if (times === null) return null;
  const first = range ? Math.max(times[0], range.from) : times[0];
  const last = range ? Math.min(times[1], range.to - 1) : times[1];
  return first > last ? null : [first, last];
}
