/**
 * The index's line reader in WebAssembly (AssemblyScript, built by scripts/build-wasm.mjs into
 * electron/core/line-scan-wasm.ts). It proves a journal line of a key order the JavaScript reader
 * (electron/core/journal-index-line.ts) has learned, and reads the values an index keeps, in one
 * pass over the line's bytes. Regular expressions cost V8 about 0.2 µs to enter and 0.1 µs for
 * their captures per line, a third of an index's build; this reads a line in a fraction of that.
 *
 * It knows no shape of its own: the JavaScript side writes each key order here as a program
 * (electron/core/line-scan.ts), built from the same tables as its expressions, and a line this does not
 * take is left to those expressions. So a line is taken here exactly when the expression would
 * take it (the tests compare both on generated and hostile lines).
 *
 * This file: the programs, and the lines read by them. Beside it: the memory's layout
 * (layout.ts), the readers of one value (values.ts), the calendar (calendar.ts) and the tables
 * of services and HRESULTs (intern.ts).
 */
import { keep, keepNull, lastRef, makeRow, newLine, newPlan, roomFor } from './csv-rows';
export { modelsRoom } from './csv-rows';
export { setTallyKind, tally, tallyBucket } from './tally';
import { find, intern } from './intern';
import { safeText } from './safe-text';
import {
  CLASS,
  CSV_OUT_AT,
  DIGIT,
  ENTRIES_AT,
  ENTRY_BYTES,
  HEX,
  INTERN_AT,
  INTERN_FIELDS,
  INTERN_TABLE_BYTES,
  MAX_KINDS,
  MAX_PLANS,
  MARK_BYTES,
  MAX_ROWS,
  OUT_HRESULT,
  OUT_MONO,
  OUT_OUTCOME,
  OUT_REF,
  OUT_REQUEST_ID,
  OUT_SEQ,
  OUT_SERVICE_ID,
  OUT_SERVICE_NAME,
  OUT_STATUS,
  OUT_TIME,
  PLAIN,
  PLANS_AT,
  ROW_BYTES,
  ROW_PLANS_AT,
  ROWS_AT,
} from './layout';
import {
  at,
  bool_,
  count,
  hex8,
  hexPairs,
  isNull,
  literal,
  moveTo,
  num,
  refNumber,
  startLine,
  text,
  time,
  word_,
} from './values';

// Program ops: an i32 each, op | flags << 8 | slot << 16 | field << 24, then its argument(s). The
// field is the value's number for a CSV row (csv-rows.ts keeps it), 0 for none.
const OP_END: i32 = 0;
/** Literal bytes: [offset, length] in the program area. */
const OP_LIT: i32 = 1;
const OP_COUNT: i32 = 2;
const OP_NUM: i32 = 3;
const OP_TIME: i32 = 4;
const OP_TEXT: i32 = 5;
/** A word of list [arg], quoted. */
const OP_WORDS: i32 = 6;
const OP_HEX8: i32 = 7;
const OP_HEXPAIRS: i32 = 8;
const OP_BOOL: i32 = 9;
/** The head's kind: a word of the kinds' list; its index picks the programs that follow. */
const OP_KIND: i32 = 10;
const NULLABLE: i32 = 1;

// Slots: where a value goes (0: nowhere).
const SLOT_SEQ: i32 = 1;
const SLOT_TIME: i32 = 2;
const SLOT_MONO: i32 = 3;
const SLOT_SERVICE_ID: i32 = 4;
const SLOT_SERVICE_NAME: i32 = 5;
const SLOT_OUTCOME: i32 = 6;
const SLOT_HRESULT: i32 = 7;
const SLOT_STATUS: i32 = 8;
const SLOT_REQUEST_ID: i32 = 9;
const SLOT_REF: i32 = 10;

/** The head's program, and the offset reading stopped at (the byte after the kind's quote). */
let headProgram: usize = 0;
let kindsList: i32 = 0;
/**
 * Set by `check`: an export's check (passLines), not the index's read. No value is kept (so no
 * table fills), and with `safe`, every free text must be text the redactor leaves alone.
 */
let checking = false;
let safe = false;
/** The last line's preview (its hex, inside the quotes); equal when it has none. */
let previewAt: usize = 0;
let previewEnd: usize = 0;
/**
 * The type argument of readLineOf and run, which compile twice: Plain reads a line; Kept also
 * keeps each value read for the line's CSV row (csv-rows.ts). Keeping them cost the other readers
 * a tenth of their time when one function did both, asking at each value.
 */
type Plain = u8;
type Kept = u16;

@inline
function keeps<R>(): bool {
  return sizeof<R>() == 2;
}

