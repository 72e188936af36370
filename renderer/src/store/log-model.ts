/**
 * The live log's rows, held outside React: an ordered, de-duplicated run of journal rows with
 * the filtered view kept up to date incrementally, so ten thousand rows a second cost only the
 * new rows, not a pass over everything. Rows missing from the middle (a reconnect, a batch
 * arriving before the initial page) are reported as holes for the caller to page in from the
 * journal: the log can always be made complete.
 */
import type { JournalKind, LogOutcome, LogRow } from '../../../electron/ipc/contract';
import type { JournalRecord } from '../../../shared/journal/record';
import { recordInterfaceId, recordServiceId } from '../../../shared/journal/record-fields';
import { WINDOW_ROWS } from '../../../shared/log-window';
import { PROBLEM_RECORD_OUTCOMES } from '../../../shared/request/story';
import { recordOutcome } from '../../../shared/request/story';
import { serviceKey } from '../format';
import type { FieldsMemo } from './fields-memo';
import { HaystackSearch } from './haystack-search';
import { LogPlaces } from './log-places';
import { PieceSearch } from './piece-search';
import { RowColumns } from './row-columns';
import { RowSubset, type RowList } from './row-list';

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
const PROBLEM_ROWS: ReadonlySet<LogOutcome> = new Set(PROBLEM_RECORD_OUTCOMES);
function isProblemRow(outcome: LogOutcome): boolean {
  return PROBLEM_ROWS.has(outcome);
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

/** What the filters but the text one read of a row. */
interface RowPlace {
  interfaceId: string | null;
  serviceId: string | null;
  kind: JournalKind;
  outcome: LogOutcome | null;
}

/** The record fields a row's place is read from (by the shared readers main's rows use too). */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['kind', 'interfaceId', 'serviceId', 'outcome']);

function placeOf(record: JournalRecord): RowPlace {
  return {
    interfaceId: recordInterfaceId(record),
    serviceId: recordServiceId(record),
    kind: record.kind,
    outcome: recordOutcome(record),
  };
}

function placeMatches(row: RowPlace, filter: LogFilter): boolean {
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
  return true;
}

/**
 * What the text filter searches in a row, as written: its words, service name, HRESULT name and
 * hex, `#` request ID and ref, joined by spaces (the filter lowercases it, and the needle).
 */
export function rowHaystack(row: LogRow): string {
  return [
    row.text,
    row.serviceName ?? '',
    row.hresult?.name ?? '',
    row.hresult?.hex ?? '',
    row.requestId === null ? '' : `#${String(row.requestId)}`,
    row.ref ?? '',
  ].join(' ');
}

function textMatches(row: LogRow, needle: string): boolean {
  if (needle === '') return true;
  return rowHaystack(row).toLowerCase().includes(needle);
}

/**
 * The per-row rules, on a made row: what every filter of the model must select exactly (the
 * reference its column scans are tested and benchmarked against).
 */
export function rowMatches(row: LogRow, filter: LogFilter, needle: string): boolean {
  return placeMatches(row, filter) && textMatches(row, needle);
}

interface Scan {
  place: FieldsMemo | null;
  text: PieceSearch | HaystackSearch | null;
}

function samePlace(a: LogFilter, b: LogFilter): boolean {
  return (
    a.interfaceId === b.interfaceId &&
    a.service === b.service &&
    a.kind === b.kind &&
    a.outcome === b.outcome
  );
}

export class LogModel {
  /**
   * Ordered by seq, no duplicates; kept in columns (./row-columns.ts), a row object made when
   * read. A new object whenever rows are merged or evicted (only appends keep it).
   */
  rows: RowColumns = new RowColumns();
  /** `rows` itself when nothing is filtered, otherwise the matching rows in order. */
  visible: RowList = this.rows;
  filter: LogFilter = NO_FILTER;
  /**
   * The devices and services the rows name (kept when old rows are evicted: still true), learnt
   * where asked: a saved log's, whose modems the device list has never seen, and the live log's,
   * for the services a device no longer lists (a lookup on a few kinds of row: cheap at
   * thousands of rows a second).
   */
  readonly places = new LogPlaces();
  private needle = '';

  constructor(
    readonly capacity = WINDOW_ROWS,
    private readonly learnsPlaces = false,
  ) {}

  get firstSeq(): number | undefined {
    return this.rows.seqAt(0);
  }

  get lastSeq(): number | undefined {
    return this.rows.seqAt(this.rows.length - 1);
  }

  /** Adds rows (any order, duplicates ignored). Returns the hole before them, if one opened. */
  insert(arrived: readonly LogRow[]): Hole | null {
    if (arrived.length === 0) return null;
    if (this.learnsPlaces) for (const row of arrived) this.places.observe(row);
    const last = this.lastSeq;
    const sorted = isAscending(arrived) ? arrived : [...arrived].sort((a, b) => a.seq - b.seq);
    const first = sorted[0];
    if (!first) return null;
    this.rows.settle();
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
    this.rows = new RowColumns();
    this.places.clear();
    this.setFilter(this.filter);
  }

