import { describe, expect, it } from 'vitest';
import { REQUEST_OUTCOMES, type RequestOutcome } from '../../shared/request/outcome';
import { WORST } from '../../renderer/src/timeline/draw-dense';
import { LABEL_WIDTH } from '../../renderer/src/timeline/geometry';
import { hitTest } from '../../renderer/src/timeline/hit-test';
import { SpanColumns } from '../../renderer/src/timeline/span-columns';
import {
  columnMasks,
  DIRECT_PER_PX,
  isDense,
  visibleCount,
} from '../../renderer/src/timeline/column-masks';
import { summarizeRange } from '../../renderer/src/timeline/range-summary';
import {
  LaneSummary,
  markBit,
  outcomeMask,
  PROBLEM_BIT,
  SUMMARY_FROM,
} from '../../renderer/src/timeline/span-summary';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';

const T0 = Date.UTC(2026, 0, 1, 8);
const WIDTH = 100;

/** `n` succeeded 2 ms requests, one per ms from T0, with one failed request at `failedAt`. */
function lane(n: number, failedAt: number): SpanColumns {
  const columns = new SpanColumns();
  for (let i = 0; i < n; i++)
    columns.push(T0 + i, T0 + i + 2, i === failedAt ? 'failed' : 'succeeded');
  return columns;
}

/** What each column should hold, worked out the slow way: every span, every column it covers. */
function naiveMasks(columns: SpanColumns, t0: number, t1: number, width: number): Uint8Array {
  const out = new Uint8Array(width);
  const scale = width / (t1 - t0);
  for (let i = 0; i < columns.length; i++) {
    const start = columns.startAt(i);
    const end = Number.isNaN(columns.end(i)) ? start : columns.end(i);
    if (end < t0 || start > t1) continue;
    const c0 = Math.max(0, Math.floor((start - t0) * scale));
    const c1 = Math.min(width - 1, Math.floor((end - t0) * scale));
    for (let c = c0; c <= c1; c++)
      out[c] =
        (out[c] ?? 0) | outcomeMask(REQUEST_OUTCOMES[columns.outcome[i] ?? 0] ?? 'unfinished');
  }
  return out;
}

/**
 * Columns drawn from buckets (each no wider than a pixel, but not aligned to pixels) put a request
 * where it is to within a column: every mark drawn is within a column of a request that has it,
 * and every request's mark is drawn within a column of where it is. Returns what breaks that.
 */
function offByMoreThanAColumn(drawn: Uint8Array, exact: Uint8Array): string[] {
  const near = (masks: Uint8Array, c: number) =>
    (masks[c - 1] ?? 0) | (masks[c] ?? 0) | (masks[c + 1] ?? 0);
  const wrong: string[] = [];
  for (let c = 0; c < exact.length; c++) {
    const extra = (drawn[c] ?? 0) & ~near(exact, c);
    const missing = (exact[c] ?? 0) & ~near(drawn, c);
    if (extra) wrong.push(`column ${String(c)} drawn with 0x${extra.toString(16)} nowhere near`);
    if (missing) wrong.push(`column ${String(c)} lost 0x${missing.toString(16)}`);
  }
  return wrong;
}

