/**
 * A stretch of a log's time to export: a week-long kiosk log is 3 GB, and a support engineer asked
 * about one dropped session wants the hour around it. The window, the CLI, the export and what
 * it writes (its header, manifest, report) all take the range and say it in these words.
 */
import { formatTimestamp, type TimeZoneChoice } from './time.js';

/** Records written at or after `from` and before `to`, both epoch milliseconds. */
export interface ExportRange {
  from: number;
  to: number;
}

/** Why a range cannot be exported, or null when it can: said the same in the window and the CLI. */
export function rangeProblem(range: ExportRange): string | null {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to))
    return 'The range needs both a start and an end time.';
  if (range.to <= range.from)
    return 'The range ends before it starts: its end must come after its start.';
  return null;
}

/** "2026-01-05 10:00:00.000 Z to 2026-01-05 11:00:00.000 Z", in the zone the log is shown in. */
export function rangeWords(range: ExportRange, zone: TimeZoneChoice = 'utc'): string {
  return `${formatTimestamp(new Date(range.from).toISOString(), zone)} to ${formatTimestamp(new Date(range.to).toISOString(), zone)}`;
}

/** The range as the export writes it down: ISO 8601 UTC, as every time in a log is. */
export function rangeIso(range: ExportRange): { from: string; to: string } {
  return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
}
