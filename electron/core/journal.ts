/**
 * The journal: every request, completion, event and error, appended to JSON Lines as it happens.
 *
 * Durability: lines are buffered and written with a synchronous write at most every
 * `flushIntervalMs` (50 ms by default) or once 256 KiB are waiting, so a `kill -9` loses at most
 * the last ~100 ms. The interval is kept by a timer and, since a saturated event loop delays
 * timers, also checked on every append. The page cache survives the death of the process, so no fsync is needed for
 * that guarantee (only power loss would need one, and that would cost every write).
 *
 * Memory stays bounded however long it runs: a fixed window of recent records is kept in memory,
 * everything else is read back from disk through a sparse index; files rotate by size, the
 * oldest files are deleted past a count or when the disk runs low (journal-run-files.ts), and earlier
 * runs are pruned by age and total size (never one still being written, nor one that ended
 * abnormally before anyone opened or exported it).
 */
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import {
  DEFAULT_PRUNE,
  JournalDirError,
  RUN_META_FILE,
  ensureDir,
  markRunEnded,
  markRunUnseen,
  markRunWriter,
  pruneRuns,
  runDirName,
} from './journal-files.js';
import {
  JOURNAL_FORMAT,
  JOURNAL_VERSION,
  type JournalEntry,
  type JournalRecord,
  type RunStartRecord,
} from '../../shared/journal/record.js';
import { isTimeZone } from '../../shared/journal/time-zone.js';
import { isDiskFull, reasonOf } from './journal-file-io.js';
import { LineBuffer } from './journal-line-buffer.js';
import { INDEX_SPACING, type PageIndexEntry, readIndexedPage } from './journal-page-read.js';
import { UnsavedEntries } from './journal-unsaved.js';
import { RecordWindow } from './record-window.js';
import { RunFiles, type RunFilesRoom } from './journal-run-files.js';

/**
 * A file rotates once `maxFileBytes` big (default 16 MiB); the run's oldest files are deleted
 * past `maxFilesPerRun` (default 256: 4 GiB, a kiosk's week) or, at a rotation, while the disk
 * has less than `minFreeBytes` free (default 1 GiB; `freeBytes` tells, replaced in tests).
 */
export interface JournalOptions extends RunFilesRoom {
  /** Root directory; each run gets a directory of its own inside it. */
  dir: string;
  clock: Clock;
  runStart: Pick<RunStartRecord, 'app' | 'os' | 'backend'>;
  /** Earlier runs last written longer ago than this are pruned (default 30 days). */
  maxRunAgeMs?: number;
  /** Earlier runs are pruned, oldest first, while all runs take more than this (default 4 GiB). */
  maxTotalBytes?: number;
  windowSize?: number;
  flushIntervalMs?: number;
}

type RecordListener = (record: JournalRecord) => void;

/**
 * What reached disk: `bytes` at `offset` of `file`, holding every record appended since the
 * previous write; `ended` when the file will not be written again (rotated, or the journal closed).
 * For the journal index (journal-index-writer.ts), which needs byte offsets without re-encoding.
 */
export interface JournalWrite {
  file: string;
  offset: number;
  bytes: number;
  ended: boolean;
  /**
   * The bytes written, when the listener may look at them: valid only during the call (they are
   * the journal's write buffer, reused for the next lines).
   */
  data?: Buffer;
  /**
   * The write failed (a full or failing disk): how much of it reached the file is unknown, so
   * anything that counts bytes or lines of this file must stop trusting its count.
   */
  failed?: true;
}

const FLUSH_BYTES = 256 * 1024;
/** Room above FLUSH_BYTES for the line that crosses it, so the buffer rarely has to grow. */
const BUFFER_BYTES = FLUSH_BYTES + 64 * 1024;

