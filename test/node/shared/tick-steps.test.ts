/**
 * The steps a time axis's ticks take, in the window and the report alike: ticks at whole steps of
 * a clock land at the same times every minute, hour and day (midnight among them), and a long
 * span's on one day of the week.
 */
import { describe, expect, it } from 'vitest';
import { tickStep } from '../../../shared/tick-steps.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Every step the sweep of raw steps from `from` to `to` ms gives, shortest first. */
function stepsBetween(from: number, to: number): number[] {
  const steps = new Set<number>();
  for (let raw = from; raw <= to; raw *= 1.01) steps.add(tickStep(raw));
  return [...steps];
}

describe('tick steps', () => {
  it('are the shortest of at least the step asked for, under a second 1, 2 or 5 × 10ⁿ ms', () => {
    expect(stepsBetween(0.003, 999)).toEqual([
      0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
    ]);
    for (let raw = 0.003; raw < 100 * WEEK; raw *= 1.07) {
      expect(tickStep(raw)).toBeGreaterThanOrEqual(raw);
      expect(tickStep(raw) / raw, String(raw)).toBeLessThanOrEqual(4);
    }
  });

  it('divide a minute, an hour and a day, so ticks fall at the same times in each', () => {
    const steps = stepsBetween(SECOND, DAY);
    expect(steps.length).toBeGreaterThan(15);
    for (const step of steps) {
      const whole = step < MINUTE ? MINUTE : step < HOUR ? HOUR : DAY;
      expect(whole % step, `${String(step)} ms`).toBe(0);
    }
  });

  it('past two days, are whole weeks, so ticks stay on one day of the week', () => {
    expect(tickStep(DAY + 1)).toBe(2 * DAY);
    for (const step of stepsBetween(2 * DAY + 1, 500 * WEEK))
      expect(step % WEEK, `${String(step / DAY)} d`).toBe(0);
    expect(tickStep(3 * DAY)).toBe(WEEK);
  });
});
