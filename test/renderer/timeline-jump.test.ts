/**
 * A jump puts a page of rows in before the window's newest: the timeline folds the rows again in
 * slices between frames rather than at once (a 250,000-row window froze for seconds per jump),
 * drawing the spans it had meanwhile, and then shows exactly what folding the rows at once shows.
 */
import { describe, expect, it } from 'vitest';
import { LogModel } from '../../renderer/src/store/log-model';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';
import { rowPages } from '../../bench/timeline-rows';

const pages = [...rowPages(6_000)].map((page) => structuredClone(page));
const all = pages.flat();
const firstPage = all.slice(0, 500);
const newest = all.slice(6_000);
const jumped = all.slice(3_000, 3_400);

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

describe('a jump in the timeline', () => {
  it('keeps drawing what it had while the page is folded in, then draws it as a fold at once does', () => {
    const log = new LogModel();
    log.insert(firstPage);
    log.keepBefore(newest[0]?.seq ?? 0);
    for (let i = 0; i < newest.length; i += 2_000) log.insert(newest.slice(i, i + 2_000));
    const timeline = new TimelineModel();
    timeline.sync(log.rows, false, 0);
    const before = picture(timeline);
    const jumpSeq = jumped[100]?.seq ?? 0;
    expect(timeline.spanForSeq(jumpSeq)).toBeNull();

    log.insert(jumped);
    // Slices of no time at all: a row group each, as many frames as it takes.
    timeline.sync(log.rows, false, 0);
    expect(timeline.rebuilding).toBe(true);
    expect(picture(timeline)).toEqual(before);
    let slices = 1;
    while (timeline.rebuilding) {
      timeline.sync(log.rows, false, 0);
      slices++;
    }
    expect(slices).toBeGreaterThan(10);

    const atOnce = new TimelineModel();
    atOnce.sync(log.rows);
    expect(picture(timeline)).toEqual(picture(atOnce));
    expect(timeline.spanForSeq(jumpSeq)?.seq).toBe(atOnce.spanForSeq(jumpSeq)?.seq);
    expect(timeline.notLoaded).toHaveLength(2);

    // Rows that come after it go on from the fold it took, as they do at once.
    const more = all.slice(all.length - 300);
    log.insert(more);
    timeline.sync(log.rows, true, 0);
    atOnce.sync(log.rows, true);
    expect(picture(timeline)).toEqual(picture(atOnce));
  });

  it('folds the rows at once where no slice is asked for (a view that needs them now)', () => {
    const rows = all.slice(0, 1_000);
    const model = new TimelineModel();
    model.sync(rows.slice(500));
    model.sync(rows);
    expect(model.rebuilding).toBe(false);
    const atOnce = new TimelineModel();
    atOnce.sync(rows);
    expect(picture(model)).toEqual(picture(atOnce));
  });
});
