/**
 * The log's Time column: a wall-clock time with date and zone, or a relative time measured on the
 * monotonic clock (wall time can jump; the journal's `mono` does not).
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { RequestFold } from '../../../shared/request/fold';
import { formatTimestamp } from '../../../shared/time';
import type { Rows } from '../store/row-list';
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
 * When each entry's request was sent, through the shared fold: each run numbers its requests from
 * r1 again, and the fold knows which r1 an entry belongs to. Grows with the log instead of
 * rescanning it: rows are only appended, except when earlier ones are paged in, which starts it
 * afresh.
 */
export class SentTimes {
  private fold = new RequestFold();
  /** Entry seq → monotonic time its request was sent. */
  private readonly bySeq = new Map<number, number>();
  /** The newest run's requests, by ref. */
  private readonly byRef = new Map<string, number>();
  private firstSeq: number | undefined;
  private lastScannedSeq: number | undefined;
  private scanned = 0;

  update(rows: Rows): void {
    // Anything but rows added at the end (earlier ones paged in, a gap filled): scan afresh.
    if (
      rows.at(0)?.seq !== this.firstSeq ||
      rows.length < this.scanned ||
      rows.at(this.scanned - 1)?.seq !== this.lastScannedSeq
    ) {
      this.fold = new RequestFold();
      this.bySeq.clear();
      this.byRef.clear();
      this.scanned = 0;
      this.firstSeq = rows.at(0)?.seq;
    }
    for (; this.scanned < rows.length; this.scanned++) {
      const row = rows.at(this.scanned);
      if (!row) continue;
      if (row.kind === 'run-start') this.byRef.clear();
      const request = this.fold.observe(row.record);
      if (!request) continue;
      this.bySeq.set(row.seq, request.sentMono);
      this.byRef.set(request.ref, request.sentMono);
    }
    this.lastScannedSeq = rows.at(this.scanned - 1)?.seq;
  }

  /** When the request of the newest run with this ref was sent. */
  of(ref: string | null): number | undefined {
    return ref === null ? undefined : this.byRef.get(ref);
  }

  /** When the request this entry belongs to was sent. */
  at(row: LogRow): number | undefined {
    return this.bySeq.get(row.seq);
  }
}

/** The Time cell of `rows[index]` (the rows shown, so "previous" is the previous one shown). */
export function timeCell(mode: TimeMode, rows: Rows, index: number, sent: SentTimes): string {
  const row = rows.at(index);
  if (!row) return '';
  if (mode === 'local' || mode === 'utc') return formatTimestamp(row.time, mode);
  if (mode === 'since-previous') {
    const previous = index > 0 ? rows.at(index - 1) : undefined;
    return previous ? formatRelative(row.record.mono - previous.record.mono) : formatRelative(0);
  }
  const at = sent.at(row);
  return at === undefined ? '—' : formatRelative(row.record.mono - at);
}
