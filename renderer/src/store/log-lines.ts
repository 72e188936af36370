/**
 * The log list's lines: the rows shown, and where the rows the window holds do not follow on (a
 * hole, ./row-holes.ts) one line that says so, in the rows' own flow. A technician scrolling
 * down from #2000 of a large saved log saw #14001 next, and nothing said 12,000 entries lay
 * between. Each line is one slot of the list, as tall as a row, so the list stays windowed by
 * arithmetic (../components/use-fixed-rows.ts).
 *
 * The holes are the window's, not the filter's: a filtered view shows the rows that match, and a
 * line wherever rows are not loaded at all, between the rows shown that are either side of them
 * (or after the last, or before the first), so a filtered view never reads as the whole log.
 */
import type { Hole } from './row-holes';
import type { RowList } from './row-list';

/** What a slot of the list shows: a row of `rows` by its index, or the line of a hole. */
export type LogLine = { row: number } | { hole: Hole };

export class LogLines {
  /** The holes with the slot of each line, in order. */
  readonly gaps: readonly { hole: Hole; slot: number }[];

  /**
   * Of `rows` and the holes between the rows the window holds. Rows added after the last (the
   * live log's) follow every hole: the lines stay where they are, and `length` grows with them.
   */
  constructor(
    readonly rows: RowList,
    holes: readonly Hole[],
  ) {
    this.gaps = holes.map((hole, n) => ({ hole, slot: rows.firstAtLeast(hole.fromSeq) + n }));
  }

  get length(): number {
    return this.rows.length + this.gaps.length;
  }

  /** The line at `slot`, or null past the end. */
  at(slot: number): LogLine | null {
    if (slot < 0 || slot >= this.length) return null;
    let before = 0;
    for (const gap of this.gaps) {
      if (gap.slot === slot) return { hole: gap.hole };
      if (gap.slot > slot) break;
      before++;
    }
    return { row: slot - before };
  }

  /** The slot of row `index` of `rows`: after every line placed before it. */
  slotOfRow(index: number): number {
    let slot = index;
    for (const gap of this.gaps) {
      if (gap.slot > slot) break;
      slot++;
    }
    return slot;
  }

  /**
   * The hole whose line is right beside row `index` of `rows`: after it, else before it; null
   * when neither slot is a line. Up and Down step over a line from the row on one side to the
   * row on the other, and either row offers what the line's button does (Enter in the log).
   */
  holeBeside(index: number): Hole | null {
    if (index < 0 || index >= this.rows.length) return null;
    const slot = this.slotOfRow(index);
    for (const next of [slot + 1, slot - 1]) {
      const line = this.at(next);
      if (line && 'hole' in line) return line.hole;
    }
    return null;
  }

  /**
   * The row at `slot`, or the first row after it when a line is there (`rows.length` when none):
   * the top of a screen that starts with a line reads on from the row under it.
   */
  rowAtOrAfter(slot: number): number {
    return this.rowAtOrBefore(slot - 1) + 1;
  }

  /** The row at `slot`, or the last row before it when a line is there (-1 when none). */
  rowAtOrBefore(slot: number): number {
    const clamped = Math.min(slot, this.length - 1);
    let before = 0;
    for (const gap of this.gaps) {
      if (gap.slot > clamped) break;
      before++;
    }
    return Math.min(this.rows.length - 1, clamped - before);
  }
}
