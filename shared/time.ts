/**
 * Times and durations as every view writes them. A time always carries its date and zone, so a
 * screenshot, a ticket and an export say the same thing about the same moment.
 */

/** "42 ms", "1.25 s", "12.5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
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