  setFilter(filter: LogFilter): void {
    const before = this.filter;
    const beforeNeedle = this.needle;
    const shown = this.visible;
    this.filter = filter;
    this.needle = filter.text.trim().toLowerCase();
    if (!isFiltering(filter)) {
      this.visible = this.rows;
      return;
    }
    // Typing on in the text box only narrows what is shown: search only among it.
    const narrows =
      shown instanceof RowSubset &&
      shown.all === this.rows &&
      beforeNeedle !== '' &&
      this.needle.includes(beforeNeedle) &&
      samePlace(before, filter);
    const rows = this.rows;
    const visible = new RowSubset(rows);
    const scan = this.scanFor(filter);
    if (narrows) {
      for (let n = 0; n < shown.length; n++) {
        const i = shown.indexAt(n);
        if (this.matchesAt(i, scan)) visible.add(i);
      }
    } else {
      for (let i = 0; i < rows.length; i++) if (this.matchesAt(i, scan)) visible.add(i);
    }
    this.visible = visible;
  }

  /**
   * Whether row `index` matches the filter, read from its columns without making the row: its
   * place answered once per distinct place (./row-columns.ts `testFields`), the text by its pieces
   * (./piece-search.ts) or, for a needle with a space, its whole haystack (./haystack-search.ts).
   */
  private matchesAt(index: number, scan: Scan): boolean {
    const rows = this.rows;
    if (scan.place && !rows.testFields(index, scan.place)) return false;
    if (this.needle === '') return true;
    return scan.text === null || scan.text.matches(index);
  }

  /** What one scan of the rows asks and remembers. */
  private scanFor(filter: LogFilter): Scan {
    const placed =
      filter.interfaceId !== null ||
      filter.service !== null ||
      filter.kind !== null ||
      filter.outcome !== null;
    return {
      place: placed
        ? this.rows.fieldsMemo(PLACE_FIELDS, (record) => placeMatches(placeOf(record), filter))
        : null,
      // A needle with a space may span two of a row's pieces: only the whole haystack tells.
      text:
        this.needle === ''
          ? null
          : this.needle.includes(' ')
            ? new HaystackSearch(this.rows, this.needle, (index) => this.madeMatches(index))
            : new PieceSearch(this.rows, this.needle),
    };
  }

  /** Whether row `index`, made, holds the needle: the per-row rule. */
  private madeMatches(index: number): boolean {
    const row = this.rows.peek(index);
    return row !== undefined && textMatches(row, this.needle);
  }

  /** The first gap in seq order, if any (a hole an earlier page did not fill). */
  findHole(): Hole | null {
    const rows = this.rows;
    for (let i = 1; i < rows.length; i++) {
      const prev = rows.seqAt(i - 1) ?? 0;
      const seq = rows.seqAt(i) ?? 0;
      if (seq > prev + 1) return { fromSeq: prev + 1, toSeq: seq - 1 };
    }
    return null;
  }

  private appendSorted(sorted: readonly LogRow[]): void {
    const visible = this.visible instanceof RowSubset ? this.visible : null;
    for (const row of sorted) {
      // A batch may carry a row twice.
      if (row.seq <= (this.lastSeq ?? -Infinity)) continue;
      this.rows.push(row);
      if (visible && rowMatches(row, this.filter, this.needle)) visible.add(this.rows.length - 1);
    }
  }

  /** Rows from before the newest: the columns are made again in seq order, with them in place. */
  private merge(sorted: readonly LogRow[]): void {
    const old = this.rows;
    const rows = new RowColumns();
    let i = 0;
    let lastSeq = -Infinity;
    for (const row of sorted) {
      for (; i < old.length && (old.seqAt(i) ?? 0) <= row.seq; i++) {
        lastSeq = old.seqAt(i) ?? 0;
        rows.pushFrom(old, i);
      }
      if (row.seq <= lastSeq) continue;
      lastSeq = row.seq;
      rows.push(row);
    }
    for (; i < old.length; i++) rows.pushFrom(old, i);
    this.rows = rows;
    this.setFilter(this.filter);
  }

  /** Forgets the rows before `seq`, the oldest (they stay in the log, to be put back). */
  dropBefore(seq: number): void {
    let drop = 0;
    while (drop < this.rows.length && (this.rows.seqAt(drop) ?? seq) < seq) drop++;
    if (drop > 0) this.dropFirst(drop);
  }

  /** Drops the oldest rows past capacity; they stay in the journal and can be paged back. */
  private evict(): void {
    const excess = this.rows.length - this.capacity;
    if (excess <= 0) return;
    this.dropFirst(Math.max(excess, Math.floor(this.capacity / 10)));
  }

  private dropFirst(drop: number): void {
    const old = this.rows;
    const rows = new RowColumns();
    for (let i = drop; i < old.length; i++) rows.pushFrom(old, i);
    this.rows = rows;
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
