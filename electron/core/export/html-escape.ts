/**
 * Escaping for text placed in HTML or SVG, element content and attribute values alike.
 *
 * Control characters and bidirectional overrides, embeddings, isolates and marks are shown as
 * visible escapes (`\x1b`, `\u202e`), as the CLI and the CSV show them (visible-controls.ts): from
 * a log, an override in a service name or an error turned the rest of its line around in the
 * report (`S_OK` read as `KO_S`); an ESC left the report clearing the terminal it was `cat` in,
 * and a NUL made `grep` call it a binary file. Tab, line feed and carriage return stay: markup
 * shows them as spaces.
 */
import {
  CONTROLS_BUT_LINE_BREAKS_CHARS,
  visibleControl,
} from '../../../shared/visible-controls.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = new RegExp(`[&<>"'${CONTROLS_BUT_LINE_BREAKS_CHARS}]`, 'g');
/** Not global, so testing keeps no state between calls. */
const HAS_SPECIAL = new RegExp(`[&<>"'${CONTROLS_BUT_LINE_BREAKS_CHARS}]`);

const replacement = (c: string): string => ENTITIES[c] ?? visibleControl(c);

export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  const s = String(text);
  return HAS_SPECIAL.test(s) ? s.replace(SPECIAL, replacement) : s;
}