export function setup(head: usize, kinds: i32): void {
  for (let b: i32 = 0; b < 256; b++) {
    let c: u8 = 0;
    if (b >= 0x20 && b <= 0x7e && b != 0x22 && b != 0x5c) c |= PLAIN;
    if (b >= 0x30 && b <= 0x39) c |= DIGIT | HEX;
    if ((b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)) c |= HEX;
    store<u8>(CLASS + b, c);
  }
  headProgram = head;
  kindsList = kinds;
  checking = false;
  safe = false;
  for (let k: usize = 0; k < MAX_KINDS; k++) store<i32>(ROW_PLANS_AT + k * 4, 0);
  for (let k: usize = 0; k < MAX_KINDS; k++) store<i32>(PLANS_AT + k * (MAX_PLANS + 1) * 4, 0);
  for (let f: usize = 0; f < INTERN_FIELDS; f++) {
    store<i32>(INTERN_AT + f * INTERN_TABLE_BYTES, 0);
    store<i32>(INTERN_AT + f * INTERN_TABLE_BYTES + 4, 0);
  }
}

/** Adds a program for lines of kind `kind`; false when the kind has its fill already. */
export function addPlan(kind: i32, program: usize): bool {
  if (<usize>kind >= MAX_KINDS) return false;
  const base = PLANS_AT + <usize>kind * (MAX_PLANS + 1) * 4;
  const count = load<i32>(base);
  if (<usize>count >= MAX_PLANS) return false;
  store<i32>(base + 4 + <usize>count * 4, <i32>program);
  store<i32>(base, count + 1);
  return true;
}

/** Makes this an export's check (see `checking`); `setup` makes it the index's reader again. */
export function check(redacting: bool): void {
  checking = true;
  safe = redacting;
}

/** Sets the row program (csv-rows.ts) of lines of kind `kind`; false when there is no such kind. */
export function addRowPlan(kind: i32, program: usize): bool {
  if (<usize>kind >= MAX_KINDS) return false;
  store<i32>(ROW_PLANS_AT + <usize>kind * 4, <i32>program);
  return true;
}

/**
 * The intern table an export's check keeps previews in that decode to no identifier (the
 * services' table, unused when checking): a line with one of them is not marked. A log repeats a
 * few previews (a protocol's headers) on a fifth of its lines; telling JavaScript of each cost
 * more than the rest of the line's check.
 */
const CLEAN_PREVIEWS: usize = 0;

/** A preview at [at, at + length) decodes to no identifier: its lines need no mark from now on. */
export function keepClean(at: usize, length: usize): void {
  intern(CLEAN_PREVIEWS, at, length);
}

/** Where readLines stopped: the start of the first line it did not take, or its `to`. */
let stoppedAt: usize = 0;

export function stop(): usize {
  return stoppedAt;
}

/** How many lines passLines marked. */
let markCount: i32 = 0;

export function marks(): i32 {
  return markCount;
}

/**
 * The first LF from `p`, sixteen bytes at a time: the caller has put one at the end of what it
 * reads (reading past that stays inside the memory).
 */
@inline
function nextLf(p: usize): usize {
  const lf = i8x16.splat(0x0a);
  let end = p;
  let mask = i8x16.bitmask(i8x16.eq(v128.load(end), lf));
  while (mask == 0) {
    end += 16;
    mask = i8x16.bitmask(i8x16.eq(v128.load(end), lf));
  }
  return end + <usize>ctz<i32>(mask);
}

/**
 * An export's check of the whole lines of [from, to) (each ended by its LF): how many lines, from
 * `from` on, a program takes in a row, each no longer than `maxLine`; `stop()` says where the first
 * it did not take starts, or `to`. When redacting, a line taken with a preview is marked, at
 * ROWS_AT in MARK_BYTES each, as [its ordinal among the lines taken, start, end, the preview's
 * hex start and end]: whether the hex decodes to an identifier is the caller's to tell. At most
 * MAX_ROWS marks at a time: the run stops before a line that would need one more.
 */
export function passLines(from: usize, to: usize, maxLine: usize): i32 {
  const after = load<u8>(to);
  store<u8>(to, 0x0a);
  let p = from;
  let lines: i32 = 0;
  let marked: i32 = 0;
  while (p < to) {
    const end = nextLf(p);
    if (end >= to || end - p > maxLine) break;
    if (readLineOf<Plain>(p, end) < 0) break;
    if (safe && previewEnd > previewAt) {
      if (<usize>marked >= MAX_ROWS) break;
      const mark = ROWS_AT + <usize>marked * MARK_BYTES;
      store<i32>(mark, lines);
      store<i32>(mark + 4, <i32>p);
      store<i32>(mark + 8, <i32>end);
      store<i32>(mark + 12, <i32>previewAt);
      store<i32>(mark + 16, <i32>previewEnd);
      marked++;
    }
    lines++;
    p = end + 1;
  }
  store<u8>(to, after);
  stoppedAt = p < to ? p : to;
  markCount = marked;
  return lines;
}

