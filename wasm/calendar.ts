/**
 * Epoch ms of a day of the proleptic Gregorian calendar, as Date.parse reads an ISO time (a day
 * past its month's end runs on into the next month; a year under 100 is that year).
 */

// The last date read, and its day's start: a log's lines share a day for hours.
let lastYear: i32 = -1;
let lastMonth: i32 = -1;
let lastDay: i32 = -1;
let lastDayMs: f64 = 0;

/** Days from 1970-01-01 (Hinnant's algorithm), as journal-index-line.ts computes them. */
function daysFromCivil(year: i32, month: i32, day: i32): f64 {
  const y = <f64>(month <= 2 ? year - 1 : year);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor(<f64>(153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The epoch ms at the start of this day (the last one asked is kept). */
export function dayStartMs(year: i32, month: i32, day: i32): f64 {
  if (year != lastYear || month != lastMonth || day != lastDay) {
    lastDayMs = daysFromCivil(year, month, day) * 86_400_000;
    lastYear = year;
    lastMonth = month;
    lastDay = day;
  }
  return lastDayMs;
}
