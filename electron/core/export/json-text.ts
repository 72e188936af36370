/**
 * JSON text of single values, for writers that assemble a record's JSON by hand on a hot path
 * (the trace: one event per record, where JSON.stringify of each event object was its largest
 * cost). Each gives exactly what JSON.stringify gives for the same value.
 */

/**
 * What JSON.stringify escapes in a string: quote, backslash, controls, and lone surrogates (a
 * surrogate of a pair is sent the slow way too, where JSON.stringify keeps the pair). Any other
 * text, non-ASCII included (the `→` of every session change), it writes as it is.
 */
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\ud7ff\ue000-\uffff]/;

export function jsonString(text: string): string {
  // Nearly every string in a log is plain; only those that are not go through JSON.stringify.
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
