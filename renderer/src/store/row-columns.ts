/**
 * The log's rows kept in columns (issue 14: the renderer under 300 MB with a saved log of 211,000
 * rows open). A row kept as JS objects (its record, the record's strings, the row around it) cost
 * about 245 bytes of heap even lean, and the heap V8 grows around it while pages arrive cost as
 * much again. Here a row is a few numbers in typed arrays: its seq, its decoded HRESULT (an index
 * into one table), the shape of its record (row-shapes.ts: the keys and what each value is,
 * shared by every record with the same keys), and one 32-bit cell per value. A value that repeats
 * from row to row (kind, interface, service, outcome, status names) is an index into one string
 * table; an ISO time that reads back the same is its milliseconds; any other string is kept as it
 * is, once; a nested value (rare: device lists, command lists) is kept as it came.
 *
 * A row of a QUERY or SET request names the command it sent, its completion too, which does not
 * carry it: one more column, learnt as the rows are kept (command-column.ts).
 *
 * A row object is made only when asked for (the thirty or so on screen, the one selected, the
 * pages the timeline folds) and equals the row main sent, field by field and key by key, but
 * for the words of a row that names its request's command (above). A
 * filter reads the cells themselves (`testFields`), by a plan that fields-plan.ts makes from a
 * record's shape; how a record's shape is found is row-shapes.ts's.
 */
import type { LogRow } from '../../../electron/ipc/contract';
import type { HresultView } from '../../../shared/hresult';
import type { JournalRecord } from '../../../shared/journal/record';
import { CHUNK_BITS, f64, ListColumn, u32 } from './chunked-column';
import { CommandColumn } from './command-column';
import {
  answer,
  NO_KEYS,
  type FieldKeys,
  type FieldsMemo,
  type FieldsPlan,
  type RowTest,
} from './fields-memo';
import { mixedKey, newFieldsMemo, planOf } from './fields-plan';
import { isoTime } from './iso-time';
import { keptRow } from './kept-row';
import type { RowList } from './row-list';
import {
  FALSE,
  FLOAT,
  newNode,
  nextNode,
  newShape,
  NULL,
  OTHER,
  pickOf,
  SHARED,
  tagOf,
  TEXT,
  TIME,
  TRUE,
  UINT,
  type Shape,
  type ShapeNode,
} from './row-shapes';

/** Rows made lately, by index, so a screen drawn again does not make its rows again. */
const MADE_KEPT = 512;
/** Most rows kept as they arrived (two pages): a caller that never settles holds no more. */
const FRESH_KEPT = 4096;

/** Where a row's cells, floats, texts and nested values would go next, as it began. */
interface CellsFrom {
  cells: number;
  floats: number;
  texts: number;
  others: number;
}

export class RowColumns implements RowList {
  private readonly seqs = f64();
  /** Index into `hresults`; 0 is "no HRESULT". */
  private readonly hresultOf = u32();
  private readonly shapeOf = u32();
  /** Where the row's cells start in `cells`. */
  private readonly start = u32();
  private readonly cells = u32();
  private readonly floats = f64();
  private readonly texts = new ListColumn<string>();
  private readonly others = new ListColumn<unknown>();
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly hresults: (HresultView | null)[] = [null];
  private readonly hresultIndex = new Map<string, number>();
  private readonly commands = new CommandColumn();
  /** Shared with the columns `without` makes: few (one per kind of record) and never changed. */
  private shapes: Shape[] = [];
  private shapeRoot = newNode();
  private made = new Map<number, LogRow>();
  /**
   * The rows of the newest batch as they arrived, from index `freshFrom`: what reads them next
   * (the timeline, the filter) takes them as they are instead of making them again.
   */
  private fresh: LogRow[] = [];
  private freshFrom = 0;
  /**
   * Rows dropped from the front by moving where these start (`dropFront`): row `index` is at
   * `index + base` in the columns of one cell per row.
   */
  private base = 0;
  /**
   * Whether every row's cells (and its floats, texts and nested values) come after the rows'
   * before it, as appends and copies keep them: rows put in among others (`insertSorted`) add
   * theirs at the end. Only then does a row say where the cells of those before it end
   * (`cellsFrom`), and the front can be let go of.
   */
  private inOrder = true;
  /** Where the cells, floats, texts and nested values were when each chunk of rows began. */
  private readonly cellsFrom: CellsFrom[] = [];
  /** The first row the last `dropFront` kept: the rows before it are let go of at the next. */
  private letGoBefore = 0;

