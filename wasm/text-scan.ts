/**
 * A search's scan of one bucket of a log in WebAssembly (AssemblyScript, built by
 * scripts/build-wasm.mjs into electron/core/text-scan-wasm.ts), driven by
 * electron/core/text-finder.ts. In JavaScript a free-text search lower-cased the bucket whole, then
 * searched it, then walked it line by line: three passes over every byte, and the search's
 * slowest part; and a search that names each hit's command looked for the lines that tell one
 * (hit-commands.ts) with two more. Here each is one pass, sixteen bytes at a time.
 *
 * `candidates` finds the lines electron/core/candidate-lines.ts finds in the lower-cased bytes
 * (forEachCandidate), each with its record's index: the lines before it that are not blank.
 * `lineStarts` finds where each line holding a literal, as written, starts. The tests compare both
 * with JavaScript.
 *
 * Memory, at fixed offsets: the needle (lower-cased) at NEEDLE_AT; a literal at LITERAL_AT; the
 * rows found at ROWS_AT, an i32 triple each (index, start, end: offsets in the area); the bucket's
 * bytes at AREA_AT, and room after them for reads past the end, which never decide anything; the
 * line starts after that.
 */
const NEEDLE_AT: usize = 0;
const MAX_NEEDLE: usize = 1024;
const LITERAL_AT: usize = 1024;
const MAX_LITERAL: usize = 256;
const ROWS_AT: usize = 2048;
const MAX_ROWS: i32 = 5120;
const AREA_AT: usize = 65536;
const AREA_BYTES: usize = 4 * 1024 * 1024;
const STARTS_AT: usize = AREA_AT + AREA_BYTES + 4096;
const MAX_STARTS: i32 = 8192;

/**
 * Sixteen bytes lower-cased as lowerBytes does (A–Z only, every other byte as it is) when `fold`
 * is 0x20 in every lane; as they are when it is 0.
 */
@inline
function fold16(v: v128, fold: v128): v128 {
  const upper = v128.and(i8x16.gt_u(v, i8x16.splat(0x40)), i8x16.lt_u(v, i8x16.splat(0x5b)));
  return v128.or(v, v128.and(upper, fold));
}

@inline
function fold1(b: u8, fold: u8): u8 {
  return b >= 0x41 && b <= 0x5a ? b | fold : b;
}

/** Whether the `n` bytes at `p`, folded, are the needle's at `at`. */
function matchesAt(p: usize, at: usize, n: usize, fold: u8): bool {
  for (let j: usize = 0; j < n; j++)
    if (fold1(load<u8>(p + j), fold) != load<u8>(at + j)) return false;
  return true;
}

/**
 * Where the `n` bytes at `at` first start at or after `from`, wholly before `end`; −1 if nowhere.
 * Any case when `caseless` (the needle is lower-cased), else as written. Each of sixteen positions
 * at once is tested by two of the needle's bytes, the `a`th and the `b`th (the caller picks the
 * rarest: a quote or a colon, at the ends of a key, stood at every key of every line), and only
 * those that pass are compared whole.
 */
function find(from: usize, end: usize, at: usize, n: usize, caseless: bool, a: usize, b: usize): isize {
  // Anchors that are no letters match as they are in any case: no folding in the loop (an
  // HRESULT's digits, a key's quote), which was a third of its work. Each call below is its own
  // copy of the loop, the constant deciding it at compile time.
  const fold: u8 = caseless ? 0x20 : 0;
  if (caseless && (isLetter(load<u8>(at + a)) || isLetter(load<u8>(at + b))))
    return findFrom(from, end, at, n, fold, a, b, true);
  return findFrom(from, end, at, n, fold, a, b, false);
}

@inline
function isLetter(b: u8): bool {
  return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a;
}

