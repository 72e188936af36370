/**
 * A busy live log's full window drops its oldest 25,000 rows every few seconds, and each drop
 * made the timeline fold the 225,000 rows kept again at once, in the frame: the Live timeline tab
 * froze for two seconds each time. The rows are now folded again in slices between frames, the
 * spans before drawn meanwhile, as after a jump (timeline-jump.test.ts), and the timeline then
 * shows exactly what a fold at once shows. Another log's rows (a saved log opened in place of
 * another) are still folded at once: its first page is never drawn with the last log's spans.
 */
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { LogModel } from '../../renderer/src/store/log-model';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { rowPages } from '../../bench/timeline-rows';

const all = [...rowPages(4_000)].flatMap((page) => structuredClone(page));
const CAPACITY = 3_000;

/** What the timeline draws and tells: every lane's spans, the stretches not loaded, the waiting. */
function picture(model: TimelineModel) {
  return {
    spans: model.spanCount,
    lanes: model.orderedLanes().map((lane) => {
      const c = lane.columns;
      const spans = [];
      for (let i = 0; i < c.length; i++)
        spans.push([c.seqAt(i), c.startAt(i), c.end(i), c.outcome[i]]);
      return { key: lane.key, spans, marks: lane.marks.map((m) => [m.kind, m.t, m.seq]) };
    }),
    notLoaded: model.notLoaded,
    waiting: [...model.waiting()].map((span) => [span.seq, span.cutAt]),
    range: [model.minTime, model.maxTime],
  };
}

/** The live rows from `from`, in batches of 100, until the window drops its oldest. */
function untilDrop(log: LogModel, timeline: TimelineModel, from: number): number {
  for (let at = from; at < all.length; at += 100) {
    const held = log.rows.length;
    log.insert(all.slice(at, at + 100));
    if (log.rows.length < held) return at + 100;
    timeline.sync(log.rows, false, 0);
  }
  throw new Error('the window never dropped a row');
}

describe('a full live window dropping its oldest rows, in the timeline', () => {
  it('keeps drawing what it had while the rows kept are folded in slices, then draws them as a fold at once does', () => {
    const log = new LogModel(CAPACITY);
    const timeline = new TimelineModel();
    const next = untilDrop(log, timeline, 0);
    const before = picture(timeline);
    const firstKept = log.firstSeq ?? 0;
    expect(firstKept).toBeGreaterThan(1);

    // The frame after the drop: the spans before are drawn, not the rows folded at once.
    timeline.sync(log.rows, false, 0);
    expect(timeline.rebuilding).toBe(true);
    expect(picture(timeline)).toEqual(before);

    // Live rows go on coming while it folds (the same rows, grown at their end).
    let slices = 1;
    let more = next;
    while (timeline.rebuilding) {
      if (slices % 5 === 0 && log.rows.length < CAPACITY) {
        log.insert(all.slice(more, more + 20));
        more += 20;
      }
      timeline.sync(log.rows, false, 0);
      slices++;
    }
    expect(slices).toBeGreaterThan(5);

    const atOnce = new TimelineModel();
    atOnce.sync(log.rows);
    expect(picture(timeline)).toEqual(picture(atOnce));
    // Nothing of the rows dropped is drawn: the first span or mark is of a row kept.
    const drawn = picture(timeline).lanes.flatMap((lane) => [
      ...lane.spans.map((span) => span[0] ?? 0),
      ...lane.marks.map((mark) => Number(mark[2])),
    ]);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(firstKept);

    // And it goes on from the fold it took as the next rows come, as the fold at once does.
    log.insert(all.slice(more, more + 50));
    timeline.sync(log.rows, false, 0);
    atOnce.sync(log.rows);
    expect(timeline.rebuilding).toBe(false);
    expect(picture(timeline)).toEqual(picture(atOnce));
  });

  it('folds the next drop in slices too, one drop after another', () => {
    const log = new LogModel(CAPACITY);
    const timeline = new TimelineModel();
    let next = 0;
    for (let drop = 0; drop < 2; drop++) {
      next = untilDrop(log, timeline, next);
      timeline.sync(log.rows, false, 0);
      expect(timeline.rebuilding).toBe(true);
      while (timeline.rebuilding) timeline.sync(log.rows, false, 0);
    }
    const atOnce = new TimelineModel();
    atOnce.sync(log.rows);
    expect(picture(timeline)).toEqual(picture(atOnce));
  });

  it("folds another log's rows at once: its first page is not drawn with the last log's spans", () => {
    // A saved log of 1,000 rows, then another opened: its first page of 2,000 rows comes in
    // before the timeline is drawn again.
    const saved = new LogModel();
    saved.insert(all.slice(0, 1_000));
    const timeline = new TimelineModel();
    timeline.sync(saved.rows, false, 0);
    saved.clear();
    const other: LogRow[] = all.slice(5_000, 7_000).map((row, i) => ({ ...row, seq: i + 1 }));
    saved.insert(other);
    timeline.sync(saved.rows, false, 0);
    expect(timeline.rebuilding).toBe(false);
    const atOnce = new TimelineModel();
    atOnce.sync(saved.rows);
    expect(picture(timeline)).toEqual(picture(atOnce));
  });
});
