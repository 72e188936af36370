/**
 * Where recorded bytes and text are cut when only their start is kept (RECORDED_DATA_BYTES of a
 * payload, a read's preview, a quoted value in a problem). A plain cut can fall inside an
 * identifier and keep its first 7–9 digits: fewer than the redaction takes for one (10, or 7
 * after a `+`), so every export showed them in clear. The cut therefore never splits a run of
 * digits, read as the redaction reads it (redact-bytes.ts for bytes, identifiers.ts for text):
 * it moves back to before a run that goes on past it, unless what is kept of the run is already
 * an identifier to the redaction, which then hides it whole.
 *
 * The move is bounded: it passes fewer than 10 digits of one run (a longer kept part is hidden
 * whole), with what may stand between them. In any encoding the redaction reads, a digit is at
 * most 4 bytes and a gap at most 2 separators of at most 3 bytes each: 9 digits and 8 gaps, and
 * a `+`, are under 100 bytes. MAX_CUT_MOVE leaves room for some characters of no width besides
 * (the only thing a gap may hold any number of) and for a second run in another encoding that
 * straddles the new cut. Only a number padded with hundreds of invisible characters would need
 * more; the cut then stops at the bound.
 *
 * A number laid out in BCD (a SIM file's, bcd-identifiers.ts) is not cut around: every log
 * recorded so far may be cut anywhere in one, so what a cut payload keeps of one must be hidden
 * where it is exported (hideCutRun) all the same, and that one place serves new logs too.
 */
import { bcdCutStart } from './bcd-identifiers.js';
import { GAP, PLUS_GAP, ZERO_WIDTH } from './identifier-gaps.js';
import { classifyDigits, replaceIdentifiers } from './identifiers.js';
import { digitRuns, runText } from './redact-bytes.js';

/** How far back (bytes, or UTF-16 code units of text) a cut may move: see above. */
export const MAX_CUT_MOVE = 256;

/**
 * How far past the cut is read to see whether a run goes on: one gap (2 separators, a few
 * characters of no width) and a digit, with room to spare.
 */
const LOOKAHEAD = 64;

/** The encodings the redaction reads bytes in: UTF-16LE at either alignment, and UTF-8. */
const READINGS: readonly (readonly [start: 0 | 1, width: 1 | 2])[] = [
  [0, 2],
  [1, 2],
  [0, 1],
];

/**
 * How many of `bytes`' first bytes to record when at most `limit` may be: `limit`, or less so as
 * not to split a run of digits (see above). All of them when they fit.
 */
export function recordedLength(bytes: Uint8Array, limit: number): number {
  if (bytes.length <= limit) return bytes.length;
  const floor = Math.max(0, limit - MAX_CUT_MOVE);
  const window = bytes.subarray(floor, Math.min(bytes.length, limit + LOOKAHEAD));
  let cut = limit - floor;
  // Each move goes back, never below the window's start: this ends.
  for (let moved = true; moved;) {
    moved = false;
    for (const [alignment, width] of READINGS) {
      const start = width === 2 ? (alignment + floor) % 2 : 0;
      const from = splitRunStart(window, cut, start, width);
      if (from >= 0) {
        cut = from;
        moved = true;
      }
    }
  }
  return floor + cut;
}

/**
 * Where the run that `cut` splits starts, in one encoding, when what is kept of it is no
 * identifier to the redaction; -1 when the cut splits no run or the redaction hides the kept part.
 */
function splitRunStart(window: Uint8Array, cut: number, start: number, width: 1 | 2): number {
  let split = -1;
  digitRuns(window, start, width, (from, to) => {
    if (from < cut && to > cut) split = from;
  });
  if (split < 0) return -1;
  // What is kept of the run, read from its start as the redaction will read the kept bytes:
  // whether its first run is that one, and an identifier (a list: a callback sets it).
  const hidden: boolean[] = [];
  const kept = window.subarray(split, cut);
  digitRuns(kept, 0, width, (from, to, digits, plus, separated) => {
    const written = (): string => runText(kept, from, to, width);
    if (hidden.length === 0)
      hidden.push(
        from === 0 && classifyDigits(digits, plus, separated, undefined, written) !== undefined,
      );
  });
  return hidden[0] === true ? -1 : split;
}

