/**
 * A CSV export's rows, made in the pass that checks each line (wasm/line-scan.ts csvLines): the
 * values the line's program read are kept as spans (`keep`), and the kind's row program writes
 * the row from them as bytes. The JavaScript side writes each kind's row program from the steps
 * electron/core/export/csv-row-steps.ts says the row in (line-scan.ts), and makes the rows of any
 * line this leaves (0 from makeRow): a cell a spreadsheet could misread, a number this cannot
 * write exactly as formatDuration would.
 */
import {
  CSV_OUT_END,
  MAX_FIELDS,
  MAX_MODELS,
  MODELS_AT,
  same,
  SPAN_BYTES,
  SPANS_AT,
} from './layout';

// Row program ops: an i32 each, then their arguments (i32s).
const R_END: i32 = 0;
/** [at, length]: bytes of the program area. */
const R_TEXT: i32 = 1;
/** [field, or at, or length]: the value's text, or those bytes when missing or null. */
const R_RAW: i32 = 2;
/** [field]: the value as a cell. */
const R_CELL: i32 = 3;
/** What R_QUOTED_END ends is one cell. */
const R_QUOTED: i32 = 4;
const R_QUOTED_END: i32 = 5;
/** [field, table]: the table's text for the value's word, its last when missing or null. */
const R_WORD: i32 = 6;
/** [field, word, else]: on when the value is that word, else to the program offset `else`. */
const R_IF_WORD: i32 = 7;
/** [field, else]: on when the value is missing or null, else to `else`. */
const R_IF_NONE: i32 = 8;
/** [to]: on at the program offset `to`. */
const R_JUMP: i32 = 9;
const R_DURATION: i32 = 10;
const R_BYTES: i32 = 11;
const R_MODEL: i32 = 12;
const R_REF: i32 = 13;

/** A checked block's lines say a line with no ref so (electron/core/export/ref-key.ts). */
const NO_REF: i32 = -1;
const OTHER_REF: i32 = -2;
/** Excel's most characters in a cell (csv-cell-limit.ts): a longer one is JavaScript's to cut. */
const CELL_LIMIT: usize = 32767;

/** Spans are this line's when stamped with its head's or its last program's stamp. */
let stamp: u32 = 0;
let headStamp: u32 = 0;
let planStamp: u32 = 0;

/** A new line: values kept before are no longer its. */
export function newLine(): void {
  if (stamp > 0xfffffff0) {
    for (let f: usize = 0; f < MAX_FIELDS; f++) store<u32>(SPANS_AT + f * SPAN_BYTES + 12, 0);
    stamp = 0;
  }
  headStamp = ++stamp;
  planStamp = headStamp;
}

/** Another program tried on the same line: the values the last one kept are not the line's. */
export function newPlan(): void {
  planStamp = ++stamp;
}

/** Keeps a value read: [start, end) (a string's inside its quotes), or null (start −2). */
export function keep(field: usize, start: usize, end: usize, word: i32): void {
  const span = SPANS_AT + field * SPAN_BYTES;
  if (load<u8>(start) == 0x22) {
    start++;
    end--;
  }
  store<i32>(span, <i32>start);
  store<i32>(span + 4, <i32>end);
  store<i32>(span + 8, word);
  store<u32>(span + 12, stamp);
}

export function keepNull(field: usize): void {
  const span = SPANS_AT + field * SPAN_BYTES;
  store<i32>(span, -2);
  store<u32>(span + 12, stamp);
}

/**
 * Copies `length` bytes from `from` to `o` sixteen at a time: up to fifteen more are read and
 * written past either end, which the areas leave room for (the rows' room ends a vector short of
 * the memory's end, and nothing after a row is written yet). A row's pieces are short (a comma,
 * a GUID), and memory.copy cost more to set up than to copy them.
 */
@inline
function copy(o: usize, from: usize, length: usize): void {
  for (let i: usize = 0; i < length; i += 16) v128.store(o + i, v128.load(from + i));
}

