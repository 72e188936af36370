/**
 * How much of a log the window is sent at once, in characters of rows. A log's lines may each be
 * up to 1 MiB, so a page, a jump or a search counted in rows alone could come to gigabytes: one
 * answer too large to send (the preview ended on it) and a heap filled in main or the window.
 */
import type { LogRow, SavedRow } from './contract.js';

/**
 * Characters of rows one page or jump may carry, about: well under what the preview lets wait for
 * one connection (16 MiB, preview-connection.ts), and far more than 2000 ordinary rows (~1.5 M).
 */
export const PAGE_CHARS = 4 * 1024 * 1024;

/**
 * Characters of rows one search may send in all: the 5000 rows it sends at most, when they are
 * ordinary (~700 characters each), fit; a search of a log of huge lines stops sending sooner.
 */
export const SEARCH_CHARS = 8 * 1024 * 1024;

/**
 * The first rows, in order, that come to at most `budget` characters (the first row always): the
 * caller pages on from the last one it got, as the window does.
 */
export function rowsWithin(rows: readonly LogRow[], budget = PAGE_CHARS): LogRow[] {
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) break;
    chars += rowChars(row);
    if (i > 0 && chars > budget) return rows.slice(0, i);
  }
  return [...rows];
}

/** About how many characters a row takes as JSON: its words (when sent) and its record. */
export function rowChars(row: SavedRow & { text?: string }): number {
  return (row.text?.length ?? 0) + approxChars(row.record, 0);
}

/**
 * About how many characters a value takes as JSON: its strings and keys, and a few for each
 * number and mark. Records are at most 32 deep (journal-check.ts); the walk stops there anyway.
 */
function approxChars(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object' || value === null || depth > 32) return 8;
  let chars = 2;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) chars += approxChars(item, depth + 1) + 1;
    return chars;
  }
  for (const key in value)
    chars += key.length + 4 + approxChars((value as Record<string, unknown>)[key], depth + 1);
  return chars;
}