/** Where csvLines' rows end (they start at CSV_OUT_AT). */
let madeEnd: usize = 0;

export function made(): usize {
  return madeEnd;
}

/**
 * passLines for a CSV export (`rows`): the same check of the whole lines of [from, to), each line
 * taken also given its row, made by its kind's row program at CSV_OUT_AT on (`made()` says
 * where they end). For each line taken, an entry at ENTRIES_AT as a checked block's lines hold
 * them: its start and end less `origin`, passed, its preview less `origin` when marked (else
 * −1, −1), where its row ends (plus `madeBase`) and its ref; the marked lines' ordinals at
 * ROWS_AT. A line whose kind has no row program, whose row is JavaScript's to make, or that would
 * not fit the rows' room ends the run, as a line no program takes does.
 */
export function csvLines(from: usize, to: usize, maxLine: usize, origin: usize, madeBase: i32): i32 {
  const after = load<u8>(to);
  store<u8>(to, 0x0a);
  let p = from;
  let lines: i32 = 0;
  let marked: i32 = 0;
  let o = CSV_OUT_AT;
  while (p < to && <usize>lines < MAX_ROWS) {
    const end = nextLf(p);
    if (end >= to || end - p > maxLine || !roomFor(o, end - p)) break;
    const kind = readLineOf<Kept>(p, end);
    if (kind < 0) break;
    const program = <usize>load<i32>(ROW_PLANS_AT + <usize>kind * 4);
    if (program == 0) break;
    const rowEnd = makeRow(program, o);
    if (rowEnd == 0) break;
    o = rowEnd;
    const entry = ENTRIES_AT + <usize>lines * ENTRY_BYTES;
    store<i32>(entry, <i32>(p - origin));
    store<i32>(entry + 4, <i32>(end - origin));
    store<i32>(entry + 8, 1);
    if (safe && previewEnd > previewAt) {
      store<i32>(entry + 12, <i32>(previewAt - origin));
      store<i32>(entry + 16, <i32>(previewEnd - origin));
      store<i32>(ROWS_AT + <usize>marked * 4, lines);
      marked++;
    } else {
      store<i32>(entry + 12, -1);
      store<i32>(entry + 16, -1);
    }
    store<i32>(entry + 20, madeBase + <i32>(o - CSV_OUT_AT));
    store<i32>(entry + 24, lastRef());
    lines++;
    p = end + 1;
  }
  store<u8>(to, after);
  stoppedAt = p < to ? p : to;
  markCount = marked;
  madeEnd = o;
  return lines;
}

/**
 * Reads the whole lines of [from, to) (each ended by its LF) while a program takes each: a row
 * of ROWS_AT per line, up to `maxRows` (and MAX_ROWS). Returns how many; `stop()` says where the first line not
 * taken starts (the caller's expressions read it, then call again after it), or `to`.
 */
export function readLines(from: usize, to: usize, maxRows: i32): i32 {
  // An LF at `to` for nextLf to stop at, whatever the lines hold; put back after.
  const after = load<u8>(to);
  store<u8>(to, 0x0a);
  let p = from;
  let rows: usize = 0;
  const most: usize = <usize>maxRows < MAX_ROWS ? <usize>maxRows : MAX_ROWS;
  while (p < to && rows < most) {
    const end = nextLf(p);
    if (end >= to) break;
    const kind = readLineOf<Plain>(p, end);
    if (kind < 0) break;
    const row = ROWS_AT + rows * ROW_BYTES;
    store<f64>(row, load<f64>(OUT_TIME));
    store<f64>(row + 8, load<f64>(OUT_MONO));
    store<f64>(row + 16, load<f64>(OUT_REF));
    store<i32>(row + 24, <i32>p);
    store<i32>(row + 28, <i32>end);
    store<i32>(row + 32, kind);
    // seq, service ID, service name, outcome, HRESULT, status, request ID: OUT's i32s in order.
    memory.copy(row + 36, OUT_SEQ, 28);
    rows++;
    p = end + 1;
  }
  store<u8>(to, after);
  stoppedAt = p < to ? p : to;
  return <i32>rows;
}

/**
 * Reads the line at [from, to): the index of its kind when a program takes it whole (its values
 * in OUT), −1 when none does (the caller's expressions decide), −2 when one did but a value could
 * not be kept here (more distinct services than the tables hold).
 */
export function readLine(from: usize, to: usize): i32 {
  return readLineOf<Plain>(from, to);
}