/** Whether the line has this field with a value (not missing, not null). */
@inline
function present(field: i32): bool {
  const span = SPANS_AT + <usize>field * SPAN_BYTES;
  const s = load<u32>(span + 12);
  return (s == headStamp || s == planStamp) && load<i32>(span) >= 0;
}

@inline
function spanStart(field: i32): usize {
  return <usize>load<i32>(SPANS_AT + <usize>field * SPAN_BYTES);
}

@inline
function spanEnd(field: i32): usize {
  return <usize>load<i32>(SPANS_AT + <usize>field * SPAN_BYTES + 4);
}

/** The ref of the last row made, as a checked block's lines say it. */
let rowRef: i32 = NO_REF;

export function lastRef(): i32 {
  return rowRef;
}

/**
 * Writes the row of the line just read, by the row program at `program`, at `o`: where it ends,
 * or 0 when the line is JavaScript's to make.
 */
export function makeRow(program: usize, o: usize): usize {
  let pc = program;
  let cellAt: usize = 0;
  rowRef = NO_REF;
  for (;;) {
    const op = load<i32>(pc);
    switch (op) {
      case R_END:
        return o;
      case R_TEXT: {
        const length = <usize>load<i32>(pc + 8);
        copy(o, <usize>load<i32>(pc + 4), length);
        o += length;
        pc += 12;
        break;
      }
      case R_RAW: {
        const field = load<i32>(pc + 4);
        if (present(field)) {
          const start = spanStart(field);
          const length = spanEnd(field) - start;
          copy(o, start, length);
          o += length;
        } else {
          const length = <usize>load<i32>(pc + 12);
          copy(o, <usize>load<i32>(pc + 8), length);
          o += length;
        }
        pc += 16;
        break;
      }
      case R_CELL: {
        const field = load<i32>(pc + 4);
        if (present(field)) {
          const start = spanStart(field);
          const length = spanEnd(field) - start;
          copy(o, start, length);
          o = cell(o, o + length);
          if (o == 0) return 0;
        }
        pc += 8;
        break;
      }
      case R_QUOTED:
        cellAt = o;
        pc += 4;
        break;
      case R_QUOTED_END:
        o = cell(cellAt, o);
        if (o == 0) return 0;
        pc += 4;
        break;
      case R_WORD: {
        const field = load<i32>(pc + 4);
        const table = <usize>load<i32>(pc + 8);
        const count = load<i32>(table);
        let index = present(field) ? load<i32>(SPANS_AT + <usize>field * SPAN_BYTES + 8) : -1;
        if (index < 0 || index >= count - 1) index = count - 1;
        const entry = table + 4 + <usize>index * 8;
        const length = <usize>load<i32>(entry + 4);
        copy(o, <usize>load<i32>(entry), length);
        o += length;
        pc += 12;
        break;
      }
      case R_IF_WORD: {
        const field = load<i32>(pc + 4);
        const is =
          present(field) &&
          load<i32>(SPANS_AT + <usize>field * SPAN_BYTES + 8) == load<i32>(pc + 8);
        pc = is ? pc + 16 : <usize>load<i32>(pc + 12);
        break;
      }
      case R_IF_NONE:
        pc = present(load<i32>(pc + 4)) ? <usize>load<i32>(pc + 8) : pc + 12;
        break;
      case R_JUMP:
        pc = <usize>load<i32>(pc + 4);
        break;
      case R_DURATION: {
        const field = load<i32>(pc + 4);
        if (!present(field)) return 0;
        o = duration(spanStart(field), spanEnd(field), o);
        if (o == 0) return 0;
        pc += 8;
        break;
      }
      case R_BYTES: {
        const field = load<i32>(pc + 4);
        if (!present(field)) return 0;
        const start = spanStart(field);
        const length = spanEnd(field) - start;
        copy(o, start, length);
        o += length;
        store<u64>(o, 0x6574796220); // " byte"
        o += 5;
        if (length != 1 || load<u8>(start) != 0x31) store<u8>(o++, 0x73);
        pc += 8;
        break;
      }
      case R_MODEL: {
        const field = load<i32>(pc + 4);
        if (present(field)) o = model(spanStart(field), spanEnd(field), o);
        pc += 8;
        break;
      }
      case R_REF: {
        const field = load<i32>(pc + 4);
        if (present(field)) rowRef = refKey(spanStart(field), spanEnd(field));
        pc += 8;
        break;
      }
      default:
        return 0;
    }
  }
  return 0; // not reached: the loop returns
}

