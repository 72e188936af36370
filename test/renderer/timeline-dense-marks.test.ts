/**
 * A fast live log puts a device notification every 2 ms on a service's lane: hundreds of
 * thousands of marks in view. Each was its own filled shape, a quarter of a million a frame, and
 * the window crawled at a frame a second. Drawn from which kinds each pixel column holds, a frame
 * fills a bounded number of shapes however many marks are in view, and the rare marks a
 * technician looks for (a device removed, the backend gone) are still drawn where they happened,
 * on top of the common ones, before and after the clock was set back; the pointer finds them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawTimeline } from '../../renderer/src/timeline/draw';
import { drawMarks } from '../../renderer/src/timeline/draw-marks';
import { AXIS_HEIGHT, LANE_HEIGHT, xOf } from '../../renderer/src/timeline/geometry';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { tallyWords } from '../../renderer/src/timeline/mark-tally';
import type { MarkKind, TimelineMark } from '../../renderer/src/timeline/timeline-lanes';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { PALETTE, PLOT, view } from './support/timeline-frame';
import { canvasOf } from './support/recording-context';

const T0 = Date.UTC(2026, 3, 1, 10);
const MIN = 60_000;
const HOUR = 60 * MIN;
const MID = 50;

let seq = 0;
function mark(kind: MarkKind, t: number): TimelineMark {
  seq += 2;
  return { kind, t, seq, text: kind };
}

/** A shape a fill painted: its colour, and from where to where across it reaches. */
interface Shape {
  colour: string;
  x0: number;
  x1: number;
}

/** The outlines of a path: one [x0, x1] per subpath begun. */
class Outlines {
  list: { x0: number; x1: number }[] = [];
  private open = false;
  begin(x0: number, x1 = x0): void {
    this.list.push({ x0, x1 });
    this.open = true;
  }
  reach(x0: number, x1 = x0): void {
    const last = this.list.at(-1);
    if (!this.open || !last) return this.begin(x0, x1);
    last.x0 = Math.min(last.x0, x0);
    last.x1 = Math.max(last.x1, x1);
  }
  close(): void {
    this.open = false;
  }
}

/**
 * A canvas that keeps, in the order painted, every shape filled from its path with its colour, and how many fills it took; everything else a frame does is let be.
 */
function shapeContext(): { ctx: CanvasRenderingContext2D; shapes: Shape[]; fills: () => number } {
  const shapes: Shape[] = [];
  let fills = 0;
  let path = new Outlines();
  const state: Record<string | symbol, unknown> = { fillStyle: '' };
  const calls: Record<string, (...args: never[]) => unknown> = {
    beginPath: () => (path = new Outlines()),
    moveTo: (x: number) => path.begin(x),
    lineTo: (x: number) => path.reach(x),
    arc: (x: number, _y: number, r: number) => path.reach(x - r, x + r),
    rect: (x: number, _y: number, w: number) => {
      path.begin(x, x + w);
      path.close();
    },
    closePath: () => path.close(),
    fill: () => {
      fills++;
      const colour = String(state.fillStyle);
      for (const o of path.list) shapes.push({ colour, ...o });
    },
    measureText: (text: string) => ({ width: text.length * 6 }),
  };
  const ctx = canvasOf(state, calls);
  return { ctx, shapes, fills: () => fills };
}

/** The shapes of `colour` that reach over x. */
const over = (shapes: Shape[], colour: string, x: number) =>
  shapes.filter((s) => s.colour === colour && s.x0 <= x && s.x1 >= x);

