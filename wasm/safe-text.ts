/**
 * Free text the redactor leaves alone, for an export's check (wasm/line-scan.ts `check`): the
 * rule electron/core/export/line-check.ts says as SAFE_TEXT_WAYS, read once from left to right.
 * A text passes when no run of 7 digits stands in it (7 digits with at most two of ` ()./+-`
 * between each; the redactor needs 10, or 7 after a `+`), or when it is a whole GUID (which the
 * redactor keeps), or a ref's `r` and 7 to 9 digits.
 */
import { CLASS, DIGIT } from './layout';

/** The separators a run of digits may hold (identifier-gaps.ts's ASCII ones, and `+`). */
@inline
function isGap(b: i32): bool {
  return b == 0x20 || b == 0x28 || b == 0x29 || b == 0x2e || b == 0x2f || b == 0x2b || b == 0x2d;
}

/** Whether [start, end), printable ASCII with no quote or backslash, is text the redactor keeps. */
export function safeText(start: usize, end: usize): bool {
  // A whole GUID passes whatever its digits: most of a line's text is its two GUIDs.
  const length = end - start;
  if ((length == 36 || length == 38) && isGuid(start, end)) return true;
  // Sixteen bytes at a time while no digit is in them: most text (names, GUIDs' letters) has few.
  const zero = i8x16.splat(0x2f);
  const nine = i8x16.splat(0x3a);
  let p = start;
  while (p + 16 <= end) {
    const v = v128.load(p);
    if (i8x16.bitmask(v128.and(i8x16.gt_u(v, zero), i8x16.lt_u(v, nine))) != 0) break;
    p += 16;
  }
  let digits = 0;
  let gap = 0;
  for (; p < end; p++) {
    const b = <i32>load<u8>(p);
    if ((load<u8>(CLASS + <usize>b) & DIGIT) != 0) {
      digits++;
      gap = 0;
      if (digits >= 7) return isLongRef(start, end);
    } else if (digits > 0 && isGap(b) && gap < 2) gap++;
    else {
      // Any other byte, or a third separator in a row, ends the run.
      digits = 0;
      gap = 0;
    }
  }
  return true;
}

/** A lane per byte of `v`: whether it is a hex digit. */
@inline
function hexLanes(v: v128): i32 {
  const digit = v128.and(i8x16.gt_u(v, i8x16.splat(0x2f)), i8x16.lt_u(v, i8x16.splat(0x3a)));
  // A letter in either case: `A`-`F` with the case bit set are `a`-`f`, and nothing else is.
  const lower = v128.or(v, i8x16.splat(0x20));
  const letter = v128.and(i8x16.gt_u(lower, i8x16.splat(0x60)), i8x16.lt_u(lower, i8x16.splat(0x67)));
  return i8x16.bitmask(v128.or(digit, letter));
}

@inline
function hyphenLanes(v: v128): i32 {
  return i8x16.bitmask(i8x16.eq(v, i8x16.splat(0x2d)));
}

/**
 * `8-4-4-4-12` hex digits, in braces or not: the whole text. Sixteen bytes at a time: a journal's
 * lines each name two GUIDs, and a byte at a time this was a third of the check.
 */
export function isGuid(start: usize, end: usize): bool {
  let p = start;
  if (end - start == 38) {
    if (load<u8>(start) != 0x7b || load<u8>(end - 1) != 0x7d) return false;
    p++;
  } else if (end - start != 36) return false;
  // Bytes 0-15, 16-31 and 20-35 of the 36: hyphens at 8, 13, 18 and 23, hex digits elsewhere.
  const a = v128.load(p);
  const b = v128.load(p + 16);
  const c = v128.load(p + 20);
  const hyphensA: i32 = (1 << 8) | (1 << 13);
  const hyphensB: i32 = (1 << 2) | (1 << 7);
  const hyphensC: i32 = 1 << 3;
  return (
    hyphenLanes(a) == hyphensA &&
    hexLanes(a) == (0xffff ^ hyphensA) &&
    hyphenLanes(b) == hyphensB &&
    hexLanes(b) == (0xffff ^ hyphensB) &&
    hyphenLanes(c) == hyphensC &&
    hexLanes(c) == (0xffff ^ hyphensC)
  );
}

/** `r` and 7 to 9 digits: the whole text (a request's ref past a million requests). */
function isLongRef(start: usize, end: usize): bool {
  const length = end - start;
  if (length < 8 || length > 10 || load<u8>(start) != 0x72) return false;
  for (let p = start + 1; p < end; p++) if ((load<u8>(CLASS + <usize>load<u8>(p)) & DIGIT) == 0) return false;
  return true;
}
