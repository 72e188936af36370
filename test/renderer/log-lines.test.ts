/**
 * Where a large saved log's rows do not follow on (its first page, the rows a jump brought in,
 * its newest), the log shows a line between them that says how many entries are not loaded. It
 * showed nothing: scrolling down from #2000 a technician saw #14001 next. The log finds those
 * places by the rule the timeline hatches its stretches "not loaded" by, one rule for both.
 */
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../electron/ipc/contract';
import { toLogRow } from '../../electron/ipc/log-row';
import { LogLines } from '../../renderer/src/store/log-lines';
import { NO_FILTER } from '../../renderer/src/store/log-filter';
import { LogModel } from '../../renderer/src/store/log-model';
import { holeSize } from '../../renderer/src/store/row-holes';
import { TimelineModel } from '../../renderer/src/timeline/timeline-model';

const T0 = Date.UTC(2026, 0, 5, 8);
/** Entry `seq`: a completion, failed every tenth entry, one a second. */
const entry = (seq: number): LogRow =>
  toLogRow({
    v: 2,
    seq,
    time: new Date(T0 + seq * 1000).toISOString(),
    mono: seq,
    interfaceId: 'dev',
    serviceId: '{SVC}',
    serviceName: 'SMS',
    kind: 'completion',
    op: 'close',
    requestId: seq,
    status: seq % 10 === 0 ? '0x80004005' : '0x00000000',
    statusName: seq % 10 === 0 ? 'E_FAIL' : 'S_OK',
    match: 'matched',
    ref: `r${String(seq)}`,
    outcome: seq % 10 === 0 ? 'failed' : 'succeeded',
    latencyMs: 40,
  });
const entries = (from: number, to: number): LogRow[] =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));

/** What each slot of the list shows: an entry's number, or the hole's entries. */
function shown(lines: LogLines): (number | string)[] {
  return Array.from({ length: lines.length }, (_, slot) => {
    const line = lines.at(slot);
    if (!line) return 'none';
    return 'hole' in line
      ? `${String(holeSize(line.hole))} not loaded (#${String(line.hole.fromSeq)}–#${String(line.hole.toSeq)})`
      : (lines.rows.seqAt(line.row) ?? 'none');
  });
}

/** A log's first page (#1–#20), rows a jump brought in (#41–#45) and its newest (#71–#80). */
function window(): LogModel {
  const model = new LogModel();
  model.insert(entries(1, 20));
  model.insert(entries(41, 45));
  model.keepBefore(71);
  model.insert(entries(71, 80));
  return model;
}

describe('the log’s lines where its rows do not follow on', () => {
  it('finds the holes between the rows held, with how many entries each lacks', () => {
    const model = window();
    expect(model.holes()).toEqual([
      { fromSeq: 21, toSeq: 40 },
      { fromSeq: 46, toSeq: 70 },
    ]);
    expect(model.holes().map(holeSize)).toEqual([20, 25]);
    // Rows that follow on leave none.
    const whole = new LogModel();
    whole.insert(entries(1, 50));
    expect(whole.holes()).toEqual([]);
  });

  it('puts one line for each between the rows, in the list’s own flow', () => {
    const model = window();
    const lines = new LogLines(model.visible, model.holes());
    expect(lines.length).toBe(20 + 5 + 10 + 2);
    expect(shown(lines).slice(18, 29)).toEqual([
      19,
      20,
      '20 not loaded (#21–#40)',
      41,
      42,
      43,
      44,
      45,
      '25 not loaded (#46–#70)',
      71,
      72,
    ]);
    // Each row's slot, and the row before a line: what Up and Down step by.
    expect(lines.slotOfRow(19)).toBe(19);
    expect(lines.slotOfRow(20)).toBe(21);
    expect(lines.slotOfRow(25)).toBe(27);
    expect(lines.rowAtOrBefore(20)).toBe(19);
    expect(lines.rowAtOrBefore(26)).toBe(24);
    expect(lines.rowAtOrBefore(27)).toBe(25);
    // The top of a screen that starts on a line reads on from the row under it.
    expect(lines.rowAtOrAfter(19)).toBe(19);
    expect(lines.rowAtOrAfter(20)).toBe(20);
    expect(lines.rowAtOrAfter(26)).toBe(25);
    expect(lines.rowAtOrAfter(0)).toBe(0);
  });

  // Up and Down step over a line, and its button is drawn only while the line is on screen: the
  // rows either side of it offer what it does.
  it('finds the line beside a row, after it first, and none elsewhere', () => {
    const model = window();
    const lines = new LogLines(model.visible, model.holes());
    const first = { fromSeq: 21, toSeq: 40 };
    const second = { fromSeq: 46, toSeq: 70 };
    // #20 and #41 either side of the first line, #45 and #71 of the second.
    expect([19, 20, 24, 25].map((row) => lines.holeBeside(row))).toEqual([
      first,
      first,
      second,
      second,
    ]);
    expect([0, 18, 21, 26, -1, 99].map((row) => lines.holeBeside(row))).toEqual(
      Array(6).fill(null),
    );
    // Filtered, two lines together: each row has its own.
    model.setFilter({ ...NO_FILTER, outcome: 'failed' });
    const failed = new LogLines(model.visible, model.holes());
    expect([0, 1, 2].map((row) => failed.holeBeside(row))).toEqual([null, first, second]);
  });

  it('keeps the lines where rows are missing when a filter is on, even with no row between', () => {
    const model = window();
    model.setFilter({ ...NO_FILTER, outcome: 'failed' });
    const lines = new LogLines(model.visible, model.holes());
    // Failed: #10, #20, #80. None of the rows jumped to is shown; both holes still are.
    expect(shown(lines)).toEqual([
      10,
      20,
      '20 not loaded (#21–#40)',
      '25 not loaded (#46–#70)',
      80,
    ]);
    // A filter matching rows of the first page alone still says the rest are not all there.
    model.setFilter({ ...NO_FILTER, text: '#5' });
    expect(shown(new LogLines(model.visible, model.holes()))).toEqual([
      5,
      '20 not loaded (#21–#40)',
      '25 not loaded (#46–#70)',
    ]);
  });

  it('closes a line when its rows come in, and shortens it when some do', () => {
    const model = window();
    model.insert(entries(21, 30));
    expect(model.holes()).toEqual([
      { fromSeq: 31, toSeq: 40 },
      { fromSeq: 46, toSeq: 70 },
    ]);
    model.insert(entries(31, 40));
    expect(model.holes()).toEqual([{ fromSeq: 46, toSeq: 70 }]);
  });

  it('finds a hole opened by rows appended after the last, and only scans those', () => {
    const model = new LogModel();
    model.insert(entries(1, 10));
    const before = model.holes();
    expect(model.holes()).toBe(before);
    model.insert(entries(11, 12));
    expect(model.holes()).toEqual([]);
    model.insert(entries(20, 22));
    expect(model.holes()).toEqual([{ fromSeq: 13, toSeq: 19 }]);
  });

  it('says not loaded exactly where the timeline hatches: one rule', () => {
    const model = window();
    const timeline = new TimelineModel();
    timeline.sync(model.rows);
    expect(
      timeline.notLoaded.map((stretch) => ({
        fromSeq: stretch.fromSeq + 1,
        toSeq: stretch.toSeq - 1,
      })),
    ).toEqual(model.holes());
  });
});