/** `find`'s loop; the anchors folded to lower case in each block when `foldAnchors`. */
@inline
function findFrom(
  from: usize,
  end: usize,
  at: usize,
  n: usize,
  fold: u8,
  a: usize,
  b: usize,
  foldAnchors: bool,
): isize {
  const folds = i8x16.splat(fold);
  const first = i8x16.splat(load<u8>(at + a));
  const second = i8x16.splat(load<u8>(at + b));
  for (let i = from; i + n <= end; i += 16) {
    let atA = v128.load(i + a);
    let atB = v128.load(i + b);
    if (foldAnchors) {
      atA = fold16(atA, folds);
      atB = fold16(atB, folds);
    }
    let mask = i8x16.bitmask(v128.and(i8x16.eq(atA, first), i8x16.eq(atB, second)));
    while (mask != 0) {
      const p = i + <usize>ctz<i32>(mask);
      // Later positions end later still.
      if (p + n > end) return -1;
      if (matchesAt(p, at, n, fold)) return <isize>p;
      mask &= mask - 1;
    }
  }
  return -1;
}

/** Where the LF at or after `p` is (an LF at the end of what is searched stops it). */
@inline
function nextLf(p: usize): usize {
  const lf = i8x16.splat(0x0a);
  let mask = i8x16.bitmask(i8x16.eq(v128.load(p), lf));
  while (mask == 0) {
    p += 16;
    mask = i8x16.bitmask(i8x16.eq(v128.load(p), lf));
  }
  return p + <usize>ctz<i32>(mask);
}

/**
 * Whether the bytes [from, to) are only what trim() takes off a string, in UTF-8: a line blank by
 * the rule of every reader of a log (isBlankLine, electron/core/line-splitter.ts). Tab, LF, VT,
 * FF, CR and space; no-break space (C2 A0); U+1680 (E1 9A 80); U+2000-U+200A (E2 80 80-8A);
 * U+2028, U+2029, U+202F (E2 80 A8, A9, AF); U+205F (E2 81 9F); U+3000 (E3 80 80); and the
 * byte-order mark (EF BB BF). Any other byte, or one of these sequences cut short, is text (or a
 * replacement character, which trim() keeps too). The tests compare the two rules character by
 * character.
 */
function isBlank(from: usize, to: usize): bool {
  let p = from;
  while (p < to) {
    const b = load<u8>(p);
    if (b == 0x20 || (b >= 0x09 && b <= 0x0d)) {
      p += 1;
      continue;
    }
    if (b == 0xc2 && p + 1 < to && load<u8>(p + 1) == 0xa0) {
      p += 2;
      continue;
    }
    if (p + 2 >= to || !isWideSpace(b, load<u8>(p + 1), load<u8>(p + 2))) return false;
    p += 3;
  }
  return true;
}

/** Whether the three bytes are a space or a mark of three bytes that trim() takes off. */
@inline
function isWideSpace(b0: u8, b1: u8, b2: u8): bool {
  if (b0 == 0xe2)
    return (
      (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8a) || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf)) ||
      (b1 == 0x81 && b2 == 0x9f)
    );
  return (
    (b0 == 0xe1 && b1 == 0x9a && b2 == 0x80) ||
    (b0 == 0xe3 && b1 == 0x80 && b2 == 0x80) ||
    (b0 == 0xef && b1 == 0xbb && b2 == 0xbf)
  );
}

/** Whether the line starting at `q` is blank (see isBlank). */
@inline
function isBlankLine(q: usize): bool {
  return isBlank(q, nextLf(q));
}

/**
 * How many lines that are not blank start in [from, to), both line starts: their LFs, counted
 * sixteen bytes at a time, less the blank ones. Only a line that does not start with `{`, as a
 * journal's lines do, is read whole. Walking the lines one by one to the next hit, to number it,
 * was most of the scan of a bucket with few hits.
 */
