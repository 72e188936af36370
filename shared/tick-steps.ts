/**
 * How far apart a time axis's ticks are, for the window's timeline and the HTML report's alike.
 * Each kept a table of its own, and the two stepped one span differently (a 3-day step in the
 * window where the report said 4 days, 30 minutes where it said 15): a support engineer reading
 * the report beside the window saw the same log ticked at other times.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The steps from a second up, shortest first. Seconds and minutes divide a minute and an hour,
 * hours divide a day: ticks at whole steps of a clock then fall at the same times every minute,
 * hour and day, on the hour and at midnight among them. Past a day, whole days, then whole weeks,
 * so ticks stay on one day of the week (a 4-day step fell on another each week).
 */
const STEPS: readonly number[] = [
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR),
  ...[1, 2, 7, 14, 28].map((n) => n * DAY),
];

/**
 * The shortest step of at least `raw` ms. Under a second, 1, 2 or 5 × 10ⁿ ms, down to a
 * thousandth (the report's latencies are fractions of a millisecond); past the table, its last
 * step doubled (8, 16, … weeks), whole weeks still.
 */
export function tickStep(raw: number): number {
  if (raw < SECOND) {
    const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
    for (const m of [1, 2, 5]) if (m * power >= raw) return m * power;
    return 10 * power;
  }
  const step = STEPS.find((s) => s >= raw);
  if (step !== undefined) return step;
  let weeks = STEPS[STEPS.length - 1] ?? DAY;
  while (weeks < raw) weeks *= 2;
  return weeks;
}
