/**
 * JSON text of single values, for writers that assemble a record's JSON by hand on a hot path
 * (the trace: one event per record, where JSON.stringify of each event object was its largest
 * cost). Each gives exactly what JSON.stringify gives for the same value.
 */

/**
 * Anything but printable ASCII other than quote and backslash: JSON.stringify escapes those
 * (and controls and lone surrogates, which are outside printable ASCII); non-ASCII text, which
 * it may keep as is, simply takes the slow path.
 */
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

export function jsonString(text: string): string {
  // Nearly every string in a log is plain; only those that are not go through JSON.stringify.
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