/**
 * [from, o), text just written, as a CSV cell: quoted when it holds a comma. 0 (JavaScript's to
 * make) when csvField would do more: a formula start or a semicolon to defuse, a quote to double,
 * a control character, a length past Excel's limit.
 */
function cell(from: usize, o: usize): usize {
  if (o == from) return o;
  if (o - from > CELL_LIMIT) return 0;
  const first = load<u8>(from);
  if (first == 0x3d || first == 0x2b || first == 0x2d || first == 0x40) return 0;
  const comma = i8x16.splat(0x2c);
  const semicolon = i8x16.splat(0x3b);
  const quote = i8x16.splat(0x22);
  const space = i8x16.splat(0x20);
  let commas = false;
  for (let p = from; p < o; p += 16) {
    const v = v128.load(p);
    const rest = o - p;
    const wanted = rest >= 16 ? 0xffff : (1 << <i32>rest) - 1;
    if (
      (i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, semicolon), i8x16.eq(v, quote)), i8x16.lt_u(v, space))) &
        wanted) !=
      0
    )
      return 0;
    if ((i8x16.bitmask(i8x16.eq(v, comma)) & wanted) != 0) commas = true;
  }
  if (!commas) return o;
  memory.copy(from + 1, from, o - from);
  store<u8>(from, 0x22);
  store<u8>(o + 1, 0x22);
  return o + 2;
}

/**
 * The model cell of the device with the interface ID [start, end), from the JavaScript side's
 * table (none: no text); the entry found last is tried first (it is checked, whatever the table
 * holds now).
 */
let lastModel: i32 = -1;

function model(start: usize, end: usize, o: usize): usize {
  const count = load<i32>(MODELS_AT);
  const length = end - start;
  let found: i32 = -1;
  if (lastModel >= 0 && lastModel < count && sameId(lastModel, start, length)) found = lastModel;
  else
    for (let i: i32 = 0; i < count && i < <i32>MAX_MODELS; i++)
      if (sameId(i, start, length)) {
        found = i;
        break;
      }
  if (found < 0) return o;
  lastModel = found;
  const entry = MODELS_AT + 4 + <usize>found * 16;
  const cellLength = <usize>load<i32>(entry + 12);
  copy(o, <usize>load<i32>(entry + 8), cellLength);
  return o + cellLength;
}

@inline
function sameId(i: i32, start: usize, length: usize): bool {
  const entry = MODELS_AT + 4 + <usize>i * 16;
  return <usize>load<i32>(entry + 4) == length && same(<usize>load<i32>(entry), start, length);
}

