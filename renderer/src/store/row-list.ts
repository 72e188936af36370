/**
 * The log's rows as views read them, by index: the model's columns (./row-columns.ts), a filtered
 * view of them, or a plain array; and the few rows a screen shows, made.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { u32 } from './chunked-column';
import type { RowColumns } from './row-columns';

/** Rows read by index: the model's columns, a filtered view of them, or a plain array. */
export interface Rows {
  readonly length: number;
  at(index: number): LogRow | undefined;
  /** Index of the row with `seq` (rows ordered by seq), or -1, where it can be found quickly. */
  indexOfSeq?(seq: number): number;
  /**
   * Which log these rows are of, where they tell (./row-columns.ts): the same for rows made again
   * from others of one log (merged, evicted), another for another log's.
   */
  readonly log?: object;
}

/** The model's rows and its filtered view: ordered by seq, readable without making rows. */
export interface RowList extends Rows {
  seqAt(index: number): number | undefined;
  indexOfSeq(seq: number): number;
  /** Index of the first row whose seq is `seq` or more (length when none). */
  firstAtLeast(seq: number): number;
}

/** Index of the row with `seq` in `rows` (ordered by seq), or -1: by their own lookup if any. */
export function indexOfSeq(rows: Rows, seq: number): number {
  if (rows.indexOfSeq) return rows.indexOfSeq(seq);
  const at = firstAtLeastIn(rows, seq);
  return rows.at(at)?.seq === seq ? at : -1;
}

/** Index of the first of `rows` (ordered by seq) whose seq is `seq` or more (length when none). */
export function firstAtLeastIn(rows: Rows, seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows.at(mid)?.seq ?? 0) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The row with `seq` (the one selected, say), or undefined when there is none or it is not loaded. */
export function rowOfSeq(rows: Rows, seq: number | null): LogRow | undefined {
  return seq === null ? undefined : rows.at(indexOfSeq(rows, seq));
}

/** Rows `from` up to (not including) `to`, made: what a screen shows. */
export function rowsBetween(rows: Rows, from: number, to: number): LogRow[] {
  const out: LogRow[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, rows.length); i++) {
    const row = rows.at(i);
    if (row) out.push(row);
  }
  return out;
}

/** The rows of `all` whose indices are listed, in order: a filtered view. */
export class RowSubset implements RowList {
  private readonly indices = u32();

  constructor(readonly all: RowColumns) {}

  get length(): number {
    return this.indices.length;
  }

  add(index: number): void {
    this.indices.push(index);
  }

  /** This view without the rows of `all` that `drop` names: a pass over the view, not `all`. */
  without(drop: (index: number) => boolean): RowSubset {
    const kept = new RowSubset(this.all);
    for (let n = 0; n < this.length; n++) {
      const index = this.indices.get(n);
      if (!drop(index)) kept.add(index);
    }
    return kept;
  }

  /**
   * This view over `all`, the same rows as `this.all` but its first `dropped` (dropped from the
   * front: ./row-columns.ts `dropFront`): the rows shown after them, renumbered. A pass over the
   * view, not `all`.
   */
  rebased(all: RowColumns, dropped: number): RowSubset {
    const kept = new RowSubset(all);
    for (let n = this.firstIndexAtLeast(dropped); n < this.length; n++)
      kept.add(this.indices.get(n) - dropped);
    return kept;
  }

  /** The first of this view's rows whose index in `all` is `index` or more. */
  private firstIndexAtLeast(index: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.indices.get(mid) < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index in `all` of this view's row `n`. */
  indexAt(n: number): number {
    return this.indices.get(n);
  }

  at(index: number): LogRow | undefined {
    return index >= 0 && index < this.length ? this.all.at(this.indices.get(index)) : undefined;
  }

  seqAt(index: number): number | undefined {
    return index >= 0 && index < this.length ? this.all.seqAt(this.indices.get(index)) : undefined;
  }

  indexOfSeq(seq: number): number {
    const at = this.firstAtLeast(seq);
    return at < this.length && this.seqAt(at) === seq ? at : -1;
  }

  firstAtLeast(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.seqAt(mid) ?? 0) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
