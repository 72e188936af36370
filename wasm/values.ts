/**
 * The readers of one value of a line, each from the cursor `at` on: each moves it past what it
 * read, or answers that the value is not of its shape. A line's LF stands at its end
 * (`startLine`), which no reader takes, so none checks the end before each byte.
 */
import { dayStartMs } from './calendar';
import { CLASS, classOf, DIGIT, HEX, PLAIN, same, WORDS_AT } from './layout';

/** Where the value being read starts: each reader leaves it after what it read. */
export let at: usize = 0;
/** Where the line ends (its LF). */
export let lineEnd: usize = 0;

/** Reads the line at [from, to) from its start: its LF (or one written there) ends it. */
export function startLine(from: usize, to: usize): void {
  lineEnd = to;
  // The line's own LF (or one written where it would be): no reader takes it, so none needs to
  // check the end before each byte, and none runs into the next line.
  store<u8>(to, 0x0a);
  at = from;
}

/** Reads on from `p` (another program, from where the head ended). */
export function moveTo(p: usize): void {
  at = p;
}

/** The byte at `p`: up to the LF at the line's end, past which no reader goes. */
@inline
function byteAt(p: usize): i32 {
  return <i32>load<u8>(p);
}

/** No literal holds an LF, so one never matches past the line's end. */
@inline
export function literal(offset: usize, length: usize): bool {
  if (!same(at, offset, length)) return false;
  at += length;
  return true;
}

@inline
export function isNull(): bool {
  if (at + 4 > lineEnd || load<u32>(at) != 0x6c6c756e) return false; // "null", little-endian
  at += 4;
  return true;
}

/** `0|[1-9]\d{0,8}`: the value, or −1. */
@inline
export function count(): i32 {
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
@inline
export function num(): f64 {
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
@inline
export function time(): f64 {
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
  return dayStartMs(year, month, day) + ms;
}

/** `"` printable ASCII but `"` and `\` … `"`; leaves `at` after the closing quote. */
@inline
export function text(): bool {
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
@inline
export function hex8(): bool {
  const s = at;
  if (s + 12 > lineEnd) return false;
  if (load<u8>(s) != 0x22 || load<u8>(s + 1) != 0x30 || load<u8>(s + 2) != 0x78) return false;
  for (let i: usize = 3; i < 11; i++) if ((load<u8>(CLASS + load<u8>(s + i)) & HEX) == 0) return false;
  if (load<u8>(s + 11) != 0x22) return false;
  at = s + 12;
  return true;
}

/** `"` (hex hex)* `"`. */
@inline
export function hexPairs(): bool {
  if (byteAt(at) != 0x22) return false;
  let p = at + 1;
  let b = byteAt(p);
  while ((classOf(b) & HEX) != 0) b = byteAt(++p);
  if (b != 0x22 || ((p - at - 1) & 1) != 0) return false;
  at = p + 1;
  return true;
}

@inline
export function bool_(): bool {
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
@inline
export function word_(list: i32): i32 {
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

/** A ref's number as refNumber reads it (`r` and 1–15 digits), or NaN. */
export function refNumber(start: usize, length: usize): f64 {
  if (length < 2 || length > 16 || load<u8>(start) != 0x72) return NaN;
  let n: f64 = 0;
  for (let i: usize = 1; i < length; i++) {
    const b = <i32>load<u8>(start + i);
    if (b < 0x30 || b > 0x39) return NaN;
    n = n * 10 + <f64>(b - 0x30);
  }
  return n;
}
