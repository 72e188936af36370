/**
 * What may stand between two digits of one identifier, for text (identifiers.ts) and bytes
 * (redact-bytes.ts) alike, so that the two cannot disagree on where an identifier ends.
 *
 * - Separators, up to two at a time, as people write them: spaces, hyphens, brackets and slashes
 *   (`+44 20 7946 0958`, `(555) 123-4567`, `35892152/758929/0`), after a `+` dots too
 *   (`+1.646.563.9500`); also their other forms a keyboard, a word processor or a locale puts
 *   there (a no-break or thin space, as French groups digits; a non-breaking hyphen, an en dash,
 *   a minus sign; full-width forms). Without a `+` a dot is no separator, so `415.555.0123`,
 *   versions and IP addresses stay readable, as before.
 * - The replacement character, U+FFFD: what a byte that is not UTF-8 reads as, in a damaged or
 *   hand-edited log (`3590720\xff61234567`). It stands where a byte could not be read, maybe a
 *   digit: the digits either side of it are one identifier to a reader, so they go together.
 * - Any number of characters of no width: invisible ones (a zero-width space pasted from a chat,
 *   a soft hyphen, a word joiner, a byte order mark, direction marks: Unicode's default
 *   ignorables) and marks drawn over the digit before them (a keycap, a strike-through). The
 *   reader sees the digits side by side, so the identifier is found as if they were not there,
 *   and redacted with them.
 *
 * Every one of these but the ASCII separators is outside ASCII: a line of plain ASCII meets them
 * nowhere (the export's fast path takes only such lines: line-check.ts).
 */

/**
 * Characters of no width, as a class (for a `u` expression, never an `i` one: a mark such as
 * U+0345 would then also match the letter it folds to, ι, and join two numbers).
 */
export const ZERO_WIDTH = '[\\p{Default_Ignorable_Code_Point}\\p{Mn}\\p{Me}]';

/** Separators of a run without a `+`, as a class. */
const SEPARATOR = '[\\p{Zs}\\p{Pd}()/\\u2212\\uff08\\uff09\\uff0f\\ufffd]';
/** Separators of a run after a `+`: dots too. */
const PLUS_SEPARATOR = '[\\p{Zs}\\p{Pd}()./\\u2212\\uff08\\uff09\\uff0e\\uff0f\\ufffd]';

const between = (separator: string): string => `${ZERO_WIDTH}*(?:${separator}${ZERO_WIDTH}*){0,2}`;

/** What may come between two digits of a run, as an expression. */
export const GAP = between(SEPARATOR);
/** What may come between two digits of a run after a `+`, as an expression. */
export const PLUS_GAP = between(PLUS_SEPARATOR);

const IS_ZERO_WIDTH = new RegExp(`^${ZERO_WIDTH}$`, 'u');
const IS_SEPARATOR = new RegExp(`^${SEPARATOR}$`, 'u');
const IS_PLUS_SEPARATOR = new RegExp(`^${PLUS_SEPARATOR}$`, 'u');
const ZERO_WIDTHS = new RegExp(ZERO_WIDTH, 'gu');

/** `text` without its characters of no width (the same string when it has none). */
export function withoutZeroWidth(text: string): string {
  return /[^\0-\x7f]/.test(text) ? text.replace(ZERO_WIDTHS, '') : text;
}

/** What a character (a code point) is between two digits: a separator, of no width, or neither. */
export type GapPart = 'separator' | 'zero-width' | undefined;

/** `code`'s part in a gap; ASCII is told at once, anything else by the classes above. */
export function gapPart(code: number, plus: boolean): GapPart {
  if (code < 0x80)
    return code === 0x20 ||
      code === 0x28 ||
      code === 0x29 ||
      code === 0x2d ||
      code === 0x2f ||
      (plus && code === 0x2e)
      ? 'separator'
      : undefined;
  const char = String.fromCodePoint(code);
  if (IS_ZERO_WIDTH.test(char)) return 'zero-width';
  return (plus ? IS_PLUS_SEPARATOR : IS_SEPARATOR).test(char) ? 'separator' : undefined;
}
