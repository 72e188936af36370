/**
 * The index's WebAssembly line reader (wasm/line-scan.ts), driven from here: this writes the key
 * orders the JavaScript reader learns as programs into its memory, copies the bytes of lines in,
 * and reads the values it found, of one line (`read`) or of a run of a chunk's lines
 * (`readLines`). journal-index-line.ts asks it first and falls back to its expressions for any
 * line it does not take, so a line is read the same either way.
 *
 * The numbers below are the module's memory layout, as wasm/layout.ts has them.
 */
import type { TalliedRows } from './journal-index.js';
import { LINE_SCAN_WASM } from './line-scan-wasm.js';
import {
  fieldShape,
  LINE_HEAD,
  lineFieldNumber,
  type FieldScan,
  type KindShape,
} from './journal-line-shapes.js';

const OUT = 512;
const WORDS_AT = 1024;
const INTERN_AT = 8192;
const INTERN_TABLE_BYTES = 8 + 32 * 8;
/** Programs, word lists and literal bytes, written here once each. */
const PROGRAMS_AT = 32 * 1024;
const PROGRAMS_END = 64 * 1024;
/** Two areas for the bytes of lines: a chunk's, and a line joined across two chunks. */
const AREA_AT = 64 * 1024;
const AREA_BYTES = 1024 * 1024 + 64 * 1024;
/** readLines' rows (see wasm/line-scan.ts). */
const ROWS_AT = 2560 * 1024;
const ROW_BYTES = 64;
const MAX_ROWS = 4096;
/** tally's counts (see wasm/tally.ts): ranges, then per table its counts and the numbers met. */
const TALLY_AT = 2304 * 1024;
const TALLY_RANGES = TALLY_AT + 64;
const TALLY_REQUEST_IDS = TALLY_AT + 112;
const TALLY_SEQS = TALLY_AT + 120;
const TALLY_MET_COUNTS = TALLY_AT + 128;
const TALLY_COUNTS = TALLY_AT + 256;
const TALLY_TABLE_BYTES = 128;
const TALLY_MET = TALLY_COUNTS + 4 * TALLY_TABLE_BYTES;
const TALLY_RENAMES = TALLY_MET + 5 * TALLY_TABLE_BYTES;
/** passLines' marks, in the rows' place: five i32s each (see wasm/line-scan.ts). */
const MARK_BYTES = 32;
/** A CSV export's rows (wasm/layout.ts): the device models' table, the lines' entries, the rows. */
const MODELS_AT = 20480;
const MAX_MODELS = 16;
const MODELS_END = 32768;
const ENTRIES_AT = 2816 * 1024;
/** i32s per entry: as a checked block's lines hold them (export/raw-line.ts LINE_FIELDS). */
const ENTRY_FIELDS = 7;
const CSV_OUT_AT = 3072 * 1024;

const OP = {
  end: 0,
  literal: 1,
  count: 2,
  num: 3,
  time: 4,
  text: 5,
  words: 6,
  hex8: 7,
  hexpairs: 8,
  bool: 9,
  kind: 10,
} as const;
const NULLABLE = 1;
const SLOTS: Readonly<Record<string, number>> = {
  seq: 1,
  time: 2,
  mono: 3,
  serviceId: 4,
  serviceName: 5,
  outcome: 6,
  hresult: 7,
  status: 8,
  requestId: 9,
  ref: 10,
};
/** The intern tables, by the module's numbering. */
const INTERNED = { serviceId: 0, serviceName: 1, hresult: 2 } as const;

interface Exports {
  memory: { buffer: ArrayBuffer };
  setup(head: number, kinds: number): void;
  addPlan(kind: number, program: number): number;
  readLine(from: number, to: number): number;
  readLines(from: number, to: number, maxRows: number): number;
  setTallyKind(kind: number, flags: number): void;
  tallyBucket(): void;
  tally(n0: number, n1: number): void;
  stop(): number;
  check(redacting: number): void;
  passLines(from: number, to: number, maxLine: number): number;
  marks(): number;
  addRowPlan(kind: number, program: number): number;
  csvLines(from: number, to: number, maxLine: number, origin: number, madeBase: number): number;
  made(): number;
  modelsRoom(bytes: number): void;
  keepClean(at: number, length: number): void;
}

