/**
 * Times and durations as every view writes them. A time always carries its date and zone, so a
 * screenshot, a ticket and an export say the same thing about the same moment.
 */

/**
 * The forms a duration is written in, shortest first: about three figures, enough to compare two
 * latencies and few enough to read at a glance. The exact milliseconds stay in the records and in
 * the exports' numeric fields (JSON Lines, the CSV's latency_ms) for whoever needs them.
 */
const DURATION_FORMS: readonly { below: number; write: (ms: number) => string }[] = [
  // Under a millisecond, a tenth: a call that returns at once is not "0 ms".
  { below: 0.95, write: (ms) => `${ms.toFixed(1)} ms` },
  { below: 999.5, write: (ms) => `${Math.round(ms)} ms` },
  { below: 9995, write: (ms) => `${(ms / 1000).toFixed(2)} s` },
  { below: 119_950, write: (ms) => `${(ms / 1000).toFixed(1)} s` },
  { below: 5_997_000, write: (ms) => `${(ms / 60_000).toFixed(1)} min` },
  // A week-long log's span: "6.9 d", where minutes said "9912.0 min".
  { below: 172_620_000, write: (ms) => `${(ms / 3_600_000).toFixed(1)} h` },
  // toFixed writes an exponent from 1e21: far beyond any duration a log holds.
  { below: 1e20, write: (ms) => `${(ms / 86_400_000).toFixed(1)} d` },
];

/** How many forms `durationForm` tells apart (each below this). */
export const DURATION_FORM_COUNT = DURATION_FORMS.length;

/**
 * Which form `formatDuration` writes `ms` in, or -1 for a negative or unwritable one. Durations of
 * one form are written alike but for their digits ("412 ms", "38 ms"; "1.25 s", "30.0 s"), so
 * text without a digit finds the same in all of them.
 */
export function durationForm(ms: number): number {
  if (!(ms >= 0)) return -1;
  return DURATION_FORMS.findIndex((form) => ms < form.below);
}

/**
 * One duration as every view, the log's words, the report and the CLI write it: "0.4 ms",
 * "12 ms", "412 ms", "1.25 s", "30.0 s", "2.5 min", "3.2 h", "6.9 d".
 */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const form = DURATION_FORMS[durationForm(ms)];
  return form ? form.write(ms) : `${String(ms)} ms`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "+01:00", "-05:30", "Z": the offset of a local time, as ISO 8601 writes it. */
function zoneText(offsetMinutesEast: number): string {
  if (offsetMinutesEast === 0) return 'Z';
  const sign = offsetMinutesEast > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutesEast);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export type TimeZoneChoice = 'local' | 'utc';

/**
 * "2026-11-29 14:00:05.123 +01:00" (local) or "2026-11-29 13:00:05.123 Z" (UTC). An unreadable
 * time is returned as it was written, never as "Invalid Date".
 */
export function formatTimestamp(iso: string, zone: TimeZoneChoice = 'utc'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (zone === 'utc')
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)} Z`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)} ${zoneText(-date.getTimezoneOffset())}`;
}
