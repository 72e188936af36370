/**
 * Reading a page of the journal being written back from its files, through the journal's sparse
 * in-memory page index: one entry every INDEX_SPACING bytes of a file, so a page read starts at
 * most that far before the records it wants, however long the run.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalRecord } from '../../shared/journal/record.js';
import { journalFileName } from './journal-files.js';

/** Bytes of a file between two entries of the page index. */
export const INDEX_SPACING = 64 * 1024;

/** Where a write began: the first record it held, its file and its byte offset in that file. */
export interface PageIndexEntry {
  firstSeq: number;
  fileNo: number;
  offset: number;
}

/** Records with `seq >= from`, at most `count`, read from the files of `runDir`. */
export function readIndexedPage(
  runDir: string,
  index: readonly PageIndexEntry[],
  from: number,
  count: number,
): JournalRecord[] {
  // The last entry starting at or before `from` (entries are in seq order).
  let start = 0;
  let high = index.length - 1;
  while (start < high) {
    const mid = (start + high + 1) >>> 1;
    if ((index[mid]?.firstSeq ?? Infinity) <= from) start = mid;
    else high = mid - 1;
  }
  const out: JournalRecord[] = [];
  for (let i = start; i < index.length && out.length < count; i++) {
    const entry = index[i];
    const next = index[i + 1];
    if (!entry) break;
    const end = next && next.fileNo === entry.fileNo ? next.offset : undefined;
    for (const record of readLines(
      join(runDir, journalFileName(entry.fileNo)),
      entry.offset,
      end,
    )) {
      if (record.seq >= from) out.push(record);
      if (out.length >= count) break;
    }
  }
  return out;
}

function readLines(path: string, offset: number, end: number | undefined): JournalRecord[] {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let position = offset;
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const want = end === undefined ? buffer.length : Math.min(buffer.length, end - position);
      if (want <= 0) break;
      const n = readSync(fd, buffer, 0, want, position);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      position += n;
    }
    const records: JournalRecord[] = [];
    for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
      if (!line) continue;
      try {
        records.push(JSON.parse(line) as JournalRecord);
      } catch {
        // A torn line (only ever the last one after a crash): skip it.
      }
    }
    return records;
  } finally {
    closeSync(fd);
  }
}
