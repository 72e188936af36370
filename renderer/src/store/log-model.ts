/**
 * The live log's rows, held outside React: an ordered, de-duplicated run of journal rows with
 * the filtered view kept up to date incrementally, so ten thousand rows a second cost only the
 * new rows, not a pass over everything. Rows missing from the middle (a reconnect, a batch
 * arriving before the initial page) are reported as holes for the caller to page in from the
 * journal: the log can always be made complete.
 *
 * Most outcomes a row says stay true, and a row is filtered by its own. A row that said its
 * request was sending or waiting is shown by those filters only while the request still is
 * (./still-rows.ts): a technician asking what is still in flight must not be shown requests
 * that completed long ago.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import { WINDOW_ROWS } from '../../../shared/log-window';
import type { RequestOutcome } from '../../../shared/request/outcome';
import { isProblemRecord, recordOutcome } from '../../../shared/request/story';
import type { FieldsMemo } from './fields-memo';
import { HaystackSearch } from './haystack-search';
import {
  isFiltering,
  NO_FILTER,
  passingOutcome,
  PLACE_FIELDS,
  placeMatches,
  placeOf,
  rowMatches,
  samePlace,
  textMatches,
  type LogFilter,
} from './log-filter';
import { LogPlaces } from './log-places';
import { PieceSearch } from './piece-search';
import { RowColumns } from './row-columns';
import { holeBetween, holesIn, type Hole } from './row-holes';
import { RowSubset, type RowList } from './row-list';
import { movesRequests, StillRows } from './still-rows';

/** The record fields that tell whether a row may move its request on (a run-start: every one). */
const MOVE_FIELDS: ReadonlySet<string> = new Set(['kind', 'outcome']);

interface Scan {
  place: FieldsMemo | null;
  text: PieceSearch | HaystackSearch | null;
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
  /** The filter's outcome when it is sending or waiting: it lists only the rows still saying it. */
  private said: RequestOutcome | null = null;
  /** The rows whose sending or waiting is still true (./still-rows.ts): for filters and pills. */
  private still = new StillRows();
  /** The first seq of the newest rows: those before it are kept beside them (`keepBefore`). */
  private newestFrom = Number.NEGATIVE_INFINITY;
  /** The rows a paused technician has on screen (`reading`): the window drops others first. */
  private readRows: Hole | null = null;
  /** Rows the filtered view has lost to eviction, ever: what came in is counted apart from it. */
  droppedShown = 0;
  /**
   * Rows copied to drop others, ever (`drop`): none when the oldest go, following live. Each copy
   * of a full window's 225,000 rows froze it for 100–500 ms.
   */
  rowsCopied = 0;
  /** Rows taken in to be shown later, all at once (`insertAside`). */
  private aside: RowColumns | null = null;
  /** problemsAfter's count so far: rows after `after`, up to `upTo`, hold `count` problems. */
  private readonly problemMemo = { after: Number.NaN, upTo: 0, count: 0 };
  /** The holes of `rows` as far as they were scanned (`holes`): appends cost only themselves. */
  private holeScan: { rows: RowColumns; scanned: number; holes: readonly Hole[] } | null = null;

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

