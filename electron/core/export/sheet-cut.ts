/**
 * Where a spreadsheet stops showing a CSV (shared/sheet-rows.ts): the times of the first record
 * past what a sheet holds and of the last one, found as the export's batches pass, so its
 * confirmation can say which range to export for the rest. Only records past the cut are looked
 * at: the first, then each batch's last (one parsed a batch, before the batch is written: a
 * chunk's memory is filled again once it is).
 */
import { SHEET_RECORDS, type SheetRest } from '../../../shared/sheet-rows.js';
import { recordCount, type ExportItem } from './export-request.js';
import { LineRun, RawLine } from './raw-line.js';

export class SheetCut {
  private from: string | undefined;
  private last: string | undefined;

  /** `shown`: the records a sheet shows. */
  constructor(private readonly shown = SHEET_RECORDS) {}

  /** A batch written after `before` records. */
  see(batch: readonly ExportItem[], before: number): void {
    if (before + recordCount(batch) <= this.shown) return;
    this.from ??= timeOf(recordAt(batch, this.shown - before));
    const end = batch.at(-1);
    if (end) this.last = timeOf(end instanceof LineRun ? end.lastLine() : end);
  }

  /** The records left out, when the export wrote more than a sheet shows. */
  rest(): SheetRest | undefined {
    return this.from === undefined || this.last === undefined
      ? undefined
      : { from: this.from, last: this.last };
  }
}

/** The batch's record numbered `k` from 0 (a run counts its lines). */
function recordAt(batch: readonly ExportItem[], k: number): ExportItem | undefined {
  let count = 0;
  for (const item of batch) {
    const lines = item instanceof LineRun ? item.count : 1;
    if (count + lines > k) return item instanceof LineRun ? item.lines()[k - count] : item;
    count += lines;
  }
  return undefined;
}

function timeOf(item: ExportItem | undefined): string | undefined {
  return item instanceof RawLine ? item.record().time : item?.time;
}