export class Journal {
  readonly runId: string;
  readonly runDir: string;
  private readonly clock: Clock;
  private readonly monoOrigin: number;
  private readonly wallOrigin: number;
  private readonly window: RecordWindow;
  private readonly listeners = new Set<RecordListener>();
  private readonly writeListeners = new Set<(write: JournalWrite) => void>();
  private readonly dropListeners = new Set<() => void>();
  private readonly files: RunFiles;
  private readonly pending = new LineBuffer(BUFFER_BYTES);
  private pendingFirstSeq = 0;
  private seq = 0;
  private readonly index: PageIndexEntry[] = [];
  private readonly flushTimer: NodeJS.Timeout;
  private closed = false;
  private lastTimeMs = Number.NaN;
  private readonly flushIntervalMs: number;
  private lastFlushMono = -Infinity;
  private lastTimeText = '';
  private readonly unsaved = new UnsavedEntries();
  /** Set while a flush runs: what it appends (its own error entries) waits for the next one. */
  private flushing = false;
  /** Closing: a failure of the last writes is not said in the window any more (see close). */
  private closing = false;
  /** Error entries a flush has to append once its write is done. */
  private readonly toSay: string[] = [];

  constructor(options: JournalOptions) {
    this.clock = options.clock;
    this.monoOrigin = options.clock.monoNow();
    this.wallOrigin = options.clock.wallNow();
    this.runId = randomUUID().replace(/-/g, '');
    this.flushIntervalMs = options.flushIntervalMs ?? 50;
    this.window = new RecordWindow(options.windowSize ?? 5000);
    ensureDir(options.dir);
    this.runDir = join(options.dir, runDirName(this.wallOrigin, this.runId));
    ensureDir(this.runDir);
    try {
      markRunWriter(this.runDir, process.pid);
    } catch (error) {
      throw new JournalDirError(options.dir, (error as NodeJS.ErrnoException).code ?? 'unknown', {
        cause: error,
      });
    }
    pruneRuns(options.dir, this.runDir, {
      maxAgeMs: options.maxRunAgeMs ?? DEFAULT_PRUNE.maxAgeMs,
      maxTotalBytes: options.maxTotalBytes ?? DEFAULT_PRUNE.maxTotalBytes,
      now: this.wallOrigin,
    });
    this.files = new RunFiles(this.runDir, options);
    const zone = this.clock.timeZone(this.wallOrigin);
    const runStart = this.append({
      kind: 'run-start',
      format: JOURNAL_FORMAT,
      runId: this.runId,
      ...options.runStart,
      // Every time the journal writes is UTC: this is what lines them up with the machine's own.
      // Written only as its reader takes it, or a strange machine would make its run unreadable.
      ...(isTimeZone(zone) ? { timeZone: zone } : {}),
    });
    writeFileSync(join(this.runDir, RUN_META_FILE), `${JSON.stringify(runStart)}\n`);
    this.flush();
    this.flushTimer = setInterval(() => this.flush(), this.flushIntervalMs);
    this.flushTimer.unref();
  }

