/**
 * The recording machine's clock set back (a Windows time sync, a manual change): the journal's
 * times go back in seq order. Every request and backend mark after the step is still drawn,
 * counted, pointed at and ticked where its time is, in sparse and dense lanes, live and loaded.
 */
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import type { JournalRecord } from '../../shared/journal/record';
import type { RequestOutcome } from '../../shared/request/outcome';
import { columnMasks, visibleCount } from '../../renderer/src/timeline/column-masks';
import { drawMarks, marksInView } from '../../renderer/src/timeline/draw-marks';
import { drawSparse } from '../../renderer/src/timeline/draw-spans';
import { AXIS_HEIGHT, LANE_HEIGHT, xOf } from '../../renderer/src/timeline/geometry';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { summarizeRange } from '../../renderer/src/timeline/range-summary';
import { OUTCOME_INDEX, SpanColumns } from '../../renderer/src/timeline/span-columns';
import { LaneSummary, PROBLEM_BIT } from '../../renderer/src/timeline/span-summary';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { PALETTE, PLOT, view } from './support/timeline-frame';

const T0 = Date.UTC(2026, 2, 1, 10);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DEV = '{DEV}';

let seq = 0;

function logRow(record: Record<string, unknown>, t: number): LogRow {
  seq += 1;
  const time = new Date(t).toISOString();
  return toLogRow({ v: 2, seq, time, mono: seq, ...record } as unknown as JournalRecord);
}

/** A request sent at `t`, completed 40 ms later with `outcome`. */
function request(n: number, t: number, outcome: RequestOutcome): LogRow[] {
  const base = {
    interfaceId: DEV,
    serviceId: 'svc',
    serviceName: 'SMS',
    ref: `q${String(n)}`,
    op: 'close',
  };
  const ok = outcome !== 'failed';
  return [
    logRow({ ...base, kind: 'request', outcome: 'sending', sessionOpenBefore: true }, t),
    logRow(
      {
        ...base,
        kind: 'completion',
        outcome,
        requestId: 1000 + n,
        status: ok ? '0x00000000' : '0x80004005',
        statusName: ok ? 'S_OK' : 'E_FAIL',
        match: 'matched',
        latencyMs: 40,
      },
      t + 40,
    ),
  ];
}

/** A canvas context that keeps the boxes filled, with their colour. */
function recordingContext(): {
  ctx: CanvasRenderingContext2D;
  boxes: { x: number; colour: string }[];
} {
  const boxes: { x: number; colour: string }[] = [];
  let path: number[] = [];
  /** Whether the path's shape was begun: a mark's first point is its x. */
  let begun = false;
  const noop = () => undefined;
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    beginPath: () => {
      path = [];
      begun = false;
    },
    rect: (x: number) => path.push(x),
    fill: () => {
      for (const x of path) boxes.push({ x, colour: ctx.fillStyle });
    },
    stroke: noop,
    moveTo: (x: number) => {
      if (!begun) path.push(x);
      begun = true;
    },
    lineTo: noop,
    closePath: noop,
    setLineDash: noop,
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, boxes };
}

describe('a sparse lane after the clock was set back', () => {
  /**
   * 40 requests a minute apart from 10:00; after the 20th the clock goes back an hour, so the
   * 21st is sent at 09:20; the 30th, at 09:29, fails.
   */
  function stepped(): { model: TimelineModel; failedAt: number } {
    const rows: LogRow[] = [];
    for (let n = 1; n <= 20; n++) rows.push(...request(n, T0 + (n - 1) * MIN, 'succeeded'));
    const back = T0 + 20 * MIN - HOUR;
    for (let n = 21; n <= 40; n++)
      rows.push(...request(n, back + (n - 21) * MIN, n === 30 ? 'failed' : 'succeeded'));
    const model = new TimelineModel();
    model.sync(rows, true);
    return { model, failedAt: back + 9 * MIN };
  }

  it('draws, counts and points at the failed request where it was sent', () => {
    const { model, failedAt } = stepped();
    const lanes = model.orderedLanes();
    const laneIndex = lanes.findIndex((l) => l.kind === 'service');
    const lane = lanes[laneIndex];
    if (!lane) throw new Error('no lane');
    // The half hour after the step: 09:15 to 09:45, the 20 requests sent from 09:20 to 09:39.
    const v = view(T0 - 45 * MIN, T0 - 15 * MIN);
    const { ctx, boxes } = recordingContext();
    const drawn = drawSparse(ctx, lane.columns, v, PLOT / (v.t1 - v.t0), 50, PALETTE);
    expect(drawn).toBe(20);
    const failed = boxes.filter((b) => b.colour === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.x).toBeCloseTo(xOf(v, failedAt), 3);
    // What the tip and the density say of the stretch.
    const summary = summarizeRange(lane.columns, v.t0, v.t1);
    expect(summary.total).toBe(20);
    expect(summary.counts).toEqual({ succeeded: 19, failed: 1 });
    expect(visibleCount(lane.columns, v.t0, v.t1)).toBe(20);
    // Pointing at it gives the failed request, sent at 09:29.
    const hit = hitTest(
      model,
      v,
      xOf(v, failedAt + 20),
      AXIS_HEIGHT + laneIndex * LANE_HEIGHT + LANE_HEIGHT / 2,
    );
    const span = hit && 'span' in hit ? hit.span : null;
    expect(span?.outcome).toBe('failed');
    expect(span?.start).toBe(failedAt);
  });

  it('draws every request when all of them are in view, and opens on the earliest', () => {
    const { model } = stepped();
    const lane = model.orderedLanes().find((l) => l.kind === 'service');
    if (!lane) throw new Error('no lane');
    const v = view(model.minTime, model.maxTime);
    const { ctx } = recordingContext();
    expect(drawSparse(ctx, lane.columns, v, PLOT / (v.t1 - v.t0), 50, PALETTE)).toBe(40);
    expect(summarizeRange(lane.columns, v.t0, v.t1).total).toBe(40);
    // The lane's requests begin at 09:20, after the step, not at its first request's 10:00.
    expect(Math.min(...model.extents().map((e) => e.start))).toBe(T0 - 40 * MIN);
  });
});

