/**
 * Text from a device, a scenario or a log is shown escaped before it reaches a terminal: a model
 * name holding `ESC[2J` would clear the technician's screen, OSC 0 would retitle the window and
 * OSC 8 would plant a hyperlink. Every C0 and C1 control, DEL, and the bidirectional overrides
 * that reorder what is displayed (Trojan Source) are written as visible `\x1b` / `\u202e` escapes.
 * The CLI's own line breaks, progress `\r` and clear-line sequences are written by the CLI itself
 * and never pass through here. The characters and their escapes: shared/visible-controls.ts.
 */
import { BIDI_CHARS, C1_CHARS, CONTROLS, visibleControl } from '../../shared/visible-controls.js';

/** What JSON.stringify leaves raw: C1 controls and bidi marks. */
const UNSAFE_IN_JSON = new RegExp(`[${C1_CHARS}${BIDI_CHARS}]`, 'g');
/** The same set as CONTROLS without the line feed. */
const UNSAFE_BUT_NEWLINE = new RegExp(
  `[\\u0000-\\u0009\\u000b-\\u001f${C1_CHARS}${BIDI_CHARS}]`,
  'g',
);

/** One field (a name, a model, an ID) for one line of output: every control shown escaped. */
export function safe(text: string): string {
  return text.replace(CONTROLS, visibleControl);
}

/** A message that may span lines (an error naming a file and its problems): line feeds kept. */
export function safeLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, visibleControl);
}

/**
 * JSON for a terminal or a script. JSON.stringify already escapes C0 controls, but not C1 (such
 * as U+009B, a one-character CSI for some terminals) nor bidi overrides: those become `\uXXXX`,
 * which any JSON reader decodes back to the same string.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
