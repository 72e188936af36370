/**
 * The index's line reader in WebAssembly (AssemblyScript, built by scripts/build-wasm.mjs into
 * electron/core/line-scan-wasm.ts). It proves a journal line of a key order the JavaScript reader
 * (electron/core/journal-index-line.ts) has learned, and reads the values an index keeps, in one
 * pass over the line's bytes. Regular expressions cost V8 about 0.2 µs to enter and 0.1 µs for
 * their captures per line, a third of an index's build; this reads a line in a fraction of that.
 *
 * It knows no shape of its own: the JavaScript side writes each key order here as a program
 * (line-scan-program.ts), built from the same tables as its expressions, and a line this does not
 * take is left to those expressions. So a line is taken here exactly when the expression would
 * take it (the tests compare both on generated and hostile lines).
 *
 * Memory: fixed areas at fixed offsets (below), no allocator.
 */

// ---- Layout (bytes); the JavaScript side (line-scan.ts) uses the same numbers. ----
/** One byte per byte value: its classes (PLAIN, DIGIT, HEX bits). */
const CLASS: usize = 0;
/** The values read from the last line taken (see OUT_* below). */
const OUT: usize = 512;
/** The word lists programs name: WORDS_AT + 4 * list → offset of [count, (length, bytes…)…]. */
const WORDS_AT: usize = 1024;
/** Per kind (index in the kinds list): up to MAX_PLANS program offsets, then how many. */
const PLANS_AT: usize = 2048;
const MAX_KINDS: usize = 32;
const MAX_PLANS: usize = 8;
/** Intern tables: per field, [count, last, (offset, length)×MAX_VALUES], then their bytes. */
const INTERN_AT: usize = 8192;
const INTERN_FIELDS: usize = 3;
const MAX_VALUES: usize = 32;
const MAX_VALUE_BYTES: usize = 128;
const INTERN_TABLE_BYTES: usize = 8 + MAX_VALUES * 8;
const INTERN_ARENA_AT: usize = INTERN_AT + INTERN_FIELDS * INTERN_TABLE_BYTES;
const INTERN_ARENA_BYTES: usize = MAX_VALUES * MAX_VALUE_BYTES;
/**
 * What readLines found, a row per line taken: f64 time, mono, ref; then i32 the line's start and
 * end (its LF), kind, seq, service ID, service name, outcome, HRESULT, status, request ID.
 */
const ROWS_AT: usize = 2560 * 1024;
const ROW_BYTES: usize = 64;
const MAX_ROWS: usize = 4096;

// Classes.
const PLAIN: u8 = 1;
const DIGIT: u8 = 2;
const HEX: u8 = 4;

// Program ops: an i32 each, op | flags << 8 | slot << 16, then its argument(s).
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

// OUT: f64 time, mono, ref at 0, 8, 16; i32 at 24…: seq, service id, service name, outcome,
// hresult, status, request ID (−1: none or null; −2 for ref's "not a number" is in ref as NaN).
const OUT_TIME: usize = OUT;
const OUT_MONO: usize = OUT + 8;
const OUT_REF: usize = OUT + 16;
const OUT_SEQ: usize = OUT + 24;
const OUT_SERVICE_ID: usize = OUT + 28;
const OUT_SERVICE_NAME: usize = OUT + 32;
const OUT_OUTCOME: usize = OUT + 36;
const OUT_HRESULT: usize = OUT + 40;
const OUT_STATUS: usize = OUT + 44;
const OUT_REQUEST_ID: usize = OUT + 48;

/** The head's program, and the offset reading stopped at (the byte after the kind's quote). */
let headProgram: usize = 0;
let kindsList: i32 = 0;
/** Where the value being read ends: set by each reader. */
let at: usize = 0;
let lineEnd: usize = 0;

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

/** Where readLines stopped: the start of the first line it did not take, or its `to`. */
let stoppedAt: usize = 0;

export function stop(): usize {
  return stoppedAt;
}

/**
 * Reads the whole lines of [from, to) (each ended by its LF) while a program takes each: a row
 * of ROWS_AT per line, up to MAX_ROWS. Returns how many; `stop()` says where the first line not
 * taken starts (the caller's expressions read it, then call again after it), or `to`.
 */
