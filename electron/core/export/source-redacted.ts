/**
 * Whether a saved log is itself an export that says it was redacted: a bundle by its manifest, a
 * JSON Lines export by its header line (the first; readers skip it as no record). Its identifiers
 * are then tokens (`IMEI-1`), whatever the next export is asked to do.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isExportHeader, journalLineText } from '../journal-reader.js';
import type { SavedLog } from './open-log.js';

/** A header line is a few hundred bytes; a first line longer than this is no header. */
const HEADER_BYTES = 64 * 1024;

export function sourceRedacted(log: SavedLog): boolean {
  if (log.kind === 'bundle') return log.manifest?.redacted === true;
  if (log.kind !== 'journal-file') return false;
  const head = Buffer.alloc(HEADER_BYTES);
  let length = 0;
  const fd = openSync(log.path, 'r');
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const end = head.subarray(0, length).indexOf(10);
  if (end < 0) return false;
  try {
    const first: unknown = JSON.parse(journalLineText(head, 0, end));
    return isExportHeader(first) && (first as { redacted?: unknown }).redacted === true;
  } catch {
    return false;
  }
}
