/**
 * Characters that act on whatever displays them rather than being read: every C0 and C1 control,
 * DEL, and the bidirectional overrides and isolates that reorder what is shown (Trojan Source). A
 * model name holding `ESC[2J` clears a terminal, OSC 0 retitles its window, U+202E turns the rest
 * of a spreadsheet cell around. Written instead as visible escapes, `\x1b` and `\u202e`: the text
 * stays readable and says what was there. The CLI (electron/cli/terminal-text.ts) and the CSV
 * export both write them so.
 */

/**
 * The sets, as the insides of a character class: each is written once, here, and every expression
 * that looks for them (below, the CLI's, the CSV's, the HTML report's) is made from them.
 */
/** Bidirectional marks, embeddings, overrides and isolates. */
export const BIDI_CHARS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** DEL and the C1 controls: what JSON.stringify leaves raw. */
export const C1_CHARS = '\\u007f-\\u009f';
/** The C0 controls but tab, line feed and carriage return. */
const C0_BUT_LINE_BREAKS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f';

/** Every such character. */
export const CONTROLS = new RegExp(`[\\u0000-\\u001f${C1_CHARS}${BIDI_CHARS}]`, 'g');

/** The same but tab, line feed and carriage return, which a format may keep (CSV quotes them). */
export const CONTROLS_BUT_LINE_BREAKS_CHARS = `${C0_BUT_LINE_BREAKS}${C1_CHARS}${BIDI_CHARS}`;
export const CONTROLS_BUT_LINE_BREAKS = new RegExp(`[${CONTROLS_BUT_LINE_BREAKS_CHARS}]`, 'g');

/** One such character as its visible escape. */
export function visibleControl(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
