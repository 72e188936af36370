/**
 * The journal's operations on one of its files, apart from what it keeps about them: making a
 * file, cutting back a failed write, letting go of a file, and telling a full disk by its error.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/**
 * Makes the journal file `path`, new (never an existing file reopened), to be written at explicit
 * offsets, not opened for appending: on Windows a file opened to append cannot be cut shorter
 * (libuv drops the right to write its data: nodejs/node#3177), and a failed write must be cut
 * back (cutBack).
 */
export function makeJournalFile(path: string): number {
  return openSync(path, 'wx');
}

/**
 * Takes the file back to `offset` bytes after a write that failed there. A full disk mostly fails
 * a write part-way: the bytes that fit are in the file. Left there, the next line joined them
 * into one damaged line (its entry lost, and not counted), and every later page-index offset in
 * the file was early, so reading a page back dropped records. Cutting a file shorter needs no
 * room. If even that fails (a failing drive), the bytes are overwritten with line feeds (blank
 * lines, which every reader skips): a next write shorter than them left the rest of a damaged
 * line, and older records after newer ones. Returns whether the file was cut (else the caller
 * tries again after its next write).
 */
export function cutBack(fd: number, offset: number): boolean {
  try {
    ftruncateSync(fd, offset);
    return true;
  } catch {
    // Blanked instead, below.
  }
  try {
    const blank = Buffer.alloc(Math.max(0, fstatSync(fd).size - offset), 0x0a);
    for (let at = 0; at < blank.length;)
      at += writeSync(fd, blank, at, blank.length - at, offset + at);
  } catch {
    // Nothing more can be done on this drive: the readers take what is left as damaged lines.
  }
  return false;
}

/** Closes `fd`; never throws (close lets go of the number even when it reports an error). */
export function letGo(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Released all the same.
  }
}

/** The file is not there (any more): a journal's oldest, say, deleted as it rotates. */
export function isGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The disk (or the user's quota on it) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** What went wrong, as the journal's words quote it. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
