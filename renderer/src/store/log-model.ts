/**
 * The live log's rows, held outside React: an ordered, de-duplicated run of journal rows with
 * the filtered view kept up to date incrementally, so ten thousand rows a second cost only the
 * new rows, not a pass over everything. Rows missing from the middle (a reconnect, a batch
 * arriving before the initial page) are reported as holes for the caller to page in from the
 * journal: the log can always be made complete.
 */
import type { JournalKind, LogOutcome, LogRow } from '../../../electron/ipc/contract';
import { isProblem } from '../../../shared/request/outcome';
import { serviceKey } from '../format';
import { keepRow } from './kept-row';

export interface LogFilter {
  interfaceId: string | null;
  /** `serviceKey()` of one service. */
  service: string | null;
  kind: JournalKind | null;
  outcome: LogOutcome | 'problems' | null;
  text: string;
}

export const NO_FILTER: LogFilter = {
  interfaceId: null,
  service: null,
  kind: null,
  outcome: null,
  text: '',
};

/** What a technician means by "show me what went wrong": the shared problems, and strays. */
function isProblemRow(outcome: LogOutcome): boolean {
  return outcome === 'unmatched' || isProblem(outcome);
}

export interface Hole {
  fromSeq: number;
  toSeq: number;
}

export function isFiltering(filter: LogFilter): boolean {
  return (
    filter.interfaceId !== null ||
    filter.service !== null ||
    filter.kind !== null ||
    filter.outcome !== null ||
    filter.text.trim() !== ''
  );
}

function rowMatches(row: LogRow, filter: LogFilter, needle: string): boolean {
  if (filter.interfaceId !== null && row.interfaceId !== filter.interfaceId) return false;
  if (filter.service !== null) {
    if (row.interfaceId === null || row.serviceId === null) return false;
    if (serviceKey(row.interfaceId, row.serviceId) !== filter.service) return false;
  }
  if (filter.kind !== null && row.kind !== filter.kind) return false;
  if (filter.outcome !== null) {
    if (row.outcome === null) return false;
    if (filter.outcome === 'problems' ? !isProblemRow(row.outcome) : row.outcome !== filter.outcome)
      return false;
  }
  if (needle !== '') {
    const haystack = [
      row.text,
      row.serviceName ?? '',
      row.hresult?.name ?? '',
      row.hresult?.hex ?? '',
      row.requestId === null ? '' : `#${row.requestId}`,
      row.ref ?? '',
    ]
      .join(' ')
      .toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

export class LogModel {
  /** Ordered by seq, no duplicates. */
  rows: LogRow[] = [];
  /** `rows` itself when nothing is filtered, otherwise the matching rows in order. */
  visible: LogRow[] = [];
  filter: LogFilter = NO_FILTER;
  private needle = '';

  constructor(readonly capacity = 250_000) {}

  get firstSeq(): number | undefined {
    return this.rows[0]?.seq;
  }

  get lastSeq(): number | undefined {
    return this.rows[this.rows.length - 1]?.seq;
  }

  /** Adds rows (any order, duplicates ignored). Returns the hole before them, if one opened. */
  insert(arrived: readonly LogRow[]): Hole | null {
    if (arrived.length === 0) return null;
    // Kept lean from here on: the record once, its text made when shown (./kept-row.ts).
    const batch = arrived.map(keepRow);
    const last = this.lastSeq;
    const sorted = isAscending(batch) ? batch : [...batch].sort((a, b) => a.seq - b.seq);
    const first = sorted[0];
    if (!first) return null;
    if (last === undefined || first.seq > last) {
      this.appendSorted(sorted);
      this.evict();
      return last !== undefined && first.seq > last + 1
        ? { fromSeq: last + 1, toSeq: first.seq - 1 }
        : null;
    }
    // Paged-in history the technician asked for is not evicted at once; only live growth is.
    this.merge(sorted);
    return null;
  }

  /** Forgets every row (a different saved log is opened). */
  clear(): void {
    this.rows = [];
    this.setFilter(this.filter);
  }

  setFilter(filter: LogFilter): void {
    this.filter = filter;
    this.needle = filter.text.trim().toLowerCase();
    this.visible = isFiltering(filter)
      ? this.rows.filter((row) => rowMatches(row, filter, this.needle))
      : this.rows;
  }

  /** The first gap in seq order, if any (a hole an earlier page did not fill). */
  findHole(): Hole | null {
    for (let i = 1; i < this.rows.length; i++) {
      const prev = this.rows[i - 1];
      const row = this.rows[i];
      if (prev && row && row.seq > prev.seq + 1)
        return { fromSeq: prev.seq + 1, toSeq: row.seq - 1 };
    }
    return null;
  }

  private appendSorted(sorted: readonly LogRow[]): void {
    const filtering = this.visible !== this.rows;
    for (const row of sorted) {
      this.rows.push(row);
      if (filtering && rowMatches(row, this.filter, this.needle)) this.visible.push(row);
    }
  }

  private merge(sorted: readonly LogRow[]): void {
    const bySeq = new Map<number, LogRow>();
    for (const row of this.rows) bySeq.set(row.seq, row);
    for (const row of sorted) if (!bySeq.has(row.seq)) bySeq.set(row.seq, row);
    this.rows = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.setFilter(this.filter);
  }

  /** Drops the oldest rows past capacity; they stay in the journal and can be paged back. */
  private evict(): void {
    const excess = this.rows.length - this.capacity;
    if (excess <= 0) return;
    const drop = Math.max(excess, Math.floor(this.capacity / 10));
    this.rows = this.rows.slice(drop);
    this.setFilter(this.filter);
  }
}

function isAscending(rows: readonly LogRow[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (a && b && b.seq <= a.seq) return false;
  }
  return true;
}