  /**
   * Which log these are the rows of: the same for the columns made from these (`without`, a
   * merge), another for another log's. The timeline folds the same log's rows again in slices,
   * drawing what it had meanwhile, and another log's at once (../timeline/timeline-model.ts).
   */
  constructor(readonly log: object = {}) {}

  get length(): number {
    return this.seqs.length - this.base;
  }

  /**
   * Forgets the rows kept as they arrived (they are read from the columns from now on): called
   * before each new batch, so at most one batch is held twice.
   */
  settle(): void {
    this.fresh = [];
    this.freshFrom = this.length;
  }

  /** Keeps `row` after the last one (the caller keeps them in seq order). */
  push(row: LogRow): void {
    if (this.fresh.length < FRESH_KEPT && this.freshFrom + this.fresh.length === this.length)
      this.fresh.push(row);
    this.append(row.seq, row.hresult, row.record);
  }

  /** Keeps row `index` of `from` after the last one. */
  pushFrom(from: RowColumns, index: number): void {
    const hresult = from.hresults[from.hresultOf.get(index + from.base)] ?? null;
    this.append(from.seqs.get(index + from.base), hresult, from.recordAt(index));
  }

  /**
   * Puts `rows` (ascending by seq) in their places among the rows held, those held already left
   * out, costing about the rows put in: their cells are added after the others' (a row's cells are
   * found by where they start, not by its index), and of the columns of one cell per row only the
   * rows after the first put in move up, a typed copy each. The commands of the rows around them
   * are learnt again (command-column.ts `relearn`). Returns columns over the same rows, a new
   * object as a merge made one (what a view holding these tells a change by), and where the rows
   * put in now are, and whether rows held before now name another command (`renamed`); null
   * when every row was held already. This object reads the same rows after.
   */
  insertSorted(
    rows: readonly LogRow[],
  ): { rows: RowColumns; at: number[]; renamed: boolean } | null {
    const added: LogRow[] = [];
    const at: number[] = [];
    let last = Number.NEGATIVE_INFINITY;
    for (const row of rows) {
      if (row.seq <= last) continue;
      last = row.seq;
      const index = this.firstAtLeast(row.seq);
      if (index < this.length && this.seqs.get(index + this.base) === row.seq) continue;
      at.push(index + added.length);
      added.push(row);
    }
    const first = at[0];
    if (first === undefined) return null;
    this.settle();
    this.made = new Map();
    // The columns count from the first row ever held (`base`: rows dropped from the front).
    const base = this.base;
    const spreadAt = base === 0 ? at : at.map((index) => index + base);
    this.inOrder = false;
    for (const column of [this.seqs, this.hresultOf, this.shapeOf, this.start])
      column.spread(spreadAt);
    this.commands.spread(spreadAt);
    for (let n = 0; n < added.length; n++) {
      const row = added[n];
      const index = spreadAt[n] ?? 0;
      if (!row) continue;
      this.seqs.set(index, row.seq);
      this.hresultOf.set(index, this.hresultSlot(row.hresult));
      this.start.set(index, this.cells.length);
      this.shapeOf.set(index, this.encode(row.record));
    }
    // Learnt from the start of the stretch the first joins (rows already there name a command
    // only if some row held does: else nothing is known there, as at a gap).
    let from = first;
    if (this.commands.any)
      while (from > 0 && this.seqs.get(from - 1 + base) === this.seqs.get(from + base) - 1) from--;
    const settled = (at[at.length - 1] ?? first) + 1;
    const learnt = this.commands.relearn(
      from + base,
      this.length + base,
      (i) => this.seqs.get(i),
      (i) => this.recordAt(i - base),
      settled + base,
    );
    const moved = Object.assign(Object.create(RowColumns.prototype) as RowColumns, this);
    return { rows: moved, at, renamed: learnt - base > settled };
  }

