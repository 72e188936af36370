/**
 * A time typed as the log writes its times ("2026-11-29 14:00:05.123", time.ts
 * `formatTimestamp`), read in the zone the log shows: the window's "Go to time" and export range
 * boxes and the CLI's `--from`/`--to` all read it here. A browser's own date-time input follows the
 * machine's locale instead (a 12-hour clock with AM/PM, the day before the month), so a time read
 * off a row had to be rewritten to be typed, and was easily typed wrong. A time carries no zone
 * unless one is written: read on the technician's own clock while the log shows UTC, a time copied
 * off a UTC row would land an hour or more away from that row.
 */
import { LATEST_MS } from './export-range.js';
import type { TimeZoneChoice } from './time.js';

/** What a box for a time shows while empty: the log's own order of the parts, to the second. */
export const TYPED_TIME_PLACEHOLDER = 'YYYY-MM-DD hh:mm:ss';

/**
 * A time as the log writes it, to the minute at least: date, a space (or ISO's `T`), time, and
 * optionally the zone a row shows (`Z`, `+01:00`) when the whole cell was copied, or as people
 * write a zone in a ticket (`UTC`, `GMT`, `+0100`, `+01`).
 */
const TIME =
  /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?(?: ?(Z|UTC|GMT|[+-]\d\d(?::?\d\d)?))?$/i;

/** Minutes east of UTC of a written zone (`Z`, `UTC`, `+01:00`, `-0530`, `+01`); null past ±14:00. */
function offsetMinutes(zone: string): number | null {
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return hours > 14 || minutes > 59 ? null : sign * (hours * 60 + minutes);
}

/**
 * Milliseconds since the epoch of a time typed as the log writes it, read in the zone it names or
 * else in `zone`; null if it is not such a time, or names none there is (31 February, 25:00, a
 * local time the clocks skipped).
 */
export function typedTimeMs(value: string, zone: TimeZoneChoice): number | null {
  const match = TIME.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', written] = match;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = parts;
  const ms = Number(fraction.padEnd(3, '0'));
  const utc = written !== undefined || zone === 'utc';
  const at = utc
    ? new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms))
    : new Date(y, mo - 1, d, h, mi, s, ms);
  // A time that names none there is comes back as another: 31 February as 3 March.
  if (partsOf(at, utc).some((part, i) => part !== parts[i])) return null;
  const offset = offsetMinutes(written ?? 'Z');
  if (offset === null) return null;
  return at.getTime() - (utc ? offset * 60_000 : 0);
}

/** Year, month (1–12), day, hour, minute and second of `date`, in UTC or on this machine's clock. */
function partsOf(date: Date, utc: boolean): number[] {
  return utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ]
    : [
        date.getFullYear(),
        date.getMonth() + 1,
        date.getDate(),
        date.getHours(),
        date.getMinutes(),
        date.getSeconds(),
      ];
}

/** ISO 8601 with its zone, to any fraction of a second (a log may write more than milliseconds). */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/i;

/**
 * Milliseconds since the epoch of an ISO 8601 time with its zone (`2026-01-06T13:00:00Z`), or of
 * one typed as the log writes it with its zone; null for anything else, or a time there is none
 * of (31 February: Date.parse alone takes it for 3 March, and free text too).
 */
export function isoTimeMs(value: string): number | null {
  const text = value.trim();
  if (!ISO_TIME.test(text)) return null;
  // Its date and minute checked as a typed time's are; its seconds and fraction by Date.
  if (typedTimeMs(text.slice(0, 16), 'utc') === null) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** A date alone, as the log writes its dates: 2026-01-07. */
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/**
 * A date typed alone (2026-01-07), read in `zone` as that whole day: from its first moment up to
 * the next day's first (the first moment left out), so "it failed on Tuesday" is typed as
 * Tuesday's date. On the technician's clock a day may be 23 or 25 hours long (the clocks changed
 * that night), and a midnight the clocks skipped starts the day at the hour they skipped to. Null
 * if it is not a date, or names none there is (31 February).
 */
export function typedDayMs(
  value: string,
  zone: TimeZoneChoice,
): { start: number; end: number } | null {
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [y = 0, mo = 1, d = 1] = match.slice(1).map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  // A date that names none there is comes back as another: 31 February as 3 March.
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d)
    return null;
  const startOf = (date: number) =>
    zone === 'utc'
      ? Date.UTC(y, mo - 1, date)
      : // A local time the clocks skipped is read as the one after the skip (ECMAScript's rule).
        new Date(y, mo - 1, date).getTime();
  return { start: startOf(d), end: startOf(d + 1) };
}

/**
 * One end of a range typed in a box or an option: a time as the log writes it, or a date alone
 * for its whole day (`start`: its first moment; `end`: the next day's, the first left out), in
 * `zone` unless a zone is written; the end kept within the latest time a range may name. The
 * window's search and export boxes, Go to time and the CLI's options all read a time so.
 */
export function typedRangeEndMs(
  value: string,
  zone: TimeZoneChoice,
  end: 'start' | 'end',
): number | null {
  const time = typedTimeMs(value, zone);
  if (time !== null) return time;
  const day = typedDayMs(value, zone);
  if (day === null) return null;
  return end === 'start' ? day.start : Math.min(day.end, LATEST_MS);
}