/**
 * What is used of the WebAssembly API, which this project's type libraries (ES2023 and Node's, no
 * DOM) do not declare; Node and Electron's main process both have it.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let compiled: object | undefined;
function module(): object {
  compiled ??= new wasm.Module(Buffer.from(LINE_SCAN_WASM, 'base64'));
  return compiled;
}

/** One key of a program: its literal, and its value's ops (or the literal text it must be). */
interface Step {
  literal: string;
  value: number[] | string;
}

/** tallyKinds' flags: a kind whose rows with no outcome count as unmatched; its HRESULT field. */
export const TALLY_COMPLETION = 1;
export const TALLY_HRESULT = 2;
export const TALLY_STATUS = 4;
/** The outcome number a tally counts those rows under (wasm/tally.ts UNMATCHED). */
export const TALLY_UNMATCHED = 31;

/** Readers released, for the next to take (see LineScan.acquire). */
const IDLE: LineScan[] = [];
const MAX_IDLE = 2;

/** What readLine found: the kind's index, or that the line is the expressions' to decide. */
export const NOT_TAKEN = -1;

export class LineScan {
  private readonly exports: Exports;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** The whole memory as f64s and i32s: the getters read the values at the cursor below. */
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  /** Where the getters read: OUT after `read`, a row of ROWS_AT after `readLines` and `row`. */
  private f = OUT / 8;
  private i = (OUT + 24) / 4;
  /** After `readLines`: where the first line it did not take starts, or its `to`. */
  stopped = 0;
  private free = PROGRAMS_AT;
  /** Word lists written, by identity. */
  private readonly lists = new Map<readonly string[], number>();
  /** The buffers whose bytes the two areas hold. */
  private readonly held: (Buffer | undefined)[] = [undefined, undefined];
  private next = 0;
  private readonly interned: string[][] = [[], [], []];

  /** Where programs start: after the head's and the word lists, which every reader shares. */
  private readonly start: number;
  private readonly head: number;
  private readonly kindsList: number;

  /**
   * A reader for lines of these kinds (their names, in the order their indexes refer to): one
   * released before, cleared of what it learned, or a new one. Each holds 5 MiB (past 2.75 MiB,
   * a CSV export's areas, which an index's reader never touches, so never resident), and V8
   * reserves far more address space for each WebAssembly memory than it uses; a search that
   * builds the indexes of hundreds of files takes a few, not one per file.
   */
  static acquire(kinds: readonly KindShape[]): LineScan {
    const names = kinds.map((k) => k.kind).join(',');
    const idle = IDLE.pop();
    if (idle && idle.names === names) {
      idle.clear();
      return idle;
    }
    return new LineScan(kinds);
  }

  /** Gives the reader back for another to use; it must not be read with after this. */
  release(): void {
    if (IDLE.length < MAX_IDLE) IDLE.push(this);
  }

  private readonly names: string;

  constructor(kinds: readonly KindShape[]) {
    const instance = new wasm.Instance(module(), {
      env: { abort: () => undefined },
    });
    this.exports = instance.exports as Exports;
    this.bytes = new Uint8Array(this.exports.memory.buffer);
    this.view = new DataView(this.exports.memory.buffer);
    this.f64 = new Float64Array(this.exports.memory.buffer);
    this.i32 = new Int32Array(this.exports.memory.buffer);
    this.names = kinds.map((k) => k.kind).join(',');
    this.kindsList = this.list(kinds.map((k) => k.kind));
    // Every word list a program may name, written once, before the programs that are cleared.
    for (const kind of kinds)
      for (const key of kind.allowed) {
        const scan = fieldShape(key)?.scan;
        if (scan?.op === 'words') this.list(scan.words);
      }
    const head: Step[] = LINE_HEAD.map((key, i) => ({
      literal: `${i === 0 ? '{' : ','}"${key}":`,
      value: key === 'kind' ? [OP.kind] : this.valueOps(key, false),
    }));
    this.head = this.program(head, '');
    this.start = this.free;
    this.exports.setup(this.head, this.kindsList);
  }

  /** Forgets the key orders and values learned: as new. */
  private clear(): void {
    this.free = this.start;
    this.held[0] = undefined;
    this.held[1] = undefined;
    for (const values of this.interned) values.length = 0;
    this.exports.setup(this.head, this.kindsList);
  }

  /** Adds the program of one key order of kind `kind` (its index); false when it has no room. */
  addPlan(kind: number, shape: KindShape, keys: readonly string[]): boolean {
    const steps = keys.slice(LINE_HEAD.length).map((key) => ({
      literal: `,"${key}":`,
      value: this.valueOps(key, shape.nullable.has(key)),
    }));
    const program = this.program(steps, '}');
    return program >= 0 && this.exports.addPlan(kind, program) === 1;
  }