export function readLines(from: usize, to: usize): i32 {
  const lf = i8x16.splat(0x0a);
  // An LF at `to` for the search below to stop at, whatever the lines hold; put back after.
  const after = load<u8>(to);
  store<u8>(to, 0x0a);
  let p = from;
  let rows: usize = 0;
  while (p < to && rows < MAX_ROWS) {
    // The line's LF, sixteen bytes at a time (reading past `to` stays inside the memory).
    let end = p;
    for (;;) {
      const mask = i8x16.bitmask(i8x16.eq(v128.load(end), lf));
      if (mask != 0) {
        end += <usize>ctz<i32>(mask);
        break;
      }
      end += 16;
    }
    if (end >= to) break;
    const kind = readLine(p, end);
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
  lineEnd = to;
  // The line's own LF (or one written where it would be): no reader takes it, so none needs to
  // check the end before each byte, and none runs into the next line.
  store<u8>(to, 0x0a);
  at = from;
  clearOut();
  const kind = run(headProgram);
  if (kind < 0) return -1;
  const base = PLANS_AT + <usize>kind * (MAX_PLANS + 1) * 4;
  const count = <usize>load<i32>(base);
  const after = at;
  for (let p: usize = 0; p < count; p++) {
    at = after;
    const result = run(<usize>load<i32>(base + 4 + p * 4));
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
function run(program: usize): i32 {
  let pc = program;
  let kind: i32 = 0;
  for (;;) {
    const word = load<i32>(pc);
    const op = word & 0xff;
    const slot = word >> 16;
    pc += 4;
    if (op == OP_LIT) {
      if (!literal(<usize>load<i32>(pc), <usize>load<i32>(pc + 4))) return -1;
      pc += 8;
      continue;
    }
    if (op == OP_END) return kind;
    if ((word & (NULLABLE << 8)) != 0 && isNull()) {
      if (op == OP_WORDS) pc += 4;
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
        if (slot == SLOT_HRESULT || slot == SLOT_STATUS) {
          const id = intern(2, start, 10);
          if (id < 0) return -2;
          store<i32>(slot == SLOT_HRESULT ? OUT_HRESULT : OUT_STATUS, id);
        }
        break;
      }
      case OP_HEXPAIRS: {
        if (!hexPairs()) return -1;
        break;
      }
      case OP_BOOL: {
        if (!bool_()) return -1;
        break;
      }
      default:
        return -1;
    }
  }
  return -1; // not reached: the loop returns
}

/** The byte at `p`: up to the LF at the line's end, past which no reader goes. */
@inline
function byteAt(p: usize): i32 {
  return <i32>load<u8>(p);
}

@inline
function classOf(b: i32): u8 {
  return load<u8>(CLASS + <usize>b);
}

/** No literal holds an LF, so one never matches past the line's end. */
@inline
function literal(offset: usize, length: usize): bool {
  if (!same(at, offset, length)) return false;
  at += length;
  return true;
}

function isNull(): bool {
  if (at + 4 > lineEnd || load<u32>(at) != 0x6c6c756e) return false; // "null", little-endian
  at += 4;
  return true;
}

/** `0|[1-9]\d{0,8}`: the value, or −1. */
function count(): i32 {
  let b = byteAt(at);
  if (b == 0x30) {
    at++;
    return 0;
  }
  if (b < 0x31 || b > 0x39) return -1;
  let n: i32 = 0;
  let digits = 0;
  while ((classOf(b) & DIGIT) != 0) {
    if (++digits > 9) return -1;
    n = n * 10 + (b - 0x30);
    b = byteAt(++at);
  }
  return n;
}

/**
 * `(?:0|-?[1-9]\d{0,8})(?:\.\d{0,5}[1-9])?|-?[1-9]\d{9,11}`: the value as the JavaScript reader
 * computes it (all digits as one integer over the fraction's power of ten), or NaN.
 */
function num(): f64 {
  let negative = false;
  if (byteAt(at) == 0x2d) {
    negative = true;
    at++;
  }
  const first = byteAt(at);
  if ((classOf(first) & DIGIT) == 0) return NaN;
  let n: f64 = 0;
  let digits = 0;
  for (let b = first; (classOf(b) & DIGIT) != 0; b = byteAt(++at)) {
    n = n * 10 + <f64>(b - 0x30);
    digits++;
  }
  if (first == 0x30 && (digits > 1 || negative)) return NaN;
  if (digits > 12) return NaN;
  let scale: f64 = 1;
  if (byteAt(at) == 0x2e) {
    if (digits > 9) return NaN;
    at++;
    let fraction = 0;
    let last = 0;
    for (let b = byteAt(at); (classOf(b) & DIGIT) != 0; b = byteAt(++at)) {
      n = n * 10 + <f64>(b - 0x30);
      scale *= 10;
      fraction++;
      last = b;
    }
    if (fraction == 0 || fraction > 6 || last == 0x30) return NaN;
  }
  return negative ? -(n / scale) : n / scale;
}

@inline
function digitAt(p: usize): i32 {
  const b = byteAt(p);
  return (classOf(b) & DIGIT) != 0 ? b - 0x30 : -100;
}

/**
 * `"YYYY-MM-DDThh:mm:ss.mmmZ"` in the ranges the expression allows: epoch ms as Date.parse reads
 * it (a day past its month's end runs on; a year under 100 is that year), or NaN.
 */
function time(): f64 {
  const s = at;
  if (s + 26 > lineEnd || load<u8>(s) != 0x22 || load<u8>(s + 25) != 0x22) return NaN;
  const t = s + 1;
  if (
    load<u8>(t + 4) != 0x2d ||
    load<u8>(t + 7) != 0x2d ||
    load<u8>(t + 10) != 0x54 ||
    load<u8>(t + 13) != 0x3a ||
    load<u8>(t + 16) != 0x3a ||
    load<u8>(t + 19) != 0x2e ||
    load<u8>(t + 23) != 0x5a
  )
    return NaN;
  const y0 = digitAt(t),
    y1 = digitAt(t + 1),
    y2 = digitAt(t + 2),
    y3 = digitAt(t + 3);
  const mo0 = digitAt(t + 5),
    mo1 = digitAt(t + 6);
  const d0 = digitAt(t + 8),
    d1 = digitAt(t + 9);
  const h0 = digitAt(t + 11),
    h1 = digitAt(t + 12);
  const mi0 = digitAt(t + 14),
    mi1 = digitAt(t + 15);
  const s0 = digitAt(t + 17),
    s1 = digitAt(t + 18);
  const ms0 = digitAt(t + 20),
    ms1 = digitAt(t + 21),
    ms2 = digitAt(t + 22);
  if (
    (y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1 | ms0 | ms1 | ms2) < 0
  )
    return NaN;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || mi0 > 5 || s0 > 5) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  at = s + 26;
  const ms =
    <f64>hour * 3_600_000 +
    <f64>(mi0 * 10 + mi1) * 60_000 +
    <f64>(s0 * 10 + s1) * 1000 +
    <f64>(ms0 * 100 + ms1 * 10 + ms2);
  if (year != lastYear || month != lastMonth || day != lastDay) {
    lastDayMs = daysFromCivil(year, month, day) * 86_400_000;
    lastYear = year;
    lastMonth = month;
    lastDay = day;
  }
  return lastDayMs + ms;
}

// The last date read, and its day's start: a log's lines share a day for hours.
let lastYear: i32 = -1;
let lastMonth: i32 = -1;
let lastDay: i32 = -1;
let lastDayMs: f64 = 0;

/** Days from 1970-01-01 (Hinnant's algorithm), as journal-index-line.ts computes them. */
function daysFromCivil(year: i32, month: i32, day: i32): f64 {
  const y = <f64>(month <= 2 ? year - 1 : year);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor(<f64>(153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `"` printable ASCII but `"` and `\` … `"`; leaves `at` after the closing quote. */
function text(): bool {
  if (byteAt(at) != 0x22) return false;
  let p = at + 1;
  // Sixteen bytes at a time while a whole block lies inside the line: any byte that is not
  // PLAIN ends the run (the closing quote, or a byte the expression refuses).
  const quote = i8x16.splat(0x22);
  const slash = i8x16.splat(0x5c);
  const low = i8x16.splat(0x20);
  const high = i8x16.splat(0x7e);
  for (;;) {
    // Past the line's end only as far as its LF, which stops the run.
    const v = v128.load(p);
    const stop = v128.or(
      v128.or(i8x16.eq(v, quote), i8x16.eq(v, slash)),
      v128.or(i8x16.lt_u(v, low), i8x16.gt_u(v, high)),
    );
    const mask = i8x16.bitmask(stop);
    if (mask != 0) {
      p += <usize>ctz<i32>(mask);
      break;
    }
    p += 16;
  }
  let b = byteAt(p);
  while ((classOf(b) & PLAIN) != 0) b = byteAt(++p);
  if (b != 0x22) return false;
  at = p + 1;
  return true;
}

/** `"0x` and 8 hex digits `"`. */
function hex8(): bool {
  const s = at;
  if (s + 12 > lineEnd) return false;
  if (load<u8>(s) != 0x22 || load<u8>(s + 1) != 0x30 || load<u8>(s + 2) != 0x78) return false;
  for (let i: usize = 3; i < 11; i++) if ((load<u8>(CLASS + load<u8>(s + i)) & HEX) == 0) return false;
  if (load<u8>(s + 11) != 0x22) return false;
  at = s + 12;
  return true;
}

/** `"` (hex hex)* `"`. */
function hexPairs(): bool {
  if (byteAt(at) != 0x22) return false;
  let p = at + 1;
  let b = byteAt(p);
  while ((classOf(b) & HEX) != 0) b = byteAt(++p);
  if (b != 0x22 || ((p - at - 1) & 1) != 0) return false;
  at = p + 1;
  return true;
}

function bool_(): bool {
  if (at + 4 <= lineEnd && load<u32>(at) == 0x65757274) {
    at += 4; // "true"
    return true;
  }
  if (at + 5 <= lineEnd && load<u32>(at) == 0x736c6166 && load<u8>(at + 4) == 0x65) {
    at += 5; // "false"
    return true;
  }
  return false;
}

/** A quoted word of `list`: its index there, or −1. */
function word_(list: i32): i32 {
  if (load<u8>(at) != 0x22) return -1;
  const start = at + 1;
  let entry = <usize>load<i32>(WORDS_AT + <usize>list * 4);
  const words = load<i32>(entry);
  entry += 4;
  // Each word against the bytes where it would stand, then its closing quote (no word holds an
  // LF or a quote, so none matches past the line's end or short of the value's).
  for (let w: i32 = 0; w < words; w++) {
    const wordLength = <usize>load<i32>(entry);
    if (load<u8>(start + wordLength) == 0x22 && same(entry + 4, start, wordLength)) {
      at = start + wordLength + 1;
      return w;
    }
    entry += 4 + wordLength;
  }
  return -1;
}

function same(a: usize, b: usize, length: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= length; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < length; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** A ref's number as refNumber reads it (`r` and 1–15 digits), or NaN. */
function refNumber(start: usize, length: usize): f64 {
  if (length < 2 || length > 16 || load<u8>(start) != 0x72) return NaN;
  let n: f64 = 0;
  for (let i: usize = 1; i < length; i++) {
    const b = <i32>load<u8>(start + i);
    if (b < 0x30 || b > 0x39) return NaN;
    n = n * 10 + <f64>(b - 0x30);
  }
  return n;
}

/**
 * The value's number in its field's table (a log names a handful of services over and over): the
 * last one met first, then the rest; a new one is added. −1 when the table is full or the value
 * too long to keep here.
 */
function intern(field: usize, start: usize, length: usize): i32 {
  const table = INTERN_AT + field * INTERN_TABLE_BYTES;
  const count = load<i32>(table);
  const last = load<i32>(table + 4);
  if (last < count && matches(table, last, start, length)) return last;
  for (let i: i32 = 0; i < count; i++) {
    if (i != last && matches(table, i, start, length)) {
      store<i32>(table + 4, i);
      return i;
    }
  }
  if (<usize>count >= MAX_VALUES || length > MAX_VALUE_BYTES) return -1;
  const place = INTERN_ARENA_AT + field * INTERN_ARENA_BYTES + <usize>count * MAX_VALUE_BYTES;
  memory.copy(place, start, length);
  const entry = table + 8 + <usize>count * 8;
  store<i32>(entry, <i32>place);
  store<i32>(entry + 4, <i32>length);
  store<i32>(table, count + 1);
  store<i32>(table + 4, count);
  return count;
}

@inline
function matches(table: usize, i: i32, start: usize, length: usize): bool {
  const entry = table + 8 + <usize>i * 8;
  return (
    <usize>load<i32>(entry + 4) == length && same(<usize>load<i32>(entry), start, length)
  );
}
