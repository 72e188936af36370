/**
 * The line reader's memory (wasm/line-scan.ts): fixed areas at fixed offsets, no allocator. The
 * JavaScript side (electron/core/line-scan.ts) uses the same numbers. And the byte classes every
 * reader of a value looks up.
 */
/** One byte per byte value: its classes (PLAIN, DIGIT, HEX bits). */
export const CLASS: usize = 0;
/** The values read from the last line taken (see OUT_* below). */
export const OUT: usize = 512;
/** The word lists programs name: WORDS_AT + 4 * list → offset of [count, (length, bytes…)…]. */
export const WORDS_AT: usize = 1024;
/** Per kind (index in the kinds list): up to MAX_PLANS program offsets, then how many. */
export const PLANS_AT: usize = 2048;
export const MAX_KINDS: usize = 32;
export const MAX_PLANS: usize = 8;
/** Intern tables: per field, [count, last, (offset, length)×MAX_VALUES], then their bytes. */
export const INTERN_AT: usize = 8192;
export const INTERN_FIELDS: usize = 3;
export const MAX_VALUES: usize = 32;
export const MAX_VALUE_BYTES: usize = 128;
export const INTERN_TABLE_BYTES: usize = 8 + MAX_VALUES * 8;
export const INTERN_ARENA_AT: usize = INTERN_AT + INTERN_FIELDS * INTERN_TABLE_BYTES;
export const INTERN_ARENA_BYTES: usize = MAX_VALUES * MAX_VALUE_BYTES;
/**
 * What readLines found, a row per line taken: f64 time, mono, ref; then i32 the line's start and
 * end (its LF), kind, seq, service ID, service name, outcome, HRESULT, status, request ID.
 */
export const ROWS_AT: usize = 2560 * 1024;
export const ROW_BYTES: usize = 64;
export const MAX_ROWS: usize = 4096;
/**
 * An index bucket's counts of readLines' rows (wasm/tally.ts), between the lines' areas and the
 * rows: per kind its tally flags, the ranges, the counts and the numbers met of each table, each
 * service's last name, then the services renamed, two i32s each (up to MAX_ROWS).
 */
export const TALLY_AT: usize = 2304 * 1024;
/** An export's check marks lines there instead (wasm/line-scan.ts passLines): i32 × 5 each. */
export const MARK_BYTES: usize = 32;

/**
 * A CSV export's rows (wasm/csv-rows.ts). SPANS_AT: per field number, the last line's value as
 * [start, end, word, stamp] (start −2: null); ROW_PLANS_AT: per kind, its row program (0: none);
 * MODELS_AT: [count, (id at, id length, cell at, cell length)×MAX_MODELS], their bytes after.
 */
export const SPANS_AT: usize = 16384;
export const SPAN_BYTES: usize = 16;
export const MAX_FIELDS: usize = 32;
export const ROW_PLANS_AT: usize = SPANS_AT + MAX_FIELDS * SPAN_BYTES;
export const MODELS_AT: usize = 20480;
export const MAX_MODELS: usize = 16;
export const MODELS_END: usize = 32768;
/** csvLines' entry per line: seven i32s, as a checked block's lines hold them (line-block-check.ts). */
export const ENTRIES_AT: usize = 2816 * 1024;
export const ENTRY_BYTES: usize = 28;
/** The rows csvLines made, and the end of their room (the memory's, less a vector's over-read). */
export const CSV_OUT_AT: usize = 3072 * 1024;
export const CSV_OUT_END: usize = 5120 * 1024 - 64;

// Classes.
export const PLAIN: u8 = 1;
export const DIGIT: u8 = 2;
export const HEX: u8 = 4;

// OUT: f64 time, mono, ref at 0, 8, 16; i32 at 24…: seq, service id, service name, outcome,
// hresult, status, request ID (−1: none or null; −2 for ref's "not a number" is in ref as NaN).
export const OUT_TIME: usize = OUT;
export const OUT_MONO: usize = OUT + 8;
export const OUT_REF: usize = OUT + 16;
export const OUT_SEQ: usize = OUT + 24;
export const OUT_SERVICE_ID: usize = OUT + 28;
export const OUT_SERVICE_NAME: usize = OUT + 32;
export const OUT_OUTCOME: usize = OUT + 36;
export const OUT_HRESULT: usize = OUT + 40;
export const OUT_STATUS: usize = OUT + 44;
export const OUT_REQUEST_ID: usize = OUT + 48;

@inline
export function classOf(b: i32): u8 {
  return load<u8>(CLASS + <usize>b);
}

/**
 * Whether the `length` bytes at `a` and at `b` are the same: up to sixteen (a key, a word) in one
 * comparison of sixteen bytes, the bytes past `length` left out; longer ones eight at a time.
 * Sixteen bytes may be read past either end: no area ends within sixteen bytes of the memory's.
 */
export function same(a: usize, b: usize, length: usize): bool {
  if (length <= 16) {
    const equal = i8x16.bitmask(i8x16.eq(v128.load(a), v128.load(b)));
    const wanted = (1 << <i32>length) - 1;
    return (equal & wanted) == wanted;
  }
  let i: usize = 0;
  for (; i + 8 <= length; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < length; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}