  /**
   * Reads `buf[from, to)`: the kind's index when a program took the line whole (its values then
   * read by the getters below), else NOT_TAKEN.
   */
  read(buf: Buffer, from: number, to: number): number {
    const base = this.place(buf, from, to);
    if (base === undefined) return NOT_TAKEN;
    const kind = this.exports.readLine(base + from, base + to);
    // The reader wrote an LF at the line's end: where the buffer had another byte there, the
    // area no longer holds its bytes.
    if (to < buf.length && buf[to] !== 10) this.forget(buf);
    this.f = OUT / 8;
    this.i = (OUT + 24) / 4;
    return kind >= 0 ? kind : NOT_TAKEN;
  }

  /**
   * Reads the whole lines of `buf[from, to)` (each ended by its LF) while the programs take each,
   * in one call: how many it took, from `from` on (see `row`); `stopped` is where the first it
   * did not take starts, for the expressions to read, or `to`. At most `maxRows` (and MAX_ROWS)
   * at a time.
   */
  readLines(buf: Buffer, from: number, to: number, maxRows = MAX_ROWS): number {
    const base = this.place(buf, from, to);
    if (base === undefined) {
      this.stopped = from;
      return 0;
    }
    const rows = this.exports.readLines(base + from, base + to, maxRows);
    this.stopped = this.exports.stop() - base;
    this.rowBase = base;
    return rows;
  }

  /** Each kind's tally flags (TALLY_COMPLETION, TALLY_HRESULT, TALLY_STATUS), by kind index. */
  tallyKinds(flags: readonly number[]): void {
    for (const [kind, f] of flags.entries()) this.exports.setTallyKind(kind, f);
  }

  /** A new bucket for `tally`: each service's name counts as changed when next met. */
  tallyBucket(): void {
    this.exports.tallyBucket();
  }

  /** What `tally` returns, filled again by each call (its arrays reused). */
  private readonly tallied = {
    firstSeq: 0,
    lastSeq: 0,
    time: [0, 0] as [number, number],
    mono: [0, 0] as [number, number],
    ref: null as [number, number] | null,
    requestId: null as [number, number] | null,
    kinds: [] as number[],
    outcomes: [] as number[],
    services: [] as number[],
    hresults: [] as number[],
    renames: [] as number[],
  } satisfies TalliedRows;

  /** What rows [n0, n1) of the last readLines add up to, in an object the next call fills again. */
  tally(n0: number, n1: number): TalliedRows {
    this.exports.tally(n0, n1);
    const t = this.tallied;
    const f = this.f64;
    const i = this.i32;
    const r = TALLY_RANGES / 8;
    t.time = [f[r] ?? 0, f[r + 1] ?? 0];
    t.mono = [f[r + 2] ?? 0, f[r + 3] ?? 0];
    const minRef = f[r + 4] ?? Infinity;
    t.ref = minRef === Infinity ? null : [minRef, f[r + 5] ?? minRef];
    const minId = i[TALLY_REQUEST_IDS / 4] ?? -1;
    t.requestId = minId < 0 ? null : [minId, i[TALLY_REQUEST_IDS / 4 + 1] ?? minId];
    t.firstSeq = i[TALLY_SEQS / 4] ?? 0;
    t.lastSeq = i[TALLY_SEQS / 4 + 1] ?? 0;
    const tables = [t.kinds, t.outcomes, t.services, t.hresults];
    for (const [table, pairs] of tables.entries()) {
      pairs.length = 0;
      const met = i[TALLY_MET_COUNTS / 4 + table] ?? 0;
      for (let k = 0; k < met; k++) {
        const no = i[(TALLY_MET + table * TALLY_TABLE_BYTES) / 4 + k] ?? 0;
        pairs.push(no, i[(TALLY_COUNTS + table * TALLY_TABLE_BYTES) / 4 + no] ?? 0);
      }
    }
    t.renames.length = 0;
    const renames = i[TALLY_MET_COUNTS / 4 + 4] ?? 0;
    for (let k = 0; k < 2 * renames; k++) t.renames.push(i[TALLY_RENAMES / 4 + k] ?? 0);
    return t;
  }