/** A small deterministic generator, so a failure names the case that made it. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('timeline summary', () => {
  // Up to DIRECT_PER_PX spans a column the masks come from the spans, above it from the
  // prepared buckets: both must hold.
  for (const n of [DIRECT_PER_PX * WIDTH, SUMMARY_FROM * 3]) {
    it(`shows one failed request among ${n.toLocaleString('en-US')} succeeded ones as a problem`, () => {
      const failedAt = Math.floor(n * 0.61);
      const columns = lane(n, failedAt);
      const masks = new Uint8Array(WIDTH);
      const summary = new LaneSummary(columns);
      summary.prepare();
      columnMasks(columns, summary, T0, T0 + n, WIDTH / n, masks);
      const failedColumn = Math.floor((failedAt * WIDTH) / n);
      const problems = [...masks.keys()].filter((c) => ((masks[c] ?? 0) & PROBLEM_BIT) !== 0);
      // Its column (and the next, which its 2 ms reach into when it ends on a boundary) only.
      expect(problems[0]).toBe(failedColumn);
      expect(problems.length).toBeLessThanOrEqual(2);
      expect(WORST[(masks[failedColumn] ?? 0) & 0x7f]).toBe('failed');
      // Every other column is plainly succeeded, and none is empty.
      const others = [...masks].filter((_, c) => !problems.includes(c));
      expect(new Set(others)).toEqual(new Set([markBit('ok')]));
    });
  }

  it('counts every request of a range once, by outcome, and the counts add up', () => {
    const columns = lane(10_000, 4_321);
    const all = summarizeRange(columns, T0, T0 + 10_000);
    expect(all.total).toBe(10_000);
    expect(all.counts).toEqual({ succeeded: 9_999, failed: 1 });
    expect(all.firstProblem).toBe(4_321);
    // The two halves hold the whole, less the requests straddling the cut, counted in both.
    const left = summarizeRange(columns, T0, T0 + 4_999.5);
    const right = summarizeRange(columns, T0 + 4_999.5, T0 + 10_000);
    expect(left.total + right.total).toBe(10_000 + 2);
    // Each level's buckets share out the spans exactly.
    const summary = new LaneSummary(columns);
    for (const k of [0, 3, 7, 12]) {
      const buckets = summary.buckets(k);
      expect(buckets.reduce((sum, b) => sum + (b.next - b.first), 0)).toBe(10_000);
      expect(buckets.filter((b) => b.mask & PROBLEM_BIT)).toHaveLength(1);
    }
  });

  it('summarizes a range exactly as folding its spans one by one, at every resolution', () => {
    const next = random(7);
    const columns = new SpanColumns();
    let t = T0;
    for (let i = 0; i < 40_000; i++) {
      t += Math.floor(next() * 5);
      const long = next() < 0.01;
      const outcome = REQUEST_OUTCOMES[Math.floor(next() * REQUEST_OUTCOMES.length)] ?? 'succeeded';
      const waiting = outcome === 'waiting' || outcome === 'sending';
      columns.push(t, waiting ? Number.NaN : t + (long ? 3_000 : next() * 3), outcome);
    }
    const summary = new LaneSummary(columns);
    let misplaced = 0;
    for (const k of [2, 5, 9]) {
      for (const bucket of summary.buckets(k)) {
        let mask = 0;
        let end = 0;
        let problems = 0;
        for (let i = bucket.first; i < bucket.next; i++) {
          mask |= outcomeMask(REQUEST_OUTCOMES[columns.outcome[i] ?? 0] ?? 'unfinished');
          end = Math.max(end, Number.isNaN(columns.end(i)) ? columns.startAt(i) : columns.end(i));
          if (Math.floor(columns.startAt(i) / 2 ** k) * 2 ** k !== bucket.key) misplaced++;
          if (outcomeMask(REQUEST_OUTCOMES[columns.outcome[i] ?? 0] ?? 'unfinished') & PROBLEM_BIT)
            problems++;
        }
        expect(bucket.mask).toBe(mask);
        expect(bucket.end).toBeCloseTo(end, 0);
        // Its share of problems, kept in 255ths, to within one of them.
        expect(Math.abs(bucket.problems - problems)).toBeLessThanOrEqual(
          (bucket.next - bucket.first) / 255,
        );
      }
    }
    expect(misplaced).toBe(0);
    summary.prepare();
    // Whole range (from the buckets) and a narrow one (from the spans), against the slow way.
    for (const [a, b] of [
      [T0, t],
      [T0 + 20_000, T0 + 21_000],
    ] as const) {
      const masks = new Uint8Array(WIDTH * 4);
      columnMasks(columns, summary, a, b, masks.length / (b - a), masks);
      expect(offByMoreThanAColumn(masks, naiveMasks(columns, a, b, masks.length))).toEqual([]);
    }
  });

  it('keeps each bucket’s share of problems through merged levels and spans added a few at a time', () => {
    // Half an hour of requests, the first 5,000 failed, then the rest succeeded, two at a time.
    const columns = new SpanColumns();
    for (let i = 0; i < 5_000; i++) columns.push(T0 + i * 180, T0 + i * 180 + 5, 'failed');
    const summary = new LaneSummary(columns);
    summary.prepare();
    for (let i = 5_000; i < 10_000; i += 2) {
      for (let j = i; j < i + 2; j++) columns.push(T0 + j * 180, T0 + j * 180 + 5, 'succeeded');
      summary.prepare();
    }
    const sizes = summary.levelSizes();
    for (const k of sizes.keys()) {
      const level = summary.ready(k);
      if (!level) continue;
      let off = 0;
      for (const bucket of summary.buckets(k)) {
        let problems = 0;
        for (let i = bucket.first; i < bucket.next; i++) if (i < 5_000) problems++;
        off = Math.max(off, Math.abs(bucket.problems - problems) / (bucket.next - bucket.first));
      }
      // Within 1 % of each bucket's spans at every level, the coarsest (which every new span
      // went into, a few at a time) included.
      expect(off, `level ${String(k)}`).toBeLessThan(0.01);
    }
    // Nothing was built anew to answer: the levels are the ones prepare() kept.
    expect(summary.levelSizes()).toEqual(sizes);
  });

  it('follows a request whose outcome changes after it was summarized', () => {
    const columns = new SpanColumns();
    for (let i = 0; i < 1000; i++) columns.push(T0 + i, T0 + i + 1, 'succeeded');
    const waiting = columns.push(T0 + 1000, Number.NaN, 'waiting');
    for (let i = 1001; i < 2000; i++) columns.push(T0 + i, T0 + i + 1, 'succeeded');
    const summary = new LaneSummary(columns);
    const holding = () => summary.buckets(8).find((b) => b.first <= waiting && waiting < b.next);
    expect(holding()?.mask).toBe(markBit('ok') | markBit('waiting'));
    columns.update(waiting, T0 + 1200, 'abandoned' satisfies RequestOutcome);
    expect(holding()?.mask).toBe(markBit('ok') | markBit('abandoned') | PROBLEM_BIT);
    expect(summary.buckets(8).reduce((sum, b) => sum + (b.next - b.first), 0)).toBe(2000);
  });

  it('tells what a dense column holds when hovered, and which is its first problem', () => {
    const model = new TimelineModel();
    const service = { interfaceId: '{DEV}', serviceId: 'svc', serviceName: 'SMS' };
    for (let i = 0; i < 5_000; i++)
      model.appendSpan(service, T0 + i, T0 + i + 1, i === 2_500 ? 'refused' : 'succeeded');
    const view = { t0: T0, t1: T0 + 5_000, width: LABEL_WIDTH + WIDTH, height: 200 };
    const laneIndex = model.orderedLanes().findIndex((l) => l.kind === 'service');
    const y = 24 + laneIndex * 28 + 14;
    const hit = hitTest(model, view, LABEL_WIDTH + 50.5, y);
    expect(hit && 'dense' in hit).toBe(true);
    if (!hit || !('dense' in hit)) return;
    const { summary } = hit.dense;
    // Its column and one either side: 150 ms of requests, one of them refused.
    expect(summary.counts.refused).toBe(1);
    expect(summary.total).toBeGreaterThanOrEqual(150);
    expect(summary.total).toBeLessThanOrEqual(153);
    expect(summary.firstProblem).toBe(2_500);
    // Away from it, only succeeded requests.
    const quiet = hitTest(model, view, LABEL_WIDTH + 10.5, y);
    expect(quiet && 'dense' in quiet ? quiet.dense.summary.counts : null).toEqual({
      succeeded: expect.any(Number) as unknown,
    });
  });
});

describe('a frame reads the screen, not the data', () => {
  /** 200,000 requests, 1-9 ms apart, a few of them failed, a few a second long. */
  function busy(): SpanColumns {
    const next = random(11);
    const columns = new SpanColumns();
    let t = T0;
    for (let i = 0; i < 200_000; i++) {
      t += 1 + Math.floor(next() * 9);
      const outcome = next() < 0.001 ? 'failed' : 'succeeded';
      columns.push(t, t + (next() < 0.001 ? 1_000 : next() * 20), outcome);
    }
    return columns;
  }

  it('reads at most about two spans or buckets per pixel column where a level fits, and draws the same', () => {
    const columns = busy();
    const summary = new LaneSummary(columns);
    summary.prepare();
    const built = summary.levelSizes();
    const t1 = columns.startAt(columns.length - 1);
    const masks = new Uint8Array(WIDTH * 4);
    let fromBuckets = 0;
    // From everything in view down to 200 ms, about a point a third of the way in.
    for (let span = t1 - T0; span > 200; span /= 2) {
      const a = T0 + (t1 - T0 - span) / 3;
      const scale = masks.length / span;
      const read = columnMasks(columns, summary, a, a + span, scale, masks);
      const level = summary.ready(Math.floor(Math.log2(1 / scale)));
      if (level) fromBuckets++;
      // Two per column (plus the bucket either side of the view) where a level of buckets no
      // wider than a pixel exists; finer than the finest level (a bucket would hold fewer than
      // four requests) the spans themselves, fewer than eight per column when evenly spread.
      const most = level ? DIRECT_PER_PX * masks.length + 4 : 8 * masks.length;
      expect(read, `${String(Math.round(span))} ms in view`).toBeLessThanOrEqual(most);
      expect(offByMoreThanAColumn(masks, naiveMasks(columns, a, a + span, masks.length))).toEqual(
        [],
      );
    }
    expect(fromBuckets).toBeGreaterThan(5);
    // No frame built a level: they were all there, built ahead.
    expect(summary.levelSizes()).toEqual(built);
  });

  it('keeps its levels few: all of them hold at most half as many buckets as there are spans', () => {
    const columns = busy();
    const summary = new LaneSummary(columns);
    summary.prepare();
    const buckets = [...summary.levelSizes().values()].reduce((sum, n) => sum + n, 0);
    expect(buckets).toBeLessThanOrEqual(columns.length / 2);
    // A lane too sparse to ever be dense has none.
    const few = lane(SUMMARY_FROM - 1, 0);
    const none = new LaneSummary(few);
    none.prepare();
    expect(none.levelSizes().size).toBe(0);
  });

  it('brings prepared levels up to date with new spans and changed outcomes', () => {
    const columns = busy();
    const summary = new LaneSummary(columns);
    summary.prepare();
    const t = columns.startAt(columns.length - 1);
    const waiting = columns.push(t + 5, Number.NaN, 'waiting');
    for (let i = 1; i <= 1000; i++) columns.push(t + 5 + i * 3, t + 6 + i * 3, 'succeeded');
    summary.prepare();
    columns.update(waiting, t + 900, 'abandoned');
    summary.prepare();
    const a = T0;
    const b = columns.startAt(columns.length - 1);
    const masks = new Uint8Array(WIDTH * 4);
    columnMasks(columns, summary, a, b, masks.length / (b - a), masks);
    expect(offByMoreThanAColumn(masks, naiveMasks(columns, a, b, masks.length))).toEqual([]);
    expect(masks.some((m) => (m & markBit('abandoned')) !== 0)).toBe(true);
  });
});

describe('what counts as dense', () => {
  it('a lane with one request an hour late is not dense in a 10-second window of sparse ones', () => {
    const columns = new SpanColumns();
    const t = 1_800_000_000_000;
    columns.push(t, t + 3_600_000, 'late');
    for (let i = 1; i <= 86_400; i++) columns.push(t + i * 1000, t + i * 1000 + 40, 'succeeded');
    const t0 = t + 80_000 * 1000;
    expect(visibleCount(columns, t0, t0 + 10_000)).toBeLessThanOrEqual(11);
    expect(isDense(columns, t0, t0 + 10_000, 1000)).toBe(false);
  });
});