  /**
   * These rows but those of `ranges` (each [from, count], ascending): what a full window keeps
   * when it drops its oldest. Each row kept is copied as it is kept, its cells as numbers (a
   * number, time or text where the row's shape says one is), and the command its request sent
   * as learnt (./command-column.ts): made into a record and kept again, row by row, the window's
   * 225,000 rows took a second and more each time it dropped its oldest 25,000, a busy log's
   * window frozen every few seconds. New columns, as a merge makes; these read as they did.
   */
  without(ranges: ReadonlyArray<readonly [from: number, count: number]>): RowColumns {
    const out = new RowColumns(this.log);
    out.shapes = this.shapes;
    out.shapeRoot = this.shapeRoot;
    // This log's table slots in the new one's, made as the rows kept first need them (-1: none
    // yet), so the tables hold only what the rows kept say.
    const strings = new Int32Array(this.strings.length).fill(-1);
    const hresults = new Int32Array(this.hresults.length).fill(-1);
    hresults[0] = 0;
    let at = 0;
    for (const [from, count] of ranges) {
      if (count <= 0) continue;
      for (; at < from; at++) out.copyRow(this, at, strings, hresults);
      at = Math.max(at, from + count);
    }
    for (; at < this.length; at++) out.copyRow(this, at, strings, hresults);
    out.commands.learntOn(this.commands);
    return out;
  }

  /**
   * These rows but the oldest `count`, by moving where they start: no row copied or made, what a
   * full window following a busy live log keeps when it drops its oldest 25,000 (copied by
   * `without`, 225,000 rows took 100–500 ms each time, the window frozen while it followed live).
   * The rows the drop before left behind are let go of now: until the next drop the columns it
   * replaced, which a view may still hold (the timeline drawing while it folds again), read as
   * they did. New columns, as a merge makes; null where rows were put in among others (their
   * cells out of order: the front's end cannot be told), for `without` to copy instead.
   */
  dropFront(count: number): RowColumns | null {
    if (!this.inOrder || count <= 0 || count > this.length) return null;
    this.letGo(this.letGoBefore);
    const out = Object.assign(Object.create(RowColumns.prototype) as RowColumns, this);
    out.base = this.base + count;
    out.letGoBefore = out.base;
    out.made = new Map();
    out.settle();
    return out;
  }

  /** Lets go of the rows before `row` (counted from the first ever held), chunk by chunk. */
  private letGo(row: number): void {
    for (const column of [this.seqs, this.hresultOf, this.shapeOf, this.start])
      column.releaseBefore(row);
    this.commands.releaseBefore(row);
    // Their cells end where those of the first row of `row`'s chunk began (cells in row order).
    const from = this.cellsFrom[row >>> CHUNK_BITS];
    if (!from) return;
    this.cells.releaseBefore(from.cells);
    this.floats.releaseBefore(from.floats);
    this.texts.releaseBefore(from.texts);
    this.others.releaseBefore(from.others);
  }

  /** Notes where the cells of the row about to be kept begin, when it begins a chunk of rows. */
  private noteChunk(): void {
    const row = this.seqs.length;
    if (row % (1 << CHUNK_BITS) !== 0) return;
    this.cellsFrom[row >>> CHUNK_BITS] = {
      cells: this.cells.length,
      floats: this.floats.length,
      texts: this.texts.length,
      others: this.others.length,
    };
  }

  /** Keeps row `index` of `from` after the last one, as `from` keeps it (`without`). */
  private copyRow(
    from: RowColumns,
    index: number,
    strings: Int32Array,
    hresults: Int32Array,
  ): void {
    const shapeId = from.shapeOf.get(index + from.base);
    const start = from.start.get(index + from.base);
    const seq = from.seqs.get(index + from.base);
    const hresult = from.hresultOf.get(index + from.base);
    let slot = hresults[hresult] ?? -1;
    if (slot < 0) hresults[hresult] = slot = this.hresultSlot(from.hresults[hresult] ?? null);
    this.noteChunk();
    this.start.push(this.cells.length);
    this.shapeOf.push(shapeId);
    this.hresultOf.push(slot);
    this.commands.pushFrom(from.commands, index + from.base, seq);
    this.seqs.push(seq);
    const cellTags = from.shapes[shapeId]?.cellTags ?? [];
    for (let c = 0; c < cellTags.length; c++) {
      const cell = from.cells.get(start + c);
      switch (cellTags[c]) {
        case SHARED: {
          let kept = strings[cell] ?? -1;
          if (kept < 0) strings[cell] = kept = this.stringSlot(from.strings[cell] ?? '');
          this.cells.push(kept);
          break;
        }
        case FLOAT:
        case TIME:
          this.cells.push(this.floats.push(from.floats.get(cell)));
          break;
        case TEXT:
          this.cells.push(this.texts.push(from.texts.get(cell) ?? ''));
          break;
        case OTHER:
          this.cells.push(this.others.push(from.others.get(cell)));
          break;
        default:
          // A whole number: the cell itself.
          this.cells.push(cell);
      }
    }
  }

