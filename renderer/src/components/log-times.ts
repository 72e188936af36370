/**
 * The log's Time column: a wall-clock time with date and zone, or a relative time measured on the
 * monotonic clock (wall time can jump; the journal's `mono` does not).
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { formatTimestamp } from '../../../shared/time';
import type { TimeMode } from '../store/time-store';

/** "+0.234 s", "+12.500 s", "+1 min 02.345 s": milliseconds as Wireshark shows deltas. */
export function formatRelative(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = ((abs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${sign}${String(minutes)} min ${seconds} s`;
}

/**
 * When each request was sent (its `request` entry's monotonic time), by ref. Grows with the log
 * instead of rescanning it: rows are only appended, except when earlier ones are paged in, which
 * starts it afresh.
 */
export class SentTimes {
  private readonly sent = new Map<string, number>();
  private firstSeq: number | undefined;
  private lastScannedSeq: number | undefined;
  private scanned = 0;

  update(rows: readonly LogRow[]): void {
    // Anything but rows added at the end (earlier ones paged in, a gap filled): scan afresh.
    if (
      rows[0]?.seq !== this.firstSeq ||
      rows.length < this.scanned ||
      rows[this.scanned - 1]?.seq !== this.lastScannedSeq
    ) {
      this.sent.clear();
      this.scanned = 0;
      this.firstSeq = rows[0]?.seq;
    }
    for (; this.scanned < rows.length; this.scanned++) {
      const row = rows[this.scanned];
      if (row?.kind === 'request' && row.ref !== null) this.sent.set(row.ref, row.record.mono);
    }
    this.lastScannedSeq = rows[this.scanned - 1]?.seq;
  }

  of(ref: string | null): number | undefined {
    return ref === null ? undefined : this.sent.get(ref);
  }
}

/** The Time cell of `rows[index]` (the rows shown, so "previous" is the previous one shown). */
export function timeCell(
  mode: TimeMode,
  rows: readonly LogRow[],
  index: number,
  sent: SentTimes,
): string {
  const row = rows[index];
  if (!row) return '';
  if (mode === 'local' || mode === 'utc') return formatTimestamp(row.time, mode);
  if (mode === 'since-previous') {
    const previous = rows[index - 1];
    return previous ? formatRelative(row.record.mono - previous.record.mono) : formatRelative(0);
  }
  const at = sent.of(row.ref);
  return at === undefined ? '—' : formatRelative(row.record.mono - at);
}
