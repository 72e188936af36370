/**
 * A run's journal files as the journal writes them: the one open and how far it is written, the
 * next opened once it is full, and the oldest deleted past the run's count or while the disk is
 * low (journal-room.ts says how much the journal may take). The journal (journal.ts) decides what
 * to write and when; this is where its lines go, and which files still hold them.
 */
import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { journalFileName } from './journal-files.js';
import { cutBack, letGo, makeJournalFile, reasonOf } from './journal-file-io.js';
import type { LineBuffer } from './journal-line-buffer.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_FILES_PER_RUN,
  DEFAULT_MIN_FREE_BYTES,
  MIN_FILES_KEPT,
  freeBytesAt,
} from './journal-room.js';

export interface RunFilesRoom {
  /** A file rotates once this big. */
  maxFileBytes?: number;
  /** The run's oldest files are deleted past this many. */
  maxFilesPerRun?: number;
  /** Below this much free disk, rotations drop the run's oldest files. */
  minFreeBytes?: number;
  /** Free bytes on the disk holding a folder (statfs); replaced in tests. */
  freeBytes?: (dir: string) => number | undefined;
}

export class RunFiles {
  private number = 1;
  private firstNumber = 1;
  private written = 0;
  private fd: number;
  /** Bytes of a failed write past `fileBytes` that could not be cut off (journal-file-io.ts). */
  private overhang = false;
  /** The next file could not be made: said once, until a rotation goes through. */
  private nextFileFailing = false;
  private readonly maxFileBytes: number;
  private readonly maxFilesPerRun: number;
  private readonly minFreeBytes: number;
  private readonly freeBytes: (dir: string) => number | undefined;

  /** Makes the run's first file (throws when it cannot be made). */
  constructor(
    private readonly runDir: string,
    room: RunFilesRoom,
  ) {
    this.maxFileBytes = room.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxFilesPerRun = room.maxFilesPerRun ?? DEFAULT_MAX_FILES_PER_RUN;
    this.minFreeBytes = room.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    this.freeBytes = room.freeBytes ?? freeBytesAt;
    this.fd = makeJournalFile(this.current);
  }

  /** The number of the file being written. */
  get fileNo(): number {
    return this.number;
  }

  /** The number of the oldest file still kept. */
  get firstFileNo(): number {
    return this.firstNumber;
  }

  /** Bytes written to the file being written (all that it holds of the journal's). */
  get fileBytes(): number {
    return this.written;
  }

  /** The file being written. */
  get current(): string {
    return join(this.runDir, journalFileName(this.fileNo));
  }

  /** The file is at its size limit: the next flush goes on in a new one (`rotate`). */
  get full(): boolean {
    return this.fileBytes >= this.maxFileBytes;
  }

  /** The run's files kept on disk, the one being written included. */
  get count(): number {
    return this.fileNo - this.firstFileNo + 1;
  }

  /** Whether one file may go to make room: the newest few always stay. */
  get canDrop(): boolean {
    return this.count > MIN_FILES_KEPT;
  }

  /**
   * Writes the buffered lines at the file's end; throws as the write did (a full or failing
   * disk), having cut back what of it reached the file, as far as it could.
   */
  write(lines: LineBuffer): void {
    const offset = this.fileBytes;
    try {
      this.written += lines.writeTo(this.fd, offset);
    } catch (error) {
      this.cutBackTo(offset);
      throw error;
    }
    // What a failed write left past the end, when it could not be cut then, is cut after this one.
    if (this.overhang) this.cutBackTo(this.fileBytes);
  }

  /**
   * Goes on in the next file; `ended` hears the file left before the next is counted. Opened
   * before this one is closed: opened after, a failure (no room for the file, too many open) left
   * the journal's descriptor naming a closed file, whose number the next file opened anywhere in
   * the process took, and the journal's next lines were written into that file. Now the journal
   * goes on in this file, past its size limit, and tries again at the next flush: what to say
   * then is returned, once. The oldest files are dropped while the disk is low either way.
   */
  rotate(ended: () => void): string | undefined {
    const nextName = journalFileName(this.fileNo + 1);
    let next: number;
    try {
      next = makeJournalFile(join(this.runDir, nextName));
    } catch (error) {
      const first = !this.nextFileFailing;
      this.nextFileFailing = true;
      this.dropOldestFiles();
      return first
        ? `The journal's next file, ${nextName}, could not be made (${reasonOf(error)}): it goes on in ${journalFileName(this.fileNo)}, past its size limit, and tries again.`
        : undefined;
    }
    this.nextFileFailing = false;
    this.letGoOfFile();
    ended();
    this.number += 1;
    this.written = 0;
    this.fd = next;
    this.dropOldestFiles();
    return undefined;
  }

  /** Deletes the run's oldest file; returns its size (0 when it was gone already). */
  dropOldestFile(): number {
    const oldest = join(this.runDir, journalFileName(this.firstFileNo));
    let size = 0;
    try {
      size = statSync(oldest).size;
      unlinkSync(oldest);
    } catch {
      // Already gone: counted as dropped all the same.
    }
    this.firstNumber += 1;
    return size;
  }

  /** Closes the file being written; never throws. */
  close(): void {
    this.letGoOfFile();
  }

  private letGoOfFile(): void {
    if (this.overhang) this.cutBackTo(this.fileBytes);
    this.overhang = false;
    letGo(this.fd);
  }

  /** See cutBack (journal-file-io.ts); what is left uncut is cut again after the next write. */
  private cutBackTo(offset: number): void {
    this.overhang = !cutBack(this.fd, offset);
  }

  /** Past the count, or while the disk is low: the oldest go, the newest few always stay. */
  private dropOldestFiles(): void {
    let free = this.freeBytes(this.runDir) ?? Infinity;
    for (;;) {
      const files = this.count;
      const overCount = files > this.maxFilesPerRun;
      if (!overCount && (free >= this.minFreeBytes || files <= MIN_FILES_KEPT)) break;
      free += this.dropOldestFile();
    }
  }
}