  at(index: number): LogRow | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const fresh = this.freshAt(index);
    if (fresh) return fresh;
    const made = this.made.get(index);
    if (made) return made;
    const row = this.makeRow(index);
    if (this.made.size >= MADE_KEPT) this.made = new Map();
    this.made.set(index, row);
    return row;
  }

  seqAt(index: number): number | undefined {
    return index >= 0 && index < this.length ? this.seqs.get(index + this.base) : undefined;
  }

  private freshAt(index: number): LogRow | undefined {
    // Checked first: an array read at a negative index is a slow lookup by name.
    if (index < this.freshFrom) return undefined;
    // A row that names its request's command is made here: main's words do not name it.
    return this.commands.isNoneAt(index + this.base)
      ? this.fresh[index - this.freshFrom]
      : undefined;
  }

  private makeRow(index: number): LogRow {
    return keptRow(
      this.seqs.get(index + this.base),
      this.hresults[this.hresultOf.get(index + this.base)] ?? null,
      this.recordAt(index),
      this.commandAt(index),
    );
  }

  /** Whether any row's request sent a command (see `commandAt`). */
  get hasCommands(): boolean {
    return this.commands.any;
  }

  /**
   * The command row `index`'s request sent, when it is a QUERY or SET and the rows held tell it
   * (command-column.ts): what its words name.
   */
  commandAt(index: number): number | null {
    return this.commands.at(index + this.base);
  }

  /**
   * The fields `keys` of row `index`'s record, without the rest, for the shared readers to read
   * (a filter over every row then makes no whole record): a partial record, read, never kept.
   */
  fieldsAt(index: number, keys: ReadonlySet<string>): Partial<JournalRecord> {
    return this.recordAt(index, keys);
  }

  /** Row `index`, made and not kept among the rows made lately (a filter reads each once). */
  peek(index: number): LogRow | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    return this.freshAt(index) ?? this.made.get(index) ?? this.makeRow(index);
  }

  /** Row `index`'s record, made and not kept: what a text filter reads the row's words from. */
  recordOf(index: number): JournalRecord {
    return this.recordAt(index);
  }

  /** The number in field `key` of row `index`'s record, if it holds one (a filter's row test). */
  numberAt(index: number, key: string): number | undefined {
    const shape = this.shapes[this.shapeOf.get(index + this.base)];
    const k = shape?.indexOf.get(key);
    if (shape === undefined || k === undefined) return undefined;
    const tag = shape.tags[k];
    if (tag !== UINT && tag !== FLOAT) return undefined;
    const cell = this.cells.get(this.start.get(index + this.base) + (shape.cellOf[k] ?? 0));
    return tag === UINT ? cell : this.floats.get(cell);
  }

  /**
   * The string in field `key` of row `index`'s record: null when it is null or absent, undefined
   * when it is something else (a filter's row test).
   */
  stringAt(index: number, key: string): string | null | undefined {
    const shape = this.shapes[this.shapeOf.get(index + this.base)];
    const k = shape?.indexOf.get(key);
    if (shape === undefined || k === undefined) return null;
    const tag = shape.tags[k];
    if (tag === NULL) return null;
    if (tag !== SHARED && tag !== TEXT) return undefined;
    const cell = this.cells.get(this.start.get(index + this.base) + (shape.cellOf[k] ?? 0));
    return tag === SHARED ? (this.strings[cell] ?? '') : (this.texts.get(cell) ?? '');
  }

  /**
   * `stringAt` for one field over many rows, its place in a row's cells found once per shape
   * rather than by name for each row: what a scan reading a field of most rows (a request's ref)
   * uses. Good while rows are added too (a new shape is looked up when first met).
   */
  stringsOf(key: string): (index: number) => string | null | undefined {
    // Per shape id: the cell and its tag (-1: the field is absent).
    const places: ({ cell: number; tag: number } | undefined)[] = [];
    return (index) => {
      const shapeId = this.shapeOf.get(index + this.base);
      let place = places[shapeId];
      if (place === undefined) {
        const shape = this.shapes[shapeId];
        const k = shape?.indexOf.get(key);
        place =
          shape === undefined || k === undefined
            ? { cell: 0, tag: -1 }
            : { cell: shape.cellOf[k] ?? 0, tag: shape.tags[k] ?? NULL };
        places[shapeId] = place;
      }
      const { cell, tag } = place;
      if (tag === -1 || tag === NULL) return null;
      if (tag !== SHARED && tag !== TEXT) return undefined;
      const value = this.cells.get(this.start.get(index + this.base) + cell);
      return tag === SHARED ? (this.strings[value] ?? '') : (this.texts.get(value) ?? '');
    };
  }

  /** Row `index`'s decoded HRESULT as an index into a table (0: none): see `hresultOfSlot`. */
  hresultSlotAt(index: number): number {
    return this.hresultOf.get(index + this.base);
  }

  /** How many decoded HRESULTs the log holds, "none" (slot 0) included. */
  get hresultSlots(): number {
    return this.hresults.length;
  }

  hresultOfSlot(slot: number): HresultView | null {
    return this.hresults[slot] ?? null;
  }

  /**
   * Whether `memo.test` holds of the fields `memo.keys` of row `index`'s record. Asked once per
   * distinct set of values, not once per row: rows of one shape whose fields are repeating strings
   * (a device, a service, a kind, an outcome: indices into one table), small whole numbers, or
   * numbers of one class in `memo.classed` share the answer, so a scan of every row makes no
   * record and compares numbers. A field of any other kind (a long text, a number with no class:
   * rare for these) is asked of its row, made as a partial record.
   */
  testFields(index: number, memo: FieldsMemo): boolean {
    const shapeId = this.shapeOf.get(index + this.base);
    const plan = memo.plans[shapeId] ?? this.planFor(shapeId, memo);
    if (plan.cells === null) {
      // One field of its own (a ref: a long text, one per row): its value asked, no record made.
      if (plan.text >= 0 && memo.testText)
        return memo.testText(
          this.texts.get(this.cells.get(this.start.get(index + this.base) + plan.text)) ?? '',
        );
      return answer(memo.test(this.recordAt(index, memo.keys)), index);
    }
    const start = this.start.get(index + this.base);
    let key = 0;
    if (plan.strings) {
      // The commonest key (a place: a kind, a device, a service, an outcome), read at its quickest.
      const { cells } = plan;
      for (let c = 0; c < cells.length; c++)
        key = key * memo.radix + this.cells.get(start + (cells[c] ?? 0));
    } else {
      key = mixedKey(this.cells, this.floats, start, plan, memo);
      // A number that is no digit of a key: this row's fields are asked on their own.
      if (key < 0) return answer(memo.test(this.recordAt(index, memo.keys)), index);
    }
    let verdict = plan.verdicts.get(key);
    if (verdict === undefined) {
      verdict = memo.test(this.recordAt(index, memo.keys));
      plan.verdicts.set(key, verdict);
    }
    return answer(verdict, index);
  }

  /**
   * A new memo for `testFields`, good for one scan of these columns (no row added meanwhile).
   * `classed`, `durations`: see `FieldsMemo`.
   */
  fieldsMemo(
    keys: FieldKeys,
    test: (fields: JournalRecord) => boolean | RowTest,
    testText?: (value: string) => boolean,
    classed: FieldKeys = NO_KEYS,
    durations: FieldKeys = NO_KEYS,
  ): FieldsMemo {
    return newFieldsMemo(this.strings.length, keys, test, testText, classed, durations);
  }

  private planFor(shapeId: number, memo: FieldsMemo): FieldsPlan {
    const plan = planOf(this.shapes[shapeId], memo);
    memo.plans[shapeId] = plan;
    return plan;
  }

  indexOfSeq(seq: number): number {
    const at = this.firstAtLeast(seq);
    return at < this.length && this.seqs.get(at + this.base) === seq ? at : -1;
  }

  /** Index of the first row whose seq is `seq` or more (length when none). */
  firstAtLeast(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs.get(mid + this.base) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Bytes the columns' typed arrays hold (strings not counted). */
  get byteLength(): number {
    return [
      this.seqs,
      this.hresultOf,
      this.commands,
      this.shapeOf,
      this.start,
      this.cells,
      this.floats,
    ].reduce((sum, column) => sum + column.byteLength, 0);
  }

  private append(seq: number, hresult: HresultView | null, record: JournalRecord): void {
    this.noteChunk();
    this.start.push(this.cells.length);
    this.shapeOf.push(this.encode(record));
    this.hresultOf.push(this.hresultSlot(hresult));
    this.commands.push(seq, record);
    this.seqs.push(seq);
  }

  /** Adds `record`'s cells after the last; returns its shape. */
  private encode(record: JournalRecord): number {
    const fields = record as unknown as Record<string, unknown>;
    let node = this.shapeRoot;
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      const tag = tagOf(key, value);
      switch (tag) {
        case UINT:
          this.cells.push(value as number);
          break;
        case FLOAT:
          this.cells.push(this.floats.push(value as number));
          break;
        case TIME:
          this.cells.push(this.floats.push(Date.parse(value as string)));
          break;
        case SHARED:
          this.cells.push(this.stringSlot(value as string));
          break;
        case TEXT:
          this.cells.push(this.texts.push(value as string));
          break;
        case OTHER:
          this.cells.push(this.others.push(value));
          break;
        default:
        // true, false, null: the shape says it.
      }
      node = nextNode(node, key, tag);
    }
    return this.shapeId(node, fields);
  }

  private shapeId(node: ShapeNode, fields: Record<string, unknown>): number {
    if (node.id < 0) node.id = this.shapes.push(newShape(fields)) - 1;
    return node.id;
  }

  /**
   * The record of row `index`, made again: equal to the one kept, its keys in their order; with
   * `only`, just those of its fields (what a filter reads), made without the rest.
   */
  private recordAt(index: number, only?: FieldKeys): JournalRecord {
    const shape = this.shapes[this.shapeOf.get(index + this.base)];
    if (!shape) return {} as JournalRecord;
    const start = this.start.get(index + this.base);
    const { keys, tags, cellOf } = shape;
    if (only) {
      let pick = shape.picks.get(only);
      if (!pick) {
        pick = pickOf(shape, only);
        shape.picks.set(only, pick);
      }
      // As below, from the pick's own template (its keys in the record's order).
      const out: Record<string, unknown> = { ...pick.template };
      const { picked } = pick;
      for (let p = 0; p < picked.length; p++) {
        const k = picked[p] ?? 0;
        const cell = cellOf[k] ?? -1;
        if (cell < 0) continue;
        const tag = tags[k] ?? NULL;
        const value = this.cells.get(start + cell);
        out[keys[k] ?? ''] =
          tag === SHARED ? this.strings[value] : tag === UINT ? value : this.valueOf(tag, value);
      }
      return out as unknown as JournalRecord;
    }
    // The copy holds true, false and null already; the cells' values are written in place (the
    // copy has each key as its own field already, so this writes it, even `__proto__`). The
    // commonest (a table's string, a whole number) read here: a text filter makes every record.
    const out: Record<string, unknown> = { ...shape.template };
    const { cellKeys, cellTags } = shape;
    const strings = this.strings;
    const cells = this.cells;
    for (let c = 0; c < cellKeys.length; c++) {
      const cell = cells.get(start + c);
      const tag = cellTags[c];
      out[cellKeys[c] ?? ''] =
        tag === SHARED ? strings[cell] : tag === UINT ? cell : this.valueOf(tag ?? NULL, cell);
    }
    return out as unknown as JournalRecord;
  }

  private valueOf(tag: number, cell: number): unknown {
    switch (tag) {
      case UINT:
        return cell;
      case FLOAT:
        return this.floats.get(cell);
      case TIME:
        return isoTime(this.floats.get(cell));
      case SHARED:
        return this.strings[cell];
      case TEXT:
        return this.texts.get(cell);
      case OTHER:
        return this.others.get(cell);
      case TRUE:
        return true;
      case FALSE:
        return false;
      default:
        return null;
    }
  }

  private stringSlot(value: string): number {
    let slot = this.stringIndex.get(value);
    if (slot === undefined) {
      slot = this.strings.push(value) - 1;
      this.stringIndex.set(value, slot);
    }
    return slot;
  }

  private hresultSlot(view: HresultView | null): number {
    if (view === null) return 0;
    // One code, one view: main decodes a code the same way every time.
    let slot = this.hresultIndex.get(view.hex);
    if (slot === undefined) {
      slot = this.hresults.push(view) - 1;
      this.hresultIndex.set(view.hex, slot);
    }
    return slot;
  }
}