/** A run of digits at the end of text, as identifiers.ts reads one (a `+` before it included). */
const TAIL_RUN = new RegExp(
  `\\+${ZERO_WIDTH}*\\p{Nd}(?:${PLUS_GAP}\\p{Nd})*(?:${PLUS_GAP})$|\\p{Nd}(?:${GAP}\\p{Nd})*(?:${GAP})$`,
  'u',
);
/** Text that goes on with a run: what may stand between two digits, then a digit. */
const GOES_ON = new RegExp(`^(?:${PLUS_GAP})\\p{Nd}`, 'u');
const DIGIT = /\p{Nd}/u;

/**
 * `text`'s first `limit` UTF-16 code units, or fewer so as not to split a run of digits (see
 * above) or a surrogate pair. All of it when it fits.
 */
export function recordedText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = limit;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const floor = Math.max(0, cut - MAX_CUT_MOVE);
  const tail = TAIL_RUN.exec(text.slice(floor, cut))?.[0];
  if (
    tail !== undefined &&
    GOES_ON.test(text.slice(cut, cut + LOOKAHEAD)) &&
    // Kept only when the redaction hides every digit of it.
    DIGIT.test(replaceIdentifiers(tail, () => ''))
  )
    cut -= tail.length;
  return text.slice(0, cut);
}

/** Whether a payload's hex keeps less than its record's `byteLength` says it had. */
export function cutShort(byteLength: unknown, hex: string): boolean {
  return typeof byteLength === 'number' && byteLength * 2 > hex.length;
}

/**
 * Bytes from the end of a cut payload within which a run of digits may still go on past the cut:
 * a gap (2 separators of up to 3 bytes, a character of no width) and a digit's first bytes.
 */
const TRAILING_GAP = 12;

/**
 * For a payload recorded cut short: overwrites what reaches the end of `bytes` and may be the
 * start of an identifier cut off there, too little of it for the redaction to take it for one.
 * Call it after the redaction, which has already replaced such a start where enough of it shows.
 *
 * - A run of digits as text, but for what may stand between two digits: recorded by an earlier
 *   version, which cut anywhere. Overwritten by `*`, in the encoding it was read in, so every
 *   length and offset still holds. Only the last MAX_CUT_MOVE bytes are read: a longer run at the
 *   end is an identifier to the redaction.
 * - A number laid out in BCD as SIM files hold it (bcdCutStart): the cut falls anywhere in one,
 *   as recordedLength reads text runs only, and the redaction takes one only once 7 of its digits
 *   show (an ICCID's 14, an IMEI never cut): an IMSI's first 8 digits would go out in clear. Its
 *   bytes from its first digit's (as redact-bytes.ts overwrites a whole one) become its kind in
 *   ASCII and `*`, or `*` alone where the kind and a `*` do not fit: not a token, which would
 *   count a start as a number of its own. The `*` last (the nibble A, no digit) ends every BCD
 *   reading that reaches it, so what is written reads as no number's start again (but for a lone
 *   `*` in a type byte, an IMEI's to the reading, written over with the same `*`): hiding twice
 *   changes nothing. It is found in the bytes as the redaction left them, before any `*` of a
 *   text run is written (one in its middle would end its reading early), and written last.
 *
 * Returns whether anything was overwritten.
 */
export function hideCutRun(bytes: Uint8Array): boolean {
  const floor = Math.max(0, bytes.length - MAX_CUT_MOVE);
  const window = bytes.subarray(floor);
  const bcd = bcdCutStart(window);
  let changed = false;
  for (const [alignment, width] of READINGS) {
    let last: readonly [from: number, to: number] | undefined;
    digitRuns(window, width === 2 ? (alignment + floor) % 2 : 0, width, (from, to) => {
      last = [from, to];
    });
    if (last === undefined || window.length - last[1] > TRAILING_GAP) continue;
    for (let k = last[0]; k + width <= last[1]; k += width) {
      window[k] = 0x2a;
      if (width === 2) window[k + 1] = 0;
    }
    changed = true;
  }
  if (bcd === undefined) return changed;
  const room = window.length - bcd.from;
  const token = (bcd.kind.length < room ? bcd.kind : '').padEnd(room, '*');
  for (let k = 0; k < room; k++) window[bcd.from + k] = token.charCodeAt(k);
  return true;
}
