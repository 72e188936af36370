/**
 * A free-text search of one bucket of a log in WebAssembly (AssemblyScript, built by
 * scripts/build-wasm.mjs into electron/core/text-scan-wasm.ts), driven by
 * electron/core/text-finder.ts. In JavaScript the bucket was lower-cased whole, then searched,
 * then walked line by line: three passes over every byte, and the search's slowest part. Here one
 * pass, sixteen bytes at a time, finds where the needle is, case aside, and the lines it is on.
 *
 * It finds the lines electron/core/candidate-lines.ts finds in the lower-cased bytes (forEachCandidate),
 * each with its record's index: the lines before it that are not blank (the tests compare both).
 *
 * Memory, at fixed offsets: the needle (lower-cased) at NEEDLE_AT; the rows found at ROWS_AT, an
 * i32 triple each (index, start, end: offsets in the area); the bucket's bytes at AREA_AT, and
 * room after them for reads past the end, which never decide anything.
 */
const NEEDLE_AT: usize = 0;
const MAX_NEEDLE: usize = 1024;
const ROWS_AT: usize = 1024;
const MAX_ROWS: i32 = 5120;
const AREA_AT: usize = 65536;

/** Sixteen bytes lower-cased as lowerBytes does: A–Z only, every other byte as it is. */
@inline
function lower16(v: v128): v128 {
  const upper = v128.and(
    i8x16.gt_u(v, i8x16.splat(0x40)),
    i8x16.lt_u(v, i8x16.splat(0x5b)),
  );
  return v128.or(v, v128.and(upper, i8x16.splat(0x20)));
}

@inline
function lower(b: u8): u8 {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

/** Whether the `n` bytes at `p`, lower-cased, are the needle (its ends are known to be). */
function matchesAt(p: usize, n: usize): bool {
  for (let j: usize = 1; j + 1 < n; j++)
    if (lower(load<u8>(p + j)) != load<u8>(NEEDLE_AT + j)) return false;
  return true;
}

/**
 * Where the needle first starts at or after `from`, wholly before `end`, case aside; −1 if
 * nowhere. Each of sixteen positions at once is tested by the needle's first and last bytes, and
 * only those that pass are compared whole.
 */
function find(from: usize, end: usize, n: usize): isize {
  const first = i8x16.splat(load<u8>(NEEDLE_AT));
  const last = i8x16.splat(load<u8>(NEEDLE_AT + n - 1));
  for (let i = from; i + n <= end; i += 16) {
    let mask = i8x16.bitmask(
      v128.and(
        i8x16.eq(lower16(v128.load(i)), first),
        i8x16.eq(lower16(v128.load(i + n - 1)), last),
      ),
    );
    while (mask != 0) {
      const p = i + <usize>ctz<i32>(mask);
      // Later positions end later still.
      if (p + n > end) return -1;
      if (matchesAt(p, n)) return <isize>p;
      mask &= mask - 1;
    }
  }
  return -1;
}

function isBlank(from: usize, to: usize): bool {
  for (let p = from; p < to; p++) {
    const b = load<u8>(p);
    if (b != 0x20 && b != 0x09 && b != 0x0d) return false;
  }
  return true;
}

/**
 * The lines of the `length` bytes at AREA_AT that hold the needle (its `n` bytes at NEEDLE_AT),
 * a row each at ROWS_AT, in order. Returns how many; −1 when more than MAX_ROWS (the caller
 * searches in JavaScript then).
 */
export function candidates(length: usize, n: usize): i32 {
  if (n == 0 || n > MAX_NEEDLE) return -1;
  const end = AREA_AT + length;
  // An LF at `end` for the line search below to stop at; put back after.
  const after = load<u8>(end);
  store<u8>(end, 0x0a);
  const lf = i8x16.splat(0x0a);
  let rows: i32 = 0;
  let index: i32 = 0;
  let at = AREA_AT;
  let next = find(at, end, n);
  while (next >= 0 && at < end) {
    // The line's LF, sixteen bytes at a time (reading past `end` stays inside the memory).
    let nl = at;
    for (;;) {
      const mask = i8x16.bitmask(i8x16.eq(v128.load(nl), lf));
      if (mask != 0) {
        nl += <usize>ctz<i32>(mask);
        break;
      }
      nl += 16;
    }
    if (<usize>next < nl) {
      if (rows == MAX_ROWS) {
        rows = -1;
        break;
      }
      const row = ROWS_AT + <usize>rows * 12;
      store<i32>(row, index);
      store<i32>(row + 4, <i32>(at - AREA_AT));
      store<i32>(row + 8, <i32>(nl - AREA_AT));
      rows++;
      index++;
    } else if (!isBlank(at, nl)) index++;
    at = nl + 1;
    if (<usize>next < at) next = find(at, end, n);
  }
  store<u8>(end, after);
  return rows;
}