  /** Entries in the in-memory page index: a few per MiB written, however often it writes. */
  get pageIndexEntries(): number {
    return this.index.length;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * The oldest record the run still holds: its oldest files may have been dropped (past the run's
   * count, or the disk full), and their records with them.
   */
  get firstSeq(): number {
    return this.readPage(1, 1)[0]?.seq ?? 1;
  }

  /** Entries this run could not save to its file, in all (a full or failing disk). */
  get unsavedEntries(): number {
    return this.unsaved.lost;
  }

  /**
   * Stamps the entry with version, sequence and both clocks, keeps it and queues it for disk.
   * `atMono` (absolute monotonic ms) is when it happened, if not now. The entry object itself
   * becomes the record; its line is serialized with the stamp first, for human readers, without
   * building a second object per record (this is the hot path).
   */
  append(entry: JournalEntry, atMono?: number): JournalRecord {
    if (this.closed) throw new Error('The journal is closed.');
    const nowMono = this.clock.monoNow();
    const at = atMono ?? nowMono;
    const seq = ++this.seq;
    const mono = Math.round((at - this.monoOrigin) * 1000) / 1000;
    const time = this.isoTime(this.clock.wallNow() - (nowMono - at));
    const body = JSON.stringify(entry);
    if (this.pending.byteLength === 0) this.pendingFirstSeq = seq;
    this.pending.appendRecord(
      `{"v":${JOURNAL_VERSION},"seq":${seq},"time":"${time}","mono":${mono}`,
      body,
    );
    const record = entry as JournalRecord;
    record.v = JOURNAL_VERSION;
    record.seq = seq;
    record.time = time;
    record.mono = mono;
    this.window.push(record);
    for (const listener of this.listeners) listener(record);
    // The timer cannot fire while the event loop is saturated: then appending flushes too.
    if (
      this.pending.byteLength >= FLUSH_BYTES ||
      nowMono - this.lastFlushMono >= this.flushIntervalMs
    )
      this.flush();
    return record;
  }

  /** ISO formatting is costly and many records share a millisecond, so the last one is reused. */
  private isoTime(wallMs: number): string {
    const ms = Math.floor(wallMs);
    if (ms !== this.lastTimeMs) {
      this.lastTimeMs = ms;
      this.lastTimeText = new Date(ms).toISOString();
    }
    return this.lastTimeText;
  }

  onRecord(listener: RecordListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hears the run's oldest files dropped (`firstSeq` has moved on), once they are gone; returns
   * its removal.
   */
  onFilesDropped(listener: () => void): () => void {
    this.dropListeners.add(listener);
    return () => this.dropListeners.delete(listener);
  }

  /** Hears every write to disk (see JournalWrite); returns its removal. */
  onWrite(listener: (write: JournalWrite) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  private wrote(offset: number, bytes: number, ended: boolean, data?: Buffer): void {
    if (this.writeListeners.size === 0) return;
    const write: JournalWrite = { file: this.currentFile(), offset, bytes, ended, data };
    for (const listener of this.writeListeners) listener(write);
  }

  private currentFile(): string {
    return this.files.current;
  }

  /** The most recent records kept in memory, oldest first. */
  recent(limit?: number): JournalRecord[] {
    return this.window.last(limit ?? this.window.size);
  }

  /** Monotonic time of `mono` in this run's terms (what records carry). */
  runMono(absoluteMono: number): number {
    return absoluteMono - this.monoOrigin;
  }

  /**
   * Records with `seq >= fromSeq`, at most `limit`, from memory when the window holds them and
   * from disk otherwise. Records rotated away are gone; the page then starts at the oldest kept.
   */
  readPage(fromSeq: number, limit: number): JournalRecord[] {
    const from = Math.max(1, Math.floor(fromSeq));
    const count = Math.max(0, Math.min(limit, this.seq - from + 1));
    if (count === 0) return [];
    const oldestInWindow = this.window.oldestSeq();
    if (oldestInWindow !== undefined && from >= oldestInWindow) {
      return this.window.range(from, count);
    }
    this.flush();
    return readIndexedPage(this.runDir, this.index, from, count);
  }

  /**
   * Writes whatever is buffered; called on a timer, on size, before reading the file back, and on
   * close. It never throws: a write that fails (a full or failing disk) was thrown from the timer,
   * which ended the CLI's watch and put up Electron's error dialog, or out of whatever record was
   * being appended, or out of a search. Now the journal goes on: the window still shows every
   * entry, the failure is said once as an error entry (journal-unsaved.ts), each flush tries
   * again, and once writes hold, the file says which entries it lacks.
   */
  flush(): void {
    const now = this.clock.monoNow();
    this.lastFlushMono = now;
    if (this.closed || this.flushing) return;
    if (this.pending.byteLength === 0) {
      this.say(this.unsaved.held(now));
    } else {
      this.flushing = true;
      try {
        if (this.writePending(now) && this.files.full) this.rotate();
      } finally {
        this.flushing = false;
      }
    }
    this.sayNow();
  }

  /** What a flush had to say, appended once its write is done: entries like any other. */
  private sayNow(): void {
    if (this.toSay.length === 0) return;
    if (this.closing) {
      this.toSay.length = 0;
      return;
    }
    for (const message of this.toSay.splice(0))
      this.append({ kind: 'error', message, context: 'journal' });
  }

  /** One write of the buffered lines; false if it failed. */
  private writePending(now: number): boolean {
    // One entry per INDEX_SPACING bytes, not per write: a quiet kiosk writes every 50 ms, which
    // over a week would be millions of entries; a page read starts at most that far back.
    const files = this.files;
    const last = this.index[this.index.length - 1];
    if (!last || last.fileNo !== files.fileNo || files.fileBytes - last.offset >= INDEX_SPACING)
      this.index.push({
        firstSeq: this.pendingFirstSeq,
        fileNo: files.fileNo,
        offset: files.fileBytes,
      });
    const offset = files.fileBytes;
    const first = this.pendingFirstSeq;
    const data = this.writeListeners.size > 0 ? this.pending.pendingBytes() : undefined;
    try {
      files.write(this.pending);
    } catch (error) {
      // The index counted the lost records as they were appended: it gives this file up (a
      // reader rebuilds its index from the bytes really there, journal-index-writer.ts).
      for (const listener of this.writeListeners)
        listener({ file: this.currentFile(), offset, bytes: 0, ended: false, failed: true });
      const starts = this.unsaved.failed(first, this.seq, reasonOf(error), now);
      this.say(starts);
      // The disk full (by something else: the journal keeps its last GiB free): the run's oldest
      // file goes, or nothing new would be saved until someone came. One a gap, not one a failed
      // write: a full disk 50 ms writes later is the same full disk, and the room may be taken
      // again by whatever filled it; the run's history must not go with it.
      if (starts !== undefined && isDiskFull(error) && files.canDrop) {
        files.dropOldestFile();
        this.trimIndex();
      }
      return false;
    }
    this.wrote(offset, files.fileBytes - offset, false, data);
    this.say(this.unsaved.wrote(now));
    return true;
  }

  private say(message: string | undefined): void {
    if (message !== undefined) this.toSay.push(message);
  }

  /**
   * For an export of this run made while its file lacks entries (the disk full since, or writes
   * back for less than long enough to say so in the file): an error entry saying which are
   * missing, appended now, and returned for the export to end with. The export reads the file,
   * and without it a log exported to a USB stick from a full kiosk ended days before the
   * technician came, with nothing to say why. Undefined when the file lacks nothing known;
   * `entries`: how many it lacks. Call after a flush, so that what could be written is.
   */
  noteExportedGap(): { record: JournalRecord; entries: number } | undefined {
    const gap = this.unsaved.openNow();
    if (gap === undefined || this.closed) return undefined;
    const record = this.append({
      kind: 'error',
      message: `Exported while the journal file lacks entries: ${gap.words} They are missing from this export too.`,
      context: 'journal',
    });
    return { record, entries: gap.entries };
  }

  /** Closes the file; never throws (the quit path must finish, whatever the disk does). */
  close(): void {
    if (this.closed) return;
    this.flush();
    // A gap still open when the app quits (or after a quiet spell) is said in the file, or the
    // file would lack entries and never say so; it is written if the disk has room again.
    this.say(this.unsaved.atClose());
    this.sayNow();
    // Were this last write to fail, "writing is tried again" would be untrue: nothing is.
    this.closing = true;
    this.flush();
    clearInterval(this.flushTimer);
    this.closed = true;
    // Entries lost that the file does not say: the run is left to read as ended abnormally,
    // which keeps it from pruning until someone has looked at it (journal-files.ts).
    const unsaid = this.unsaved.openNow() !== undefined;
    this.files.close();
    this.wrote(this.files.fileBytes, 0, true);
    this.listeners.clear();
    this.writeListeners.clear();
    this.dropListeners.clear();
    if (unsaid) markRunUnseen(this.runDir);
    try {
      if (!unsaid) markRunEnded(this.runDir);
    } catch {
      // The disk went away: the run will read as ended abnormally and be kept, which is safe.
    }
  }

  /** Goes on in the next file (RunFiles.rotate), or says why it cannot. */
  private rotate(): void {
    this.say(this.files.rotate(() => this.wrote(this.files.fileBytes, 0, true)));
    this.trimIndex();
  }

  /** The page index forgets the files dropped (read back, they would be missing). */
  private trimIndex(): void {
    const first = this.files.firstFileNo;
    const before = this.index.length;
    while (this.index.length > 0 && (this.index[0]?.fileNo ?? Infinity) < first) this.index.shift();
    if (this.index.length < before) for (const listener of this.dropListeners) listener();
  }
}
