/**
 * A jump puts a page of rows in before the window's newest: the timeline folds the rows again in
 * slices between frames rather than at once (a 250,000-row window froze for seconds per jump),
 * and then shows exactly what folding the rows at once shows. The rows up to the page are folded
 * first and shown with the spans after them as they were: the stretch jumped to showed only once
 * all 250,000 were folded again, seconds on a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { LogModel } from '../../renderer/src/store/log-model';
import type { RowColumns } from '../../renderer/src/store/row-columns';
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

/** Reads of the log's rows, counted: what a fold costs, rows made and folded. */
const read = { rows: 0 };

/** `rows` as the timeline reads them, each row read counted (one view per rows object). */
const views = new WeakMap<
  RowColumns,
  { length: number; log: object; at(i: number): LogRow | undefined }
>();
function counted(rows: RowColumns) {
  let view = views.get(rows);
  if (!view) {
    view = {
      get length() {
        return rows.length;
      },
      log: rows.log,
      at(i: number) {
        read.rows++;
        return rows.at(i);
      },
    };
    views.set(rows, view);
  }
  return view;
}

describe('a jump in the timeline', () => {
  it('shows the stretch jumped to once the rows up to it are folded, then draws all as a fold at once does', () => {
    const log = new LogModel();
    log.insert(firstPage);
    log.keepBefore(newest[0]?.seq ?? 0);
    for (let i = 0; i < newest.length; i += 2_000) log.insert(newest.slice(i, i + 2_000));
    const timeline = new TimelineModel();
    timeline.sync(counted(log.rows), false, 0);
    const before = picture(timeline);
    const jumpSeq = jumped[100]?.seq ?? 0;
    expect(timeline.spanForSeq(jumpSeq)).toBeNull();

    log.insert(jumped);
    const atOnce = new TimelineModel();
    atOnce.sync(log.rows);
    // Slices of no time at all: a row group each, as many frames as it takes.
    const rows = counted(log.rows);
    /** Rows the timeline read to fold them (a slice each). */
    let folded = 0;
    const slice = () => {
      const from = read.rows;
      timeline.sync(rows, false, 0);
      folded += read.rows - from;
    };
    slice();
    expect(timeline.rebuilding).toBe(true);
    expect(picture(timeline)).toEqual(before);
    // The stretch jumped to shows once the rows up to it are folded (the first page and the
    // jump's), with the spans after it as they were: the window's newest are not folded first.
    while (timeline.spanForSeq(jumpSeq) === null) slice();
    const foldedToShow = folded;
    expect(timeline.rebuilding).toBe(true);
    expect(picture(timeline)).toEqual(picture(atOnce));
    expect(timeline.spanForSeq(jumpSeq)?.seq).toBe(atOnce.spanForSeq(jumpSeq)?.seq);
    expect(timeline.loadedAround(jumpSeq)).toEqual(atOnce.loadedAround(jumpSeq));
    expect(foldedToShow).toBeLessThan(firstPage.length + jumped.length + 100);
    let slices = 0;
    while (timeline.rebuilding) {
      slice();
      slices++;
    }
    expect(slices).toBeGreaterThan(10);
    // Every row folded again, after it showed.
    expect(folded - foldedToShow).toBeGreaterThanOrEqual(log.rows.length);

    expect(picture(timeline)).toEqual(picture(atOnce));
    expect(timeline.spanForSeq(jumpSeq)?.seq).toBe(atOnce.spanForSeq(jumpSeq)?.seq);
    expect(timeline.notLoaded).toHaveLength(2);

    // Rows that come after it go on from the fold it took, as they do at once.
    const more = all.slice(all.length - 300);
    log.insert(more);
    timeline.sync(counted(log.rows), true, 0);
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
