/**
 * Escaping for text placed in HTML or SVG, element content and attribute values alike.
 *
 * Bidirectional overrides, embeddings, isolates and marks are shown as visible `\u202e` escapes,
 * as the CLI shows them (terminal-text.ts): from a log, one in a service name or an error turned
 * the rest of its line around in the report (`S_OK` read as `KO_S`).
 */
import { BIDI_CHARS, visibleControl } from '../../../shared/visible-controls.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = new RegExp(`[&<>"'${BIDI_CHARS}]`, 'g');
/** Not global, so testing keeps no state between calls. */
const HAS_SPECIAL = new RegExp(`[&<>"'${BIDI_CHARS}]`);

const replacement = (c: string): string => ENTITIES[c] ?? visibleControl(c);

export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  const s = String(text);
  return HAS_SPECIAL.test(s) ? s.replace(SPECIAL, replacement) : s;
}