  /** The service ID, name or HRESULT the reader numbered `no` (a tally's numbers). */
  serviceIdOf(no: number): string | null {
    return this.value(INTERNED.serviceId, no);
  }
  serviceNameOf(no: number): string | null {
    return this.value(INTERNED.serviceName, no);
  }
  hresultOf(no: number): string | null {
    return this.value(INTERNED.hresult, no);
  }

  /**
   * Makes this reader an export's check (line-check.ts), not the index's: it keeps no values, and
   * when `redacting`, takes free text only where the redactor would change none of it. Not for
   * `acquire`'s pool: `release` no reader made this.
   */
  check(redacting: boolean): void {
    this.exports.check(redacting ? 1 : 0);
  }

  /**
   * An export's check of the whole lines of `buf[from, to)` (each ended by its LF): how many, from
   * `from` on, the programs take in a row, none longer than `maxLine`; `stopped` is where the
   * first it did not take starts, or `to`; `marked` how many of them have a preview to look at
   * (see `mark`), when redacting.
   */
  passLines(buf: Buffer, from: number, to: number, maxLine: number): number {
    const base = this.place(buf, from, to);
    if (base === undefined) {
      this.stopped = from;
      this.marked = 0;
      return 0;
    }
    const lines = this.exports.passLines(base + from, base + to, maxLine);
    this.stopped = this.exports.stop() - base;
    this.marked = this.exports.marks();
    this.rowBase = base;
    return lines;
  }

  /** After passLines: how many lines it marked. */
  marked = 0;

  /**
   * Writes the row program (export/csv-row-program.ts) of lines of kind `kind` (its index), its
   * texts placed by `place` before; false when there is no room for it.
   */
  addRowPlan(kind: number, program: { ops: readonly number[]; jumps: readonly number[] }): boolean {
    this.free = (this.free + 3) & ~3;
    const at = this.free;
    if (at + program.ops.length * 4 > PROGRAMS_END) return false;
    const jumps = new Set(program.jumps);
    for (const [i, op] of program.ops.entries())
      this.view.setInt32(at + i * 4, jumps.has(i) ? at + op * 4 : op, true);
    this.free += program.ops.length * 4;
    return this.exports.addRowPlan(kind, at) === 1;
  }

  /** Places bytes in the programs' area (a row program's texts): where, or −1 with no room. */
  readonly placeBytes = (bytes: Uint8Array): number => this.write(bytes);

  /**
   * Sets the device models the rows name (interface ID, model's cell, both UTF-8); false when
   * they do not fit the table, and no row may be made here.
   */
  setModels(models: readonly (readonly [Uint8Array, Uint8Array])[]): boolean {
    if (models.length > MAX_MODELS) return false;
    let bytesAt = MODELS_AT + 4 + MAX_MODELS * 16;
    for (const [i, [id, cell]] of models.entries()) {
      // 16 bytes of slack after each: an ID is compared sixteen bytes at a time.
      if (bytesAt + id.length + cell.length + 32 > MODELS_END) return false;
      const entry = MODELS_AT + 4 + i * 16;
      this.bytes.set(id, bytesAt);
      this.view.setInt32(entry, bytesAt, true);
      this.view.setInt32(entry + 4, id.length, true);
      bytesAt += id.length + 16;
      this.bytes.set(cell, bytesAt);
      this.view.setInt32(entry + 8, bytesAt, true);
      this.view.setInt32(entry + 12, cell.length, true);
      bytesAt += cell.length;
    }
    this.view.setInt32(MODELS_AT, models.length, true);
    // A row's room counts the longest model cell: a short line may name a device whose is long.
    this.exports.modelsRoom(Math.max(0, ...models.map(([, cell]) => cell.length)));
    return true;
  }

  /**
   * passLines for a CSV export (`rows`), each line taken given its row: how many, from `from` on;
   * `stopped` as passLines says it; `entries` their entries (seven numbers each, as a checked
   * block's lines hold them, offsets from `origin`, rows' ends from `madeBase`) and `made` the rows,
   * both in the module's memory until the next call; `marked` how many have a preview to look at
   * (`markedLine` says which).
   */
  csvLines(
    buf: Buffer,
    from: number,
    to: number,
    maxLine: number,
    origin: number,
    madeBase: number,
  ): number {
    const base = this.place(buf, from, to);
    this.entries = this.i32.subarray(0, 0);
    this.made = this.bytes.subarray(0, 0);
    if (base === undefined) {
      this.stopped = from;
      this.marked = 0;
      return 0;
    }
    this.origin = base + origin;
    const lines = this.exports.csvLines(base + from, base + to, maxLine, this.origin, madeBase);
    this.stopped = this.exports.stop() - base;
    this.marked = this.exports.marks();
    this.entries = this.i32.subarray(ENTRIES_AT / 4, ENTRIES_AT / 4 + lines * ENTRY_FIELDS);
    this.made = this.bytes.subarray(CSV_OUT_AT, this.exports.made());
    return lines;
  }