  /**
   * How many rows after `afterSeq` the shared isProblemRecord calls a problem (the rule main's
   * index counts by, so the live overview's count and this add up). Each row is looked at once as
   * it comes (a busy log brings thousands between two readings of the overview); a new `afterSeq`,
   * or rows merged in among those counted, start the count again.
   */
  problemsAfter(afterSeq: number): number {
    const newest = this.lastSeq ?? afterSeq;
    const memo = this.problemMemo;
    if (memo.after !== afterSeq || newest < memo.upTo) {
      memo.after = afterSeq;
      memo.upTo = afterSeq;
      memo.count = 0;
    }
    const rows = this.rows;
    for (let i = rows.firstAtLeast(memo.upTo + 1); i < rows.length; i++)
      if (isProblemRecord(rows.recordOf(i))) memo.count += 1;
    memo.upTo = Math.max(memo.upTo, newest);
    return memo.count;
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
      return last === undefined ? null : holeBetween(last, first.seq);
    }
    // Rows brought in before the newest (a page of earlier entries, a jump's rows) are what the
    // technician is reading: kept beside the newest (`keepBefore`), which alone are counted and
    // dropped. Counted with them, a full live window's next batch dropped them first, and 25,000
    // more, within a frame of their coming in.
    const newest = this.rows.seqAt(this.keptCount);
    const through = sorted[sorted.length - 1]?.seq ?? first.seq;
    if (newest !== undefined && first.seq < newest) this.newestFrom = Math.max(newest, through + 1);
    this.merge(sorted);
    return null;
  }

  /**
   * Whether row `seq` said its request was sending or waiting and it still is, as far as the rows
   * held tell (./still-rows.ts): false for every other row.
   */
  saysStill(seq: number): boolean {
    return this.still.has(seq);
  }

  /** Forgets every row (a different saved log is opened). */
  clear(): void {
    this.rows = new RowColumns();
    this.still = new StillRows();
    this.newestFrom = Number.NEGATIVE_INFINITY;
    this.readRows = null;
    this.aside = null;
    this.places.clear();
    this.problemMemo.after = Number.NaN;
    this.setFilter(this.filter);
  }

  /**
   * Keeps the rows before `seq` beside the newest rows, which start there: a large saved log's
   * first page and the rows jumps brought in, which a technician may be reading. Capacity counts
   * the newest rows alone and only they are evicted, so the rows kept stay where they are (and
   * the selection on them) while the newest page in, and the newest are all kept beside them.
   * Rows brought in before the newest are kept so too (`insert`); `-Infinity` keeps none, the
   * window one stretch again.
   */
  keepBefore(seq: number): void {
    this.newestFrom = seq;
  }

  /** How many rows are kept beside the newest (`keepBefore`); 0 when the window is one stretch. */
  get keptCount(): number {
    return this.rows.firstAtLeast(this.newestFrom);
  }

  setFilter(filter: LogFilter): void {
    const before = this.filter;
    const beforeNeedle = this.needle;
    const shown = this.visible;
    this.filter = filter;
    this.needle = filter.text.trim().toLowerCase();
    this.said = passingOutcome(filter);
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
    } else for (let i = 0; i < rows.length; i++) if (this.matchesAt(i, scan)) visible.add(i);
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
    // Sending or waiting: listed only while still true (./still-rows.ts).
    if (this.said !== null && !this.still.has(rows.seqAt(index) ?? -1)) return false;
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
        ? this.rows.fieldsMemo(PLACE_FIELDS, (record) =>
            placeMatches(placeOf(record), filter, record),
          )
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
    return this.holes()[0] ?? null;
  }

  /**
   * Every hole between the rows held, in order (./row-holes.ts): few (one per jump at most), and
   * the same array until rows change, so a view can tell when to place them again.
   */
  holes(): readonly Hole[] {
    const rows = this.rows;
    let scan = this.holeScan;
    if (scan?.rows !== rows || scan.scanned > rows.length)
      scan = this.holeScan = { rows, scanned: 0, holes: [] };
    if (scan.scanned < rows.length) {
      const found = holesIn(rows, Math.max(1, scan.scanned));
      if (found.length > 0) scan.holes = [...scan.holes, ...found];
      scan.scanned = rows.length;
    }
    return scan.holes;
  }

  private appendSorted(sorted: readonly LogRow[]): void {
    const visible = this.visible instanceof RowSubset ? this.visible : null;
    // Rows shown by a sending or waiting filter that a later row moved on, by seq.
    const gone = visible && this.said !== null ? new Set<number>() : null;
    for (const row of sorted) {
      const last = this.lastSeq;
      // A batch may carry a row twice.
      if (row.seq <= (last ?? -Infinity)) continue;
      this.rows.push(row);
      if (last !== undefined && holeBetween(last, row.seq)) addAll(gone, this.still.forgetAll());
      addAll(gone, this.still.note(row.seq, row.kind, row.ref, row.outcome));
      if (!visible) continue;
      // Main's row, unless the columns word it otherwise: it names its request's command.
      const index = this.rows.length - 1;
      const kept = this.rows.commandAt(index) === null ? row : (this.rows.peek(index) ?? row);
      if (!rowMatches(kept, this.filter, this.needle)) continue;
      if (this.said === null || this.still.has(row.seq)) visible.add(index);
    }
    // A pass over the rows shown (as many as the requests in flight), not over the log.
    if (visible && gone && gone.size > 0) {
      const rows = this.rows;
      this.visible = visible.without((i) => gone.has(rows.seqAt(i) ?? -1));
    }
  }

  /**
   * Rows from before the newest (a jump's page, a page of earlier entries), put in their places
   * at about their own cost (./row-columns.ts `insertSorted`): made again in seq order, the
   * window's 250,000 rows were copied for each page, seconds of a frozen window per jump. What
   * the rows held tell of them (still, shown) is brought up to date where they can change.
   */
  private merge(sorted: readonly LogRow[]): void {
    // Rows among those problemsAfter counted: it counts again (over the rows held).
    this.problemMemo.after = Number.NaN;
    const placed = this.rows.insertSorted(sorted);
    // Every row held already (a jump to rows loaded): nothing else changes.
    if (!placed) return;
    const rows = (this.rows = placed.rows);
    const { at } = placed;
    // Only the rows after the last gap can be still (at a gap none before it is known to be): the
    // rows put in change which are only when they join those.
    let lastStretch = rows.length - 1;
    while (lastStretch > 0 && rows.seqAt(lastStretch - 1) === (rows.seqAt(lastStretch) ?? 0) - 1)
      lastStretch--;
    const stillChanged = (at[at.length - 1] ?? 0) >= lastStretch;
    if (stillChanged) this.noteAll(lastStretch);
    const shown = this.visible;
    if (!isFiltering(this.filter)) this.visible = rows;
    else if (
      (stillChanged && this.said !== null) ||
      placed.renamed ||
      !(shown instanceof RowSubset)
    )
      this.setFilter(this.filter);
    else this.visible = this.shownWith(shown, rows, at);
  }

  /**
   * The rows `shown` (a filtered view of the rows before `at` were put in) and those of `at` that
   * match, in the new numbering: a pass over the rows shown and those put in, not the window.
   */
  private shownWith(shown: RowSubset, rows: RowColumns, at: readonly number[]): RowSubset {
    const scan = this.scanFor(this.filter);
    const visible = new RowSubset(rows);
    let c = 0;
    for (let n = 0; n < shown.length; n++) {
      const old = shown.indexAt(n);
      // Put in before this row: each moved it up one.
      for (; c < at.length && (at[c] ?? 0) <= old + c; c++) {
        const index = at[c] ?? 0;
        if (this.matchesAt(index, scan)) visible.add(index);
      }
      visible.add(old + c);
    }
    for (; c < at.length; c++) {
      const index = at[c] ?? 0;
      if (this.matchesAt(index, scan)) visible.add(index);
    }
    return visible;
  }

  /**
   * Merges `count` rows in seq order, read by `seqAt` and kept by `keep`, with the rows held (a
   * row held already is kept once).
   */
  private mergeFrom(
    count: number,
    seqAt: (n: number) => number,
    keep: (rows: RowColumns, n: number) => void,
  ): void {
    // Rows among those problemsAfter counted: it counts again.
    this.problemMemo.after = Number.NaN;
    const old = this.rows;
    const rows = new RowColumns(old.log);
    let i = 0;
    let lastSeq = -Infinity;
    for (let n = 0; n < count; n++) {
      const seq = seqAt(n);
      for (; i < old.length && (old.seqAt(i) ?? 0) <= seq; i++) {
        lastSeq = old.seqAt(i) ?? 0;
        rows.pushFrom(old, i);
      }
      if (seq <= lastSeq) continue;
      lastSeq = seq;
      keep(rows, n);
    }
    for (; i < old.length; i++) rows.pushFrom(old, i);
    this.rows = rows;
    this.noteAll();
    this.setFilter(this.filter);
  }

  /**
   * Finds the rows still saying sending or waiting again, over every row from `from` (rows came in
   * before others: they may fill a hole, or move a request on; before a gap, none is still). The ref is read only of the rows that
   * carry an outcome, or start a run.
   */
  private noteAll(from = 0): void {
    const still = (this.still = new StillRows());
    const rows = this.rows;
    const moves = rows.fieldsMemo(MOVE_FIELDS, (r) => movesRequests(r.kind, recordOutcome(r)));
    const refAt = rows.stringsOf('ref');
    const kindAt = rows.stringsOf('kind');
    const outcomeAt = rows.stringsOf('outcome');
    let before: number | undefined;
    for (let i = from; i < rows.length; i++) {
      const seq = rows.seqAt(i) ?? 0;
      if (before !== undefined && holeBetween(before, seq)) still.forgetAll();
      before = seq;
      if (rows.testFields(i, moves)) still.note(seq, kindAt(i), refAt(i), outcomeAt(i));
    }
  }

  /**
   * Takes in rows that land before rows held already (a large saved log's newest rows, paging in
   * before the rows a jump to its end brought), in seq order across calls, without showing them
   * yet: `mergeAside` puts them all in at once. Merged page by page, each page made the whole
   * window again: the newest 250,000 rows took over 40 s to come in.
   */
  insertAside(arrived: readonly LogRow[]): void {
    const aside = (this.aside ??= new RowColumns());
    aside.settle();
    if (this.learnsPlaces) for (const row of arrived) this.places.observe(row);
    for (const row of arrived) if (row.seq > (aside.seqAt(aside.length - 1) ?? 0)) aside.push(row);
  }

  /** Puts the rows taken in by `insertAside` into the window, in one pass. */
  mergeAside(): void {
    const aside = this.aside;
    this.aside = null;
    if (!aside || aside.length === 0) return;
    this.mergeFrom(
      aside.length,
      (n) => aside.seqAt(n) ?? 0,
      (rows, n) => rows.pushFrom(aside, n),
    );
  }

  /**
   * The rows from `fromSeq` to `toSeq` are on a paused technician's screen (null: none, the log
   * follows): the window drops the oldest rows before them and then the oldest after them, never
   * them. A busy kiosk's full window dropped its oldest 25,000 rows at a time, the rows being read
   * among them, and the entry selected with its details.
   */
  reading(rows: Hole | null): void {
    this.readRows = rows;
  }

  /**
   * Drops the oldest rows past capacity; they stay in the journal and can be paged back. Rows
   * kept beside the newest (`keepBefore`), and those being read (`reading`), are not dropped.
   */
  private evict(): void {
    const from = this.keptCount;
    const excess = this.rows.length - from - this.capacity;
    if (excess <= 0) return;
    const count = Math.max(excess, Math.floor(this.capacity / 10));
    const read = this.readRows;
    const readFrom = read ? Math.max(from, this.rows.firstAtLeast(read.fromSeq)) : Infinity;
    if (readFrom >= from + count) return this.drop([[from, count]]);
    // The oldest after them next, which opens a line in the log where they were.
    const readTo = this.rows.firstAtLeast((read?.toSeq ?? 0) + 1);
    const after = Math.min(count - (readFrom - from), this.rows.length - readTo);
    this.drop([
      [from, readFrom - from],
      [readTo, after],
    ]);
  }

  /** Drops rows: `count` from index `from` on, for each [from, count] (ascending). */
  private drop(ranges: ReadonlyArray<readonly [from: number, count: number]>): void {
    const old = this.rows;
    const shown = this.visible;
    for (const [from, count] of ranges) {
      if (count <= 0) continue;
      // Dropped, or kept before a hole the drop opened: none of them is known to be still.
      this.still.forgetThrough(old.seqAt(from + count - 1) ?? 0);
      const first = old.seqAt(from) ?? 0;
      const last = old.seqAt(from + count - 1) ?? 0;
      this.droppedShown += shown.firstAtLeast(last + 1) - shown.firstAtLeast(first);
    }
    const [first, ...rest] = ranges;
    if (first?.[0] === 0 && rest.every(([, count]) => count <= 0) && this.dropFront(first[1]))
      return;
    // The rows kept copied as they are kept (./row-columns.ts `without`), not made and kept again.
    this.rows = old.without(ranges);
    this.rowsCopied += this.rows.length;
    this.setFilter(this.filter);
  }

  /**
   * Drops the oldest `count` rows, following live, without copying the rest: the columns start
   * after them (./row-columns.ts `dropFront`), and what is shown of the rows kept and the holes
   * between them are renumbered, not found again. False where the columns cannot (rows were put
   * in among others): `drop` copies them.
   */
  private dropFront(count: number): boolean {
    const old = this.rows;
    const rows = old.dropFront(count);
    if (!rows) return false;
    const shown = this.visible;
    this.rows = rows;
    if (!isFiltering(this.filter)) this.visible = rows;
    else if (shown instanceof RowSubset && shown.all === old)
      this.visible = shown.rebased(rows, count);
    else this.setFilter(this.filter);
    const scan = this.holeScan;
    if (scan?.rows === old) {
      const firstKept = rows.seqAt(0) ?? 0;
      this.holeScan = {
        rows,
        scanned: Math.max(0, scan.scanned - count),
        holes: scan.holes.filter((hole) => hole.fromSeq > firstKept),
      };
    }
    return true;
  }
}

function addAll(to: Set<number> | null, rows: readonly number[]): void {
  if (to) for (const row of rows) to.add(row);
}

function isAscending(rows: readonly LogRow[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (a && b && b.seq <= a.seq) return false;
  }
  return true;
}