/** lineRefKey of [start, end): `r` and digits as ref-key.ts reads them, else OTHER_REF. */
function refKey(start: usize, end: usize): i32 {
  const length = end - start;
  if (length < 2 || length > 10 || load<u8>(start) != 0x72) return OTHER_REF;
  if (load<u8>(start + 1) == 0x30) return length == 2 ? 0 : OTHER_REF;
  let n: i32 = 0;
  for (let p = start + 1; p < end; p++) {
    const digit = <i32>load<u8>(p) - 0x30;
    if (digit < 0 || digit > 9) return OTHER_REF;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * The number [start, end) (as the line's shape allows: an optional minus, at most 15 digits
 * with at most one point) as formatDuration writes it: "0.4 ms", "12 ms", "1.25 s", "30.0 s",
 * "2.5 min", "3.2 h", "6.9 d". 0 for anything else.
 */
function duration(start: usize, end: usize, o: usize): usize {
  let p = start;
  if (load<u8>(p) == 0x2d) {
    store<u8>(o++, 0x2d);
    p++;
  }
  let n: u64 = 0;
  let digits = 0;
  let fraction = -1;
  for (; p < end; p++) {
    const b = <i32>load<u8>(p);
    if (b >= 0x30 && b <= 0x39) {
      n = n * 10 + <u64>(b - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (b == 0x2e && fraction < 0) fraction = 0;
    else return 0;
  }
  if (digits == 0 || digits > 15) return 0;
  // Below 2^53 and over an exact power of ten: one division rounds as Number() reads the text.
  const ms = fraction > 0 ? <f64>n / pow10(fraction) : <f64>n;
  if (ms < 0.95) return unit(fixed(ms, 1, o), 0x736d20, 3); // " ms"
  if (ms < 999.5) return unit(fixed(ms, 0, o), 0x736d20, 3);
  if (ms < 9995) return unit(fixed(ms / 1000, 2, o), 0x7320, 2); // " s"
  if (ms < 119950) return unit(fixed(ms / 1000, 1, o), 0x7320, 2);
  if (ms < 5997000) return unit(fixed(ms / 60000, 1, o), 0x6e696d20, 4); // " min"
  if (ms < 172620000) return unit(fixed(ms / 3600000, 1, o), 0x6820, 2); // " h"
  if (ms < 1e20) return unit(fixed(ms / 86400000, 1, o), 0x6420, 2); // " d"
  return 0;
}

@inline
function unit(o: usize, bytes: u32, length: usize): usize {
  if (o == 0) return 0;
  store<u32>(o, bytes);
  return o + length;
}

function pow10(k: i32): f64 {
  let p: f64 = 1;
  for (let i = 0; i < k; i++) p *= 10;
  return p;
}

/**
 * `x.toFixed(places)` for 0 ≤ x < 2^40, places 0 to 2 (0 is Math.round): the integer n nearest
 * x × 10^places, the larger of two equally near, worked out exactly from x's bits (x × 10^places
 * as an integer over a power of two fits 64 bits), then written with its places. 0 when out of
 * range.
 */
function fixed(x: f64, places: i32, o: usize): usize {
  if (!(x >= 0) || x >= 1099511627776) return 0;
  const bits = reinterpret<u64>(x);
  const biased = <i32>(bits >> 52);
  let m = bits & 0xfffffffffffff;
  let e: i32;
  if (biased == 0) e = -1074;
  else {
    m |= <u64>1 << 52;
    e = biased - 1075;
  }
  const scale: u64 = places == 0 ? 1 : places == 1 ? 10 : 100;
  const scaled = m * scale;
  let q: u64;
  if (e >= 0) q = scaled << <u64>e;
  else if (e <= -64) q = 0; // under 2^60 × 2^-64: less than a half
  else {
    const shift = <u64>-e;
    q = scaled >> shift;
    const rest = scaled & ((<u64>1 << shift) - 1);
    if (rest >= <u64>1 << (shift - 1)) q++;
  }
  const whole = q / scale;
  o = digitsOf(whole, o);
  if (places > 0) {
    store<u8>(o++, 0x2e);
    const part = q % scale;
    if (places == 2) {
      store<u8>(o++, <u8>(0x30 + part / 10));
      store<u8>(o++, <u8>(0x30 + (part % 10)));
    } else store<u8>(o++, <u8>(0x30 + part));
  }
  return o;
}

function digitsOf(n: u64, o: usize): usize {
  let length: usize = 1;
  for (let t = n; t >= 10; t /= 10) length++;
  let p = o + length;
  do {
    store<u8>(--p, <u8>(0x30 + n % 10));
    n /= 10;
  } while (n > 0);
  return o + length;
}

/** The longest model cell the table holds (setModels' caller says it). */
let modelRoom: usize = 0;

export function modelsRoom(bytes: usize): void {
  modelRoom = bytes;
}

/**
 * Whether the row of a line of `length` bytes fits at `o`: a value is written at most twice (a
 * service's name is a cell and in the details), quoted at most once, beside at most 4 KiB of
 * words, and the device's model cell, which may be longer than the line.
 */
export function roomFor(o: usize, length: usize): bool {
  return o + length * 3 + 4096 + modelRoom <= CSV_OUT_END;
}