describe('a device lane of 200,000 arrivals and one removal', () => {
  /** An arrival every 3 ms for ten minutes; the device removed once, at 10:04:10.001. */
  function flapping(): { marks: TimelineMark[]; removedAt: number } {
    const marks: TimelineMark[] = [];
    const removedAt = T0 + 250_001;
    for (let i = 0; i < 200_000; i++) {
      const t = T0 + i * 3;
      if (t > removedAt && marks.at(-1)?.kind !== 'removal') marks.push(mark('removal', removedAt));
      marks.push(mark('arrival', t));
    }
    return { marks, removedAt };
  }

  it('fills a bounded number of shapes, not one per mark', () => {
    const { marks } = flapping();
    const { ctx, shapes, fills } = shapeContext();
    drawMarks(ctx, marks, view(T0, T0 + 10 * MIN), MID, PALETTE, true);
    // 200,001 marks in view; at most a shape a kind per column, and a fill a kind.
    expect(shapes.length).toBeLessThanOrEqual(PLOT);
    expect(fills()).toBeLessThanOrEqual(6);
    // The arrivals still read as arrivals all along the ten minutes.
    const v = view(T0, T0 + 10 * MIN);
    for (const t of [T0 + 1_000, T0 + 5 * MIN, T0 + 9 * MIN])
      expect(over(shapes, 'arrival', xOf(v, t))).not.toHaveLength(0);
  });

  it('draws the removal where it happened, over the arrivals around it', () => {
    const { marks, removedAt } = flapping();
    const v = view(T0, T0 + 10 * MIN);
    const { ctx, shapes } = shapeContext();
    drawMarks(ctx, marks, v, MID, PALETTE, true);
    const x = xOf(v, removedAt);
    const removals = shapes.filter((s) => s.colour === 'removal');
    expect(removals).toHaveLength(1);
    const [removal] = removals;
    if (!removal) return;
    // Where its time is (within the pixel column it falls in), and as wide as one mark's shape.
    expect(removal.x0).toBeLessThanOrEqual(x + 1);
    expect(removal.x1).toBeGreaterThanOrEqual(x - 1);
    expect(removal.x1 - removal.x0).toBeLessThanOrEqual(16);
    // Nothing painted after it covers it: the arrivals around it went first.
    const after = shapes.slice(shapes.indexOf(removal) + 1);
    expect(after.filter((s) => s.x0 < removal.x1 && s.x1 > removal.x0)).toEqual([]);
  });

  it('draws a removal that came live, after the frames before it', () => {
    const marks: TimelineMark[] = [];
    for (let i = 0; i < 200_000; i++) marks.push(mark('arrival', T0 + i * 3));
    const first = view(T0, T0 + 10 * MIN);
    drawMarks(shapeContext().ctx, marks, first, MID, PALETTE, true);
    // Live: a removal and more arrivals come, the view follows.
    const removedAt = T0 + 600_100;
    marks.push(mark('removal', removedAt));
    for (let i = 1; i <= 3_000; i++) marks.push(mark('arrival', removedAt + i * 3));
    const v = view(T0 + 10_000, T0 + 10 * MIN + 10_000);
    const { ctx, shapes } = shapeContext();
    drawMarks(ctx, marks, v, MID, PALETTE, true);
    expect(over(shapes, 'removal', xOf(v, removedAt))).toHaveLength(1);
    expect(shapes.length).toBeLessThanOrEqual(PLOT);
  });

  it('is what the pointer finds beside the removal, not an arrival', () => {
    const { marks, removedAt } = flapping();
    const model = new TimelineModel();
    const lane = model.lanes.deviceLane('{DEV}');
    for (const m of marks) lane.marks.push(m);
    const v = view(T0, T0 + 10 * MIN);
    const y = AXIS_HEIGHT + model.orderedLanes().indexOf(lane) * LANE_HEIGHT + LANE_HEIGHT / 2;
    // Two pixels beside it, with a hundred arrivals nearer the pointer: the removal drawn there.
    const beside = hitTest(model, v, xOf(v, removedAt) + 2, y);
    expect(beside).toMatchObject({ mark: { kind: 'removal', t: removedAt } });
    // Its tip tells it first, before the arrivals drawn under it (mark-tally.ts).
    const column = beside && 'mark' in beside ? beside.column : undefined;
    expect(column && tallyWords(column.tally)).toMatch(
      /^[\d,]+ device removals?, [\d,]+ device arrivals$/,
    );
    // Away from it, an arrival.
    expect(hitTest(model, v, xOf(v, removedAt) + 200, y)).toMatchObject({
      mark: { kind: 'arrival' },
    });
  });
});