function readLineOf<R>(from: usize, to: usize): i32 {
  startLine(from, to);
  clearOut();
  if (keeps<R>()) newLine();
  const kind = run<R>(headProgram);
  if (kind < 0) return -1;
  const base = PLANS_AT + <usize>kind * (MAX_PLANS + 1) * 4;
  const count = <usize>load<i32>(base);
  const after = at;
  for (let p: usize = 0; p < count; p++) {
    moveTo(after);
    if (keeps<R>()) newPlan();
    const result = run<R>(<usize>load<i32>(base + 4 + p * 4));
    if (result == -2) return -2;
    if (result >= 0 && at == to) return kind;
    clearValues();
  }
  return -1;
}

function clearOut(): void {
  store<f64>(OUT_TIME, 0);
  store<f64>(OUT_MONO, 0);
  store<i32>(OUT_SEQ, 0);
  clearValues();
}

function clearValues(): void {
  store<f64>(OUT_REF, NaN);
  previewAt = 0;
  previewEnd = 0;
  store<i32>(OUT_SERVICE_ID, -1);
  store<i32>(OUT_SERVICE_NAME, -1);
  store<i32>(OUT_OUTCOME, -1);
  store<i32>(OUT_HRESULT, -1);
  store<i32>(OUT_STATUS, -1);
  store<i32>(OUT_REQUEST_ID, -1);
}

/**
 * Runs a program from `at`: ≥ 0 when every op matched (for the head, the kind's index), −1 when
 * one did not, −2 when a value could not be interned.
 */
function run<R>(program: usize): i32 {
  let pc = program;
  let kind: i32 = 0;
  for (;;) {
    const word = load<i32>(pc);
    const op = word & 0xff;
    const slot = (word >> 16) & 0xff;
    const field = <usize>(word >>> 24);
    const valueAt = at;
    let wordIndex: i32 = -1;
    pc += 4;
    if (op == OP_LIT) {
      if (!literal(<usize>load<i32>(pc), <usize>load<i32>(pc + 4))) return -1;
      pc += 8;
      continue;
    }
    if (op == OP_END) return kind;
    if ((word & (NULLABLE << 8)) != 0 && isNull()) {
      if (op == OP_WORDS) pc += 4;
      if (keeps<R>() && field != 0) keepNull(field);
      continue;
    }
    switch (op) {
      case OP_COUNT: {
        const n = count();
        if (n < 0) return -1;
        if (slot == SLOT_SEQ) store<i32>(OUT_SEQ, n);
        else if (slot == SLOT_REQUEST_ID) store<i32>(OUT_REQUEST_ID, n);
        break;
      }
      case OP_NUM: {
        const n = num();
        if (isNaN(n)) return -1;
        if (slot == SLOT_MONO) store<f64>(OUT_MONO, n);
        break;
      }
      case OP_TIME: {
        const ms = time();
        if (isNaN(ms)) return -1;
        store<f64>(OUT_TIME, ms);
        break;
      }
      case OP_TEXT: {
        const start = at + 1;
        if (!text()) return -1;
        if (checking) {
          if (safe && !safeText(start, at - 1)) return -1;
          break;
        }
        if (slot == SLOT_SERVICE_ID || slot == SLOT_SERVICE_NAME) {
          const id = intern(slot == SLOT_SERVICE_ID ? 0 : 1, start, at - 1 - start);
          if (id < 0) return -2;
          store<i32>(slot == SLOT_SERVICE_ID ? OUT_SERVICE_ID : OUT_SERVICE_NAME, id);
        } else if (slot == SLOT_REF) store<f64>(OUT_REF, refNumber(start, at - 1 - start));
        break;
      }
      case OP_WORDS: {
        const index = word_(load<i32>(pc));
        pc += 4;
        if (index < 0) return -1;
        if (slot == SLOT_OUTCOME) store<i32>(OUT_OUTCOME, index);
        wordIndex = index;
        break;
      }
      case OP_KIND: {
        kind = word_(kindsList);
        if (kind < 0) return -1;
        break;
      }
      case OP_HEX8: {
        const start = at + 1;
        if (!hex8()) return -1;
        if (!checking && (slot == SLOT_HRESULT || slot == SLOT_STATUS)) {
          const id = intern(2, start, 10);
          if (id < 0) return -2;
          store<i32>(slot == SLOT_HRESULT ? OUT_HRESULT : OUT_STATUS, id);
        }
        break;
      }
      case OP_HEXPAIRS: {
        // Only a preview is hex pairs: where its hex stands, for passLines' marks.
        const start = at + 1;
        if (!hexPairs()) return -1;
        previewAt = start;
        previewEnd = at - 1;
        if (checking && find(CLEAN_PREVIEWS, start, previewEnd - start) >= 0) previewEnd = start;
        break;
      }
      case OP_BOOL: {
        if (!bool_()) return -1;
        break;
      }
      default:
        return -1;
    }
    if (keeps<R>() && field != 0) keep(field, valueAt, at, wordIndex);
  }
  return -1; // not reached: the loop returns
}