  /** After csvLines: its lines' entries, and their rows. */
  entries: Int32Array = new Int32Array(0);
  made: Uint8Array = new Uint8Array(0);

  /** After csvLines: the ordinal of the `n`th line it marked (its entry holds the preview). */
  markedLine(n: number): number {
    return this.i32[ROWS_AT / 4 + n] ?? 0;
  }

  /** Where the last csvLines' `from` stands in the module's memory. */
  private origin = 0;

  /**
   * The preview at [from, to) of the last csvLines' entries decodes to no identifier: lines with
   * it are not marked again.
   */
  keepCleanEntry(from: number, to: number): void {
    this.exports.keepClean(this.origin + from, to - from);
  }

  /**
   * The `n`th mark of the last passLines, offsets in its buffer, in an array filled again by the
   * next call: the line's ordinal among those taken, its start and end (its LF), and its
   * preview's hex start and end.
   */
  mark(n: number): Int32Array {
    const i = (ROWS_AT + n * MARK_BYTES) / 4;
    const base = this.rowBase;
    const fields = this.markFields;
    fields[0] = this.i32[i] ?? 0;
    for (let k = 1; k < 5; k++) fields[k] = (this.i32[i + k] ?? 0) - base;
    return fields;
  }

  private readonly markFields = new Int32Array(5);

  /** The `n`th mark's preview decodes to no identifier: lines with it are not marked again. */
  keepClean(n: number): void {
    const i = (ROWS_AT + n * MARK_BYTES) / 4;
    const from = this.i32[i + 3] ?? 0;
    this.exports.keepClean(from, (this.i32[i + 4] ?? 0) - from);
  }

  /** Points the getters at the `n`th line the last readLines took. */
  row(n: number): void {
    this.f = (ROWS_AT + n * ROW_BYTES) / 8;
    this.i = (ROWS_AT + n * ROW_BYTES + 36) / 4;
  }
  /** Where the buffer of the last readLines starts in the module's memory. */
  private rowBase = 0;

  /** The line's start, end (its LF) and kind's index, of the row the getters read. */
  get lineStart(): number {
    return (this.i32[this.i - 3] ?? 0) - this.rowBase;
  }
  get lineEnd(): number {
    return (this.i32[this.i - 2] ?? 0) - this.rowBase;
  }
  get kind(): number {
    return this.i32[this.i - 1] ?? -1;
  }

  /**
   * Where `buf[from, to)` stands in the module's memory, as the offset of the buffer's first byte
   * (copied into an area unless one holds it already); undefined when the lines are too long.
   */
  private place(buf: Buffer, from: number, to: number): number | undefined {
    const area = this.held[0] === buf ? 0 : this.held[1] === buf ? 1 : -1;
    if (area >= 0) return AREA_AT + area * AREA_BYTES;
    const next = this.next;
    this.next ^= 1;
    const at = AREA_AT + next * AREA_BYTES;
    // Strictly less: the reader marks a line's end one byte past it, inside the same area.
    if (buf.length < AREA_BYTES) {
      this.bytes.set(buf, at);
      this.held[next] = buf;
      return at;
    }
    if (to - from >= AREA_BYTES) return undefined;
    // Only the lines: the area no longer holds a buffer's bytes from its start.
    this.held[next] = undefined;
    this.bytes.set(buf.subarray(from, to), at);
    return at - from;
  }

  private forget(buf: Buffer): void {
    if (this.held[0] === buf) this.held[0] = undefined;
    if (this.held[1] === buf) this.held[1] = undefined;
  }