describe('a backend outage among 200,000 statuses after the clock was set back', () => {
  /**
   * The backend's status every 6 ms from 10:00 to 10:10; then the clock set back an hour, and
   * again every 6 ms from 09:00 to 09:10, with a burst of 50 outages at 09:05.
   */
  function stepped(): { marks: TimelineMark[]; downAt: number } {
    const marks: TimelineMark[] = [];
    for (let i = 0; i < 100_000; i++) marks.push(mark('backend', T0 + i * 6));
    const back = T0 - HOUR;
    const downAt = back + 5 * MIN;
    for (let i = 0; i < 100_000; i++) {
      const t = back + i * 6;
      marks.push(mark('backend', t));
      if (t === downAt) for (let k = 1; k <= 50; k++) marks.push(mark('backend-down', t + k));
    }
    return { marks, downAt };
  }

  it('draws the outage where it happened, on top, and the statuses of both hours', () => {
    const { marks, downAt } = stepped();
    const v = view(T0 - HOUR, T0 + 10 * MIN);
    const { ctx, shapes } = shapeContext();
    drawMarks(ctx, marks, v, MID, PALETTE, true);
    expect(shapes.length).toBeLessThanOrEqual(PLOT);
    const down = shapes.filter((s) => s.colour === 'removal');
    expect(down).toHaveLength(1);
    expect(over(down, 'removal', xOf(v, downAt))).toHaveLength(1);
    const [outage] = down;
    if (!outage) return;
    const after = shapes.slice(shapes.indexOf(outage) + 1);
    expect(after.filter((s) => s.x0 < outage.x1 && s.x1 > outage.x0)).toEqual([]);
    // Statuses where the clock was, both hours, and none in the 50 minutes between them.
    expect(over(shapes, 'backend', xOf(v, T0 - HOUR + 2 * MIN))).not.toHaveLength(0);
    expect(over(shapes, 'backend', xOf(v, T0 + 5 * MIN))).not.toHaveLength(0);
    expect(over(shapes, 'backend', xOf(v, T0 - 25 * MIN))).toEqual([]);
  });
});

describe('a frame of a service lane with 250,000 notifications in view', () => {
  it('fills a number of shapes bounded by the width', () => {
    const model = new TimelineModel();
    const service = { interfaceId: '{DEV}', serviceId: 'svc', serviceName: 'Vendor' };
    // A few requests, so the lane is there, as the live log's are.
    for (let i = 0; i < 10; i++)
      model.appendSpan(service, T0 + i * 50_000, T0 + i * 50_000 + 40, 'succeeded', 2 * i + 1);
    model.prepare();
    const lane = model.orderedLanes().find((l) => l.kind === 'service');
    if (!lane) throw new Error('no service lane');
    // A notification every 2 ms for 500 s, and read data after each tenth.
    for (let i = 0; i < 250_000; i++) {
      lane.marks.push(mark('notification', T0 + i * 2));
      if (i % 10 === 0) lane.marks.push(mark('read', T0 + i * 2 + 1));
    }
    const v = view(T0, T0 + 500_000);
    const { ctx, shapes, fills } = shapeContext();
    drawTimeline(ctx, model, v, PALETTE, null);
    const marks = shapes.filter((s) => s.colour === 'backend' || s.colour === 'read');
    expect(marks.length).toBeLessThanOrEqual(2 * PLOT);
    expect(fills()).toBeLessThan(100);
    // The notifications still cover the 500 s they came in, and the read ticks too.
    for (const t of [T0 + 1_000, T0 + 250_000, T0 + 499_000]) {
      expect(over(shapes, 'backend', xOf(v, t))).not.toHaveLength(0);
      expect(over(shapes, 'read', Math.floor(xOf(v, t)) + 0.5)).not.toHaveLength(0);
    }
  });
});

describe('a lane panned with a few seconds in view', () => {
  afterEach(() => vi.unstubAllGlobals());

  /**
   * Marks far enough apart to be drawn one by one. Each was a Path2D of its own, a frame: their
   * native memory stayed until the collector ran, which a small JS heap rarely asks for, and
   * panning a fast live log this way grew the window by 75 MB (bench/timeline.ts).
   */
  it('draws each mark in the context’s own path, with no object made for it', () => {
    const made = vi.fn();
    vi.stubGlobal('Path2D', made);
    const marks: TimelineMark[] = [];
    const kinds: MarkKind[] = ['notification', 'arrival', 'removal', 'backend', 'error'];
    for (let i = 0; i < 1_000; i++)
      marks.push(mark(kinds[i % kinds.length] ?? 'backend', T0 + i * 100));
    const { ctx, shapes } = shapeContext();
    let drawn = 0;
    for (let frame = 0; frame < 20; frame++) {
      const v = view(T0 + frame * 5_000, T0 + frame * 5_000 + 4_000);
      drawMarks(ctx, marks, v, MID, PALETTE, true);
      drawn += 41;
    }
    expect(made).not.toHaveBeenCalled();
    // Every mark in view drawn, each its own shape, in its kind's colour.
    expect(shapes).toHaveLength(drawn);
    expect(new Set(shapes.map((s) => s.colour))).toEqual(
      new Set(['backend', 'arrival', 'removal', 'error']),
    );
  });
});
