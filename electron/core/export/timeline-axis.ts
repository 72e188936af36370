/**
 * The report timeline's axis: where its ticks go and what they say. A week-long log's axis read
 * "0 s … 500000 s" beside a summary saying "6.9 d", and a support engineer could not tell which
 * day a cluster of failures fell on. Steps are whole units (seconds to weeks), those of the
 * window's timeline (shared/tick-steps.ts), so both tick one span alike; where the axis's
 * zero is one moment on the wall clock (a single run, or a range's first entry) and the picture
 * spans minutes or more, the ticks are UTC clock times and dates at midnight, as every time in
 * the report is UTC (an hour's export counted "0 s … 1 h" from its first entry, and matching
 * "about 14:05" in the window took arithmetic); otherwise (seconds, where latencies are read, or
 * a log with a restart) they say how long after the zero ("40 s", "1 d 6 h").
 */
import { tickStep } from '../../../shared/tick-steps.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** About this many ticks across the picture. */
const TICKS = 8;

interface AxisTick {
  /** Milliseconds from the axis's zero. */
  t: number;
  label: string;
}

export interface Axis {
  ticks: AxisTick[];
  /** Under the ticks, at the axis's end: what they measure. */
  label: string;
}

/**
 * The ticks from 0 to `end` (ms after the zero). `zeroTime`: the zero's UTC time when the whole
 * picture runs on one clock from it, else null (a log with a restart: each run's clock starts
 * again at 0, so no tick is one time of day). `since`: what the zero is, in words.
 */
export function timelineAxis(end: number, zeroTime: string | null, since: string): Axis {
  const step = tickStep(end / TICKS);
  if (zeroTime !== null && onClock(end, zeroTime))
    return clockAxis(end, Date.parse(zeroTime), step);
  const ticks: AxisTick[] = [];
  for (let i = 0; i * step <= end + step / 1000; i++)
    ticks.push({ t: i * step, label: offsetLabel(i * step, step) });
  return { ticks, label: `time since ${since}` };
}

/**
 * Whether the axis's ticks are UTC times of day: its ticks are whole minutes or more apart (a
 * span of seconds reads better as "40 s" after the start, against latencies) and its zero is a
 * known moment.
 */
export function onClock(end: number, zeroTime: string | null): boolean {
  return (
    tickStep(end / TICKS) >= MINUTE && zeroTime !== null && Number.isFinite(Date.parse(zeroTime))
  );
}

/** Ticks at UTC clock times that are whole steps (midnight, 06:00, …), dated where a day begins. */
function clockAxis(end: number, zero: number, step: number): Axis {
  const ticks: AxisTick[] = [];
  // Whole steps of UTC time: every step divides a day or is whole days, so midnights are ticks.
  let at = Math.ceil(zero / step) * step;
  for (; at - zero <= end; at += step) {
    const midnight = at % DAY === 0;
    const date = new Date(at).toISOString().slice(0, 10);
    const time = new Date(at).toISOString().slice(11, 16);
    // The first tick names its date too, so every later hour is read from it.
    const label = midnight ? date : ticks.length === 0 ? `${date} ${time}` : time;
    ticks.push({ t: at - zero, label });
  }
  return { ticks, label: 'UTC, as every time in this report' };
}

/** "0 s", "250 ms", "1.5 s", "40 s", "1 min 30 s", "2 h", "1 d 6 h": how long after the zero. */
function offsetLabel(ms: number, step: number): string {
  if (ms === 0) return '0 s';
  if (step < SECOND)
    return ms < SECOND ? `${Math.round(ms * 100) / 100} ms` : `${Math.round(ms / 10) / 100} s`;
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND) * SECOND;
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['min', MINUTE],
    ['s', SECOND],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.join(' ');
}
