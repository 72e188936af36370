/** Escaping for text placed in HTML or SVG, element content and attribute values alike. */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = /[&<>"']/g;
/** Not global, so testing keeps no state between calls. */
const HAS_SPECIAL = /[&<>"']/;

export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  const s = String(text);
  return HAS_SPECIAL.test(s) ? s.replace(SPECIAL, (c) => ENTITIES[c] ?? c) : s;
}
