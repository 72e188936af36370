/**
 * Which of the log's rows its box draws (components/use-fixed-rows.ts). A busy live log's full
 * window drops its oldest 25,000 rows every few seconds: the box was last seen scrolled to the
 * bottom of 250,000 rows, now past the end of the 225,100 it holds, and until its next scroll
 * event (a frame later, or seconds with the window busy) it drew no row at all, an empty log box
 * over a log holding 225,100 rows.
 */
import { describe, expect, it } from 'vitest';
import { rowWindow } from '../../renderer/src/components/use-fixed-rows';

const ROW = 26;
const BOX = 260;
/** The rows the box draws, without the rows drawn beyond its edges. */
const onScreen = (top: number, count: number, atEnd = false) => {
  const { first, last } = rowWindow({ top, height: BOX }, count, ROW, 0, atEnd);
  return { first, last, rows: last - first };
};

describe('the rows a log box draws', () => {
  it('are the last of them when following live, wherever the box was last seen scrolled', () => {
    const lastSeen = 250_000 * ROW - BOX;
    for (const top of [lastSeen, 0, 1_000 * ROW])
      expect(onScreen(top, 225_100, true)).toEqual({ first: 225_090, last: 225_100, rows: 10 });
  });

  it('are those it can scroll to when fewer rows are held than it was last seen scrolled past', () => {
    // Paused, at the bottom of the full window, when it drops its oldest.
    expect(onScreen(250_000 * ROW - BOX, 225_100)).toEqual({
      first: 225_090,
      last: 225_100,
      rows: 10,
    });
  });

  it('are where it is scrolled otherwise, all of them in a short log', () => {
    expect(onScreen(1_000 * ROW, 225_100)).toEqual({ first: 1_000, last: 1_010, rows: 10 });
    expect(onScreen(0, 4)).toEqual({ first: 0, last: 4, rows: 4 });
    expect(onScreen(0, 4, true)).toEqual({ first: 0, last: 4, rows: 4 });
    expect(onScreen(0, 0)).toEqual({ first: 0, last: 0, rows: 0 });
  });

  it('reach past its edges by the overscan asked for, within the rows held', () => {
    expect(rowWindow({ top: 1_000 * ROW, height: BOX }, 225_100, ROW, 4)).toEqual({
      first: 996,
      last: 1_014,
      totalHeight: 225_100 * ROW,
    });
    expect(rowWindow({ top: 300 * ROW, height: BOX }, 20, ROW, 4, false).first).toBe(6);
  });
});