describe('a dense lane after the clock was set back', () => {
  /**
   * `segments` runs of requests 300 ms apart, the clock set back 45 minutes at the end of each
   * but the last, so each starts in the stretch the one before covered (6,000 requests are half
   * an hour); in the last, a burst of 60 failed requests 15 minutes in. Appended a
   * few hundred at a time with the summary brought up to date in between (as rows arrive live),
   * or all at once before it is built (a saved log loaded).
   */
  function stepped(segments: number, perSegment: number, live: boolean) {
    const columns = new SpanColumns();
    const summary = new LaneSummary(columns);
    const burst = { from: 0, to: 0 };
    let t = T0;
    for (let g = 0; g < segments; g++) {
      const last = g === segments - 1;
      for (let i = 0; i < perSegment; i++) {
        const failed = last && i >= 3_000 && i < 3_060;
        if (failed && i === 3_000) burst.from = t;
        if (failed) burst.to = t;
        columns.push(t, t + 40, failed ? 'failed' : 'succeeded');
        if (live && i % 500 === 0) summary.prepare();
        t += 300;
      }
      t -= 45 * MIN;
    }
    summary.prepare();
    return { columns, summary, burst };
  }

  /** Columns that hold a problem, the slow way: every span, where it starts and ends. */
  function problemColumns(columns: SpanColumns, t0: number, t1: number): number[] {
    const scale = PLOT / (t1 - t0);
    const out = new Set<number>();
    const failed = OUTCOME_INDEX.get('failed');
    for (let i = 0; i < columns.length; i++) {
      if (columns.outcome[i] !== failed) continue;
      const c0 = Math.floor((columns.startAt(i) - t0) * scale);
      const c1 = Math.floor((columns.end(i) - t0) * scale);
      for (let c = Math.max(0, c0); c <= Math.min(PLOT - 1, c1); c++) out.add(c);
    }
    return [...out].sort((a, b) => a - b);
  }

  for (const [segments, perSegment, live] of [
    [2, 6_000, false],
    [2, 6_000, true],
    [4, 5_000, true],
  ] as const) {
    it(`ticks a burst of failures where it happened (${String(segments - 1)} steps back, ${live ? 'live' : 'loaded'})`, () => {
      const { columns, summary, burst } = stepped(segments, perSegment, live);
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < columns.length; i++) {
        min = Math.min(min, columns.startAt(i));
        max = Math.max(max, columns.end(i));
      }
      for (const [t0, t1] of [
        [min, max],
        // Not on a request's start: one starting on the view's right edge is in no column.
        [burst.from - 5 * MIN, burst.to + 5 * MIN + 150],
      ] as const) {
        const masks = new Uint8Array(PLOT);
        const tally = { requests: new Float64Array(PLOT), problems: new Float64Array(PLOT) };
        columnMasks(columns, summary, t0, t1, PLOT / (t1 - t0), masks, tally);
        const ticked = [...masks.keys()].filter((c) => ((masks[c] ?? 0) & PROBLEM_BIT) !== 0);
        const expected = problemColumns(columns, t0, t1);
        // Within a column of where the failures are (a bucket puts its spans where its first is).
        expect(ticked.length).toBeGreaterThan(0);
        expect(Math.abs((ticked[0] ?? 0) - (expected[0] ?? 0))).toBeLessThanOrEqual(1);
        expect(Math.abs((ticked.at(-1) ?? 0) - (expected.at(-1) ?? 0))).toBeLessThanOrEqual(1);
        let inView = 0;
        for (let i = 0; i < columns.length; i++) {
          const s = columns.startAt(i);
          if (s >= t0 && s <= t1) inView++;
        }
        // Every request starting in view is counted once, and the failures as about 60.
        expect(visibleCount(columns, t0, t1)).toBe(inView);
        expect(tally.requests.reduce((a, b) => a + b, 0)).toBe(inView);
        expect(Math.abs(tally.problems.reduce((a, b) => a + b, 0) - 60)).toBeLessThan(2);
      }
    });
  }

  it('draws a million requests, the clock set back twice, with the burst where it is', () => {
    const { columns, summary, burst } = stepped(3, 350_000, false);
    const t0 = burst.from - 30 * MIN;
    const t1 = burst.to + 30 * MIN;
    const masks = new Uint8Array(PLOT);
    const read = columnMasks(columns, summary, t0, t1, PLOT / (t1 - t0), masks);
    const ticked = [...masks.keys()].filter((c) => ((masks[c] ?? 0) & PROBLEM_BIT) !== 0);
    const expected = problemColumns(columns, t0, t1);
    expect(Math.abs((ticked[0] ?? -9) - (expected[0] ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs((ticked.at(-1) ?? -9) - (expected.at(-1) ?? 0))).toBeLessThanOrEqual(1);
    // Still from the summary: about two buckets a column for each segment in view, not the spans.
    expect(read).toBeLessThanOrEqual(3 * (2 * PLOT + 4));
  });

  it('reads a summary, not every request, where the clock was set back every hour', () => {
    // 300 hours of a request a second, the clock set back a minute at the end of each hour; one
    // request failed, half way through the 150th hour.
    const columns = new SpanColumns();
    const summary = new LaneSummary(columns);
    let t = T0;
    let failedAt = 0;
    for (let h = 0; h < 300; h++) {
      for (let i = 0; i < 3_600; i++) {
        const failed = h === 150 && i === 1_800;
        if (failed) failedAt = t + i * 1000;
        columns.push(t + i * 1000, t + i * 1000 + 40, failed ? 'failed' : 'succeeded');
      }
      t += HOUR - MIN;
    }
    summary.prepare();
    const t1 = t + MIN;
    const masks = new Uint8Array(PLOT);
    const read = columnMasks(columns, summary, T0, t1, PLOT / (t1 - T0), masks);
    expect(masks.every((m) => m !== 0)).toBe(true);
    const ticked = [...masks.keys()].filter((c) => ((masks[c] ?? 0) & PROBLEM_BIT) !== 0);
    expect(ticked).toHaveLength(1);
    expect(
      Math.abs((ticked[0] ?? 0) - Math.floor(((failedAt - T0) * PLOT) / (t1 - T0))),
    ).toBeLessThanOrEqual(1);
    // A few buckets a segment, where reading its requests one by one was all 1,080,000 of them.
    expect(read).toBeLessThan(20 * 300);
  });
});

describe('backend marks after the clock was set back', () => {
  it('draws the outage where it was', () => {
    const rows: LogRow[] = [];
    const status = (t: number, available: boolean) =>
      logRow({ kind: 'backend-status', backend: 'mbn', available, message: 'status' }, t);
    // 10:00 to 10:09, then the clock set back: 09:00:30 to 09:09:30, the service down at 09:05:30.
    for (let i = 0; i < 10; i++) rows.push(status(T0 + i * MIN, true));
    for (let i = 0; i < 10; i++) rows.push(status(T0 - HOUR + 30_000 + i * MIN, i !== 5));
    const model = new TimelineModel();
    model.sync(rows, true);
    const lane = model.orderedLanes().find((l) => l.kind === 'backend');
    if (!lane) throw new Error('no backend lane');
    const v = view(T0 - HOUR, T0 - 45 * MIN);
    expect(marksInView(lane.marks, v)).toBe(10);
    const { ctx, boxes } = recordingContext();
    drawMarks(ctx, lane.marks, v, 50, PALETTE, true);
    const down = boxes.filter((b) => b.colour === 'removal');
    expect(down).toHaveLength(1);
    expect(down[0]?.x).toBeCloseTo(xOf(v, T0 - HOUR + 5 * MIN + 30_000), 3);
    expect(boxes).toHaveLength(10);
  });
});