function linesBetween(from: usize, to: usize): i32 {
  if (from >= to) return 0;
  const lf = i8x16.splat(0x0a);
  const brace = i8x16.splat(0x7b);
  let count: i32 = isBlankLine(from) ? -1 : 0;
  let p = from;
  for (; p + 16 <= to; p += 16) {
    const lfs = i8x16.bitmask(i8x16.eq(v128.load(p), lf));
    if (lfs == 0) continue;
    count += popcnt<i32>(lfs);
    // The byte after each LF starts a line (the one after the last may be `to` itself).
    let suspects = lfs & ~i8x16.bitmask(i8x16.eq(v128.load(p + 1), brace));
    while (suspects != 0) {
      const q = p + <usize>ctz<i32>(suspects) + 1;
      if (q < to && isBlankLine(q)) count--;
      suspects &= suspects - 1;
    }
  }
  for (; p < to; p++)
    if (load<u8>(p) == 0x0a) {
      count++;
      if (p + 1 < to && isBlankLine(p + 1)) count--;
    }
  return count;
}

/**
 * The lines of the `length` bytes at AREA_AT that hold the needle (its `n` bytes at NEEDLE_AT,
 * any case; `a` and `b`: see find), a row each at ROWS_AT, in order. Returns how many; −1 when more than MAX_ROWS (the
 * caller searches in JavaScript then).
 */
export function candidates(length: usize, n: usize, a: usize, b: usize): i32 {
  if (n == 0 || n > MAX_NEEDLE || length > AREA_BYTES || a >= n || b >= n) return -1;
  const end = AREA_AT + length;
  // An LF at `end` for the line search below to stop at; put back after.
  const after = load<u8>(end);
  store<u8>(end, 0x0a);
  let rows: i32 = 0;
  let index: i32 = 0;
  let at = AREA_AT;
  let next = find(at, end, NEEDLE_AT, n, true, a, b);
  while (next >= 0 && at < end) {
    // A needle that starts with a line's LF is in no line (the JavaScript search's rule too).
    if (load<u8>(<usize>next) == 0x0a) {
      next = find(<usize>next + 1, end, NEEDLE_AT, n, true, a, b);
      continue;
    }
    let start = <usize>next;
    while (start > at && load<u8>(start - 1) != 0x0a) start--;
    index += linesBetween(at, start);
    const nl = nextLf(<usize>next);
    if (rows == MAX_ROWS) {
      rows = -1;
      break;
    }
    const row = ROWS_AT + <usize>rows * 12;
    store<i32>(row, index);
    store<i32>(row + 4, <i32>(start - AREA_AT));
    store<i32>(row + 8, <i32>(nl - AREA_AT));
    rows++;
    index++;
    at = nl + 1;
    if (at < end) next = find(at, end, NEEDLE_AT, n, true, a, b);
  }
  store<u8>(end, after);
  return rows;
}

/**
 * Where each line of the `length` bytes at AREA_AT that holds the `n` bytes at LITERAL_AT, as
 * written, starts (an offset in the area), once per line, in order, at STARTS_AT. Returns how
 * many; −1 when more than MAX_STARTS (the caller searches in JavaScript then).
 */
export function lineStarts(length: usize, n: usize, a: usize, b: usize): i32 {
  if (n == 0 || n > MAX_LITERAL || length > AREA_BYTES || a >= n || b >= n) return -1;
  const end = AREA_AT + length;
  const after = load<u8>(end);
  store<u8>(end, 0x0a);
  let count: i32 = 0;
  let next = find(AREA_AT, end, LITERAL_AT, n, false, a, b);
  while (next >= 0) {
    if (count == MAX_STARTS) {
      count = -1;
      break;
    }
    let start = <usize>next;
    while (start > AREA_AT && load<u8>(start - 1) != 0x0a) start--;
    store<i32>(STARTS_AT + <usize>count * 4, <i32>(start - AREA_AT));
    count++;
    const nl = nextLf(<usize>next);
    next = nl >= end ? -1 : find(nl + 1, end, LITERAL_AT, n, false, a, b);
  }
  store<u8>(end, after);
  return count;
}