  get seq(): number {
    return this.i32[this.i] ?? 0;
  }
  get timeMs(): number {
    return this.f64[this.f] ?? 0;
  }
  get mono(): number {
    return this.f64[this.f + 1] ?? 0;
  }
  /** The ref's number, or null (none, null, or not `r` and digits). */
  get ref(): number | null {
    const ref = this.f64[this.f + 2] ?? NaN;
    return Number.isNaN(ref) ? null : ref;
  }
  get requestId(): number | null {
    const id = this.i32[this.i + 6] ?? -1;
    return id < 0 ? null : id;
  }
  /** The outcome's index in REQUEST_OUTCOMES, or −1 (none, or null). */
  get outcome(): number {
    return this.i32[this.i + 3] ?? -1;
  }
  /** The reader's numbers for the row's service ID, name, HRESULT and status; -1 for none. */
  get serviceIdNo(): number {
    return this.i32[this.i + 1] ?? -1;
  }
  get serviceNameNo(): number {
    return this.i32[this.i + 2] ?? -1;
  }
  get hresultNo(): number {
    return this.i32[this.i + 4] ?? -1;
  }
  get statusNo(): number {
    return this.i32[this.i + 5] ?? -1;
  }
  get serviceId(): string | null {
    return this.value(INTERNED.serviceId, this.i32[this.i + 1] ?? -1);
  }
  get serviceName(): string | null {
    return this.value(INTERNED.serviceName, this.i32[this.i + 2] ?? -1);
  }
  get hresult(): string | null {
    return this.value(INTERNED.hresult, this.i32[this.i + 4] ?? -1);
  }
  get status(): string | null {
    return this.value(INTERNED.hresult, this.i32[this.i + 5] ?? -1);
  }

  /** An interned value by its number: copied out of the module once, then reused. */
  private value(field: number, id: number): string | null {
    if (id < 0) return null;
    const known = this.interned[field] ?? [];
    const value = known[id];
    if (value !== undefined) return value;
    for (let i = known.length; i <= id; i++) {
      const entry = INTERN_AT + field * INTERN_TABLE_BYTES + 8 + i * 8;
      const at = this.view.getInt32(entry, true);
      const length = this.view.getInt32(entry + 4, true);
      known.push(Buffer.from(this.bytes.subarray(at, at + length)).toString('latin1'));
    }
    return known[id] ?? null;
  }

  /** A value's ops, or the literal text it must be. */
  private valueOps(key: string, nullable: boolean): number[] | string {
    const field = fieldShape(key);
    if (!field) throw new Error(`no shape for ${key}`);
    const scan: FieldScan = field.scan;
    const word = (op: number) =>
      op |
      (nullable ? NULLABLE << 8 : 0) |
      ((SLOTS[key] ?? 0) << 16) |
      (lineFieldNumber(key) << 24);
    if (scan.op === 'literal') return scan.text;
    if (scan.op === 'words') return [word(OP.words), this.list(scan.words)];
    return [word(OP[scan.op])];
  }

  /**
   * Writes a program: each step's key as literal bytes, its value's ops, then `last` and the end.
   * Literals that follow one another (a key, a value that is a literal, the next key) are one.
   * Returns its offset, or −1 when the program area is full.
   */
  private program(steps: readonly Step[], last: string): number {
    const ops: number[] = [];
    let literal = '';
    /** Literals that found no room. */
    const unwritten: string[] = [];
    const flush = () => {
      if (literal === '') return;
      const at = this.write(Buffer.from(literal, 'latin1'));
      if (at < 0) unwritten.push(literal);
      ops.push(OP.literal, at, literal.length);
      literal = '';
    };
    for (const step of steps) {
      literal += step.literal;
      if (typeof step.value === 'string') literal += step.value;
      else {
        flush();
        ops.push(...step.value);
      }
    }
    literal += last;
    flush();
    ops.push(OP.end);
    this.free = (this.free + 3) & ~3;
    // A full area: the program is not added, and its lines go to the expressions.
    if (unwritten.length > 0 || this.free + ops.length * 4 > PROGRAMS_END) return -1;
    const at = this.free;
    for (const [i, op] of ops.entries()) this.view.setInt32(at + i * 4, op, true);
    this.free += ops.length * 4;
    return at;
  }

  private list(words: readonly string[]): number {
    const known = this.lists.get(words);
    if (known !== undefined) return known;
    const index = this.lists.size;
    const parts = [int32(words.length)];
    for (const word of words) parts.push(int32(word.length), Buffer.from(word, 'latin1'));
    const at = this.write(Buffer.concat(parts));
    if (at < 0) throw new Error('line scan: no room for the word lists');
    this.view.setInt32(WORDS_AT + index * 4, at, true);
    this.lists.set(words, index);
    return index;
  }

  private write(bytes: Uint8Array): number {
    if (this.free + bytes.length > PROGRAMS_END) return -1;
    const at = this.free;
    this.bytes.set(bytes, at);
    this.free += bytes.length;
    return at;
  }
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}
