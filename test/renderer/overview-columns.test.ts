import { describe, expect, it } from 'vitest';
import type { LogOverview } from '../../electron/ipc/contract';
import { columnsOf, timeAtX, xOfTime } from '../../renderer/src/timeline/draw-overview';

const HOUR = 3_600_000;

/** Bins as the index gives them: back to back, each about the same number of records. */
function steady(bins: number, perBin: number, problemsIn: number[] = []): LogOverview {
  const list = Array.from({ length: bins }, (_, i) => ({
    t0: i * HOUR,
    t1: (i + 1) * HOUR - 1000,
    records: perBin,
    problems: problemsIn.includes(i) ? 3 : 0,
  }));
  return {
    bins: list,
    records: bins * perBin,
    problems: problemsIn.length * 3,
    t0: 0,
    t1: bins * HOUR - 1000,
  };
}

describe('overview columns', () => {
  it('draws a steady log flat: no spike where two bins share a pixel column', () => {
    const { records } = columnsOf(steady(7, 4096), 500);
    const inner = [...records].slice(1, -1);
    const max = Math.max(...inner);
    const min = Math.min(...inner);
    expect(min / max).toBeGreaterThan(0.9);
    expect(records.reduce((a, b) => a + b, 0)).toBeCloseTo(7 * 4096, 3);
  });

  it('puts problems only over the bins that hold them', () => {
    const { problems } = columnsOf(steady(10, 4096, [7]), 1000);
    const marked = [...problems.keys()].filter((x) => (problems[x] ?? 0) > 0);
    expect(marked.length).toBeGreaterThan(80);
    expect(Math.min(...marked)).toBeGreaterThanOrEqual(699);
    expect(Math.max(...marked)).toBeLessThanOrEqual(800);
  });

  it('maps a click back to the time drawn there', () => {
    const overview = steady(24, 4096);
    const t = 17.5 * HOUR;
    expect(timeAtX(overview, 1000, xOfTime(overview, 1000, t))).toBeCloseTo(t, 3);
    expect(timeAtX(overview, 1000, -50)).toBe(0);
    expect(timeAtX(overview, 1000, 5000)).toBe(overview.t1);
  });
});
