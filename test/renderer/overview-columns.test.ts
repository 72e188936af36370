import { describe, expect, it } from 'vitest';
import type { LogOverview } from '../../electron/ipc/contract';
import { drawOverview } from '../../renderer/src/timeline/draw-overview';
import { columnsOf, timeAtX, xOfTime } from '../../renderer/src/timeline/overview-columns';
import { binsInColumns } from '../../shared/overview-columns';

const HOUR = 3_600_000;

/**
 * Bins as the index gives them: back to back, each about the same number of records, with 3
 * problem records in each of `problemsIn` (or `problems(i)` in bin i).
 */
function steady(
  bins: number,
  perBin: number,
  problemsIn: number[] = [],
  problems: (i: number) => number = (i) => (problemsIn.includes(i) ? 3 : 0),
): LogOverview {
  const list = Array.from({ length: bins }, (_, i) => ({
    t0: i * HOUR,
    t1: (i + 1) * HOUR - 1000,
    records: perBin,
    problems: problems(i),
  }));
  return {
    bins: list,
    records: bins * perBin,
    problems: list.reduce((sum, bin) => sum + bin.problems, 0),
    t0: 0,
    t1: bins * HOUR - 1000,
    lastSeq: bins * perBin,
  };
}

const COLOURS = { bg: 'bg', bars: 'bars', problem: 'problem', window: 'window', grid: 'grid' };

/** Each fill (with its colour) and outline the strip draws, in order. */
type Drawn =
  { op: 'fill'; style: string; x: number; y: number; w: number; h: number } | { op: 'stroke' };

/** Draws the strip on a stand-in 2D context and returns what it drew, in order. */
function drawnOps(
  overview: LogOverview,
  view: { width: number; height: number },
  visible: { t0: number; t1: number } | null,
): Drawn[] {
  const drawn: Drawn[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    fillRect(x: number, y: number, w: number, h: number) {
      drawn.push({ op: 'fill', style: this.fillStyle, x, y, w, h });
    },
    strokeRect() {
      drawn.push({ op: 'stroke' });
    },
  };
  drawOverview(ctx as unknown as CanvasRenderingContext2D, overview, view, COLOURS, visible);
  return drawn;
}

