/**
 * ISO 8601 times as a log row shows them, made from milliseconds quickly: the log's columns keep a
 * record's time as its milliseconds when it reads back exactly as written (./row-columns.ts), and
 * a filter over every row asks for every row's time.
 */
const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
let isoDay = Number.NaN;
let isoDayText = '';

/**
 * `new Date(ms).toISOString()`, for the whole milliseconds an ISO time reads as, made from the
 * day's text (kept for the last day asked: a log's rows come a day at a time) and the time of day
 * in arithmetic: a filter over every row asks for every row's time, and toISOString is slow.
 */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    const text = new Date(day * DAY_MS).toISOString();
    isoDay = day;
    isoDayText = text.slice(0, text.indexOf('T') + 1);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  rest -= seconds * 1000;
  return `${isoDayText}${PAD2[hours] ?? ''}:${PAD2[minutes] ?? ''}:${PAD2[seconds] ?? ''}.${PAD3[rest] ?? ''}Z`;
}

/** Whether `value` is the time `isoTime` makes of its milliseconds: kept as them, it reads back the same. */
export function isIsoTime(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 && isoTime(ms) === value;
}