/** Draws the strip on a context that keeps its rectangles: how tall each colour is at a column. */
function drawnHeights(
  overview: LogOverview,
  width: number,
  height: number,
): { band: (x: number) => number; bars: (x: number, colour: string) => number } {
  const rects = drawnOps(overview, { width, height }, null).flatMap((d) =>
    d.op === 'fill' ? [d] : [],
  );
  const over = (x: number, colour: string, from: number, to: number) =>
    rects
      .filter((r) => r.style === colour && r.x <= x && x < r.x + r.w)
      .reduce((most, r) => Math.max(most, Math.min(to, r.y + r.h) - Math.max(from, r.y)), 0);
  return {
    band: (x) => over(x, 'problem', 0, 5),
    bars: (x, colour) => over(x, colour, 5, height - 1),
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

  it('shows how many records have a problem, not only where: a burst stands out, 2 % does not', () => {
    // 2 % of every bin's records have a problem, but for a burst in bin 7 where 75 % do.
    const overview = steady(10, 4096, [], (i) => (i === 7 ? 3072 : 82));
    const { band, bars } = drawnHeights(overview, 1000, 28);
    for (let x = 5; x < 995; x += 10) {
      // Every stretch holds some: the band runs the whole width.
      expect(band(x), `band at ${String(x)}`).toBe(5);
      const share = bars(x, 'problem') / bars(x, 'bars');
      if (x > 705 && x < 795) expect(share, `bar at ${String(x)}`).toBeCloseTo(0.75, 1);
      else if (x < 695 || x > 805) expect(share, `bar at ${String(x)}`).toBeLessThan(0.05);
    }
  });

  it('maps a click back to the time drawn there', () => {
    const overview = steady(24, 4096);
    const t = 17.5 * HOUR;
    expect(timeAtX(overview, 1000, xOfTime(overview, 1000, t))).toBeCloseTo(t, 3);
    expect(timeAtX(overview, 1000, -50)).toBe(0);
    expect(timeAtX(overview, 1000, 5000)).toBe(overview.t1);
  });

  it('tints the window shown while it is narrow, and only outlines it over most of the strip', () => {
    const overview = steady(24, 4096);
    const windowFills = (visible: { t0: number; t1: number }) =>
      drawnOps(overview, { width: 480, height: 24 }, visible).flatMap((d) =>
        d.op === 'fill' && d.style === 'window' ? [d.w] : [],
      );
    // Fit all: the whole log in view; a tint would cover every bar in the window's colour.
    expect(windowFills({ t0: overview.t0 ?? 0, t1: overview.t1 ?? 0 })).toEqual([]);
    // An hour of a day: the tint is what finds it.
    expect(windowFills({ t0: 5 * HOUR, t1: 6 * HOUR })).toHaveLength(1);
  });

  it('draws every problem mark over the window’s frame, the last one at the strip’s end too', () => {
    // Drawn under the frame, a live log's newest problem (at the right end, where the window
    // follows) was hidden, and every other mark half hidden, under "3 with a problem".
    const overview = steady(24, 4096, [0, 12, 23]);
    const width = 480;
    const ops = drawnOps(
      overview,
      { width, height: 24 },
      {
        t0: overview.t0 ?? 0,
        t1: overview.t1 ?? 0,
      },
    );
    const isMark = (d: Drawn) => d.op === 'fill' && d.style === 'problem' && d.y === 0;
    const drawn = ops.map((d) => (d.op === 'stroke' ? 'frame' : isMark(d) ? 'mark' : 'other'));
    const marks = ops.flatMap((d) => (d.op === 'fill' && isMark(d) ? [d] : []));
    expect(drawn.indexOf('frame')).toBeGreaterThanOrEqual(0);
    expect(drawn.lastIndexOf('frame')).toBeLessThan(drawn.indexOf('mark'));
    // The last bin's marks end on the strip, three pixels wide, not cut by its edge.
    const last = marks.reduce((a, b) => (b.x > a.x ? b : a));
    expect(last.x + last.w).toBe(width);
  });

  it('draws the one bin per column main sends as it draws every bin, at any log length', () => {
    // Bins as a log's index and its buckets read again give them: long ones over many columns,
    // short ones several to a column, one of no time, and a clock's step back overlapping them.
    const bins = [
      { t0: 0, t1: 10 * HOUR, records: 4096, problems: 3 },
      { t0: 10 * HOUR, t1: 10 * HOUR + 1000, records: 7, problems: 7 },
      { t0: 10 * HOUR + 5000, t1: 10 * HOUR + 5000, records: 1, problems: 1 },
      ...Array.from({ length: 500 }, (_, i) => ({
        t0: 11 * HOUR + i * 7000,
        t1: 11 * HOUR + i * 7000 + 6000,
        records: 12,
        problems: i % 50 === 0 ? 1 : 0,
      })),
      { t0: 5 * HOUR, t1: 5 * HOUR + 180_000, records: 60, problems: 60 },
      { t0: 14 * HOUR, t1: 24 * HOUR, records: 4096, problems: 0 },
    ];
    for (const scale of [1, 1 / 3600, 1 / 86_400_000]) {
      const scaled = bins.map((b) => ({ ...b, t0: b.t0 * scale, t1: b.t1 * scale }));
      const overview: LogOverview = {
        bins: scaled,
        records: bins.reduce((n, b) => n + b.records, 0),
        problems: bins.reduce((n, b) => n + b.problems, 0),
        t0: 0,
        t1: 24 * HOUR * scale,
        lastSeq: 1,
      };
      for (const width of [1, 97, 300, 1000, 1366]) {
        const sent = { ...overview, bins: binsInColumns(overview, width) };
        expect(sent.bins.length).toBeLessThanOrEqual(width);
        expect(Math.min(...sent.bins.map((b) => b.t0))).toBe(overview.t0);
        expect(Math.max(...sent.bins.map((b) => b.t1))).toBe(overview.t1);
        const all = columnsOf(overview, width);
        const one = columnsOf(sent, width);
        for (let x = 0; x < width; x++) {
          expect(one.records[x], `${String(width)}: records at ${String(x)}`).toBeCloseTo(
            all.records[x] ?? 0,
            9,
          );
          expect(one.problems[x], `${String(width)}: problems at ${String(x)}`).toBeCloseTo(
            all.problems[x] ?? 0,
            9,
          );
        }
        // Drawn wider before it asks again, every record is still drawn, near where it was.
        const wider = columnsOf(sent, width * 2);
        expect(wider.records.reduce((a, b) => a + b, 0)).toBeCloseTo(overview.records, 6);
      }
    }
  });
});
