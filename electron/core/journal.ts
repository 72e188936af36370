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
 * oldest files are deleted past a count or when the disk runs low (journal-room.ts), and earlier
 * runs are pruned by age and total size (never one still being written, nor one that ended
 * abnormally before anyone opened or exported it).
 */
import { closeSync, openSync, readSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import {
  DEFAULT_PRUNE,
  JournalDirError,
  RUN_META_FILE,
  ensureDir,
  journalFileName,
  markRunEnded,
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
import { LineBuffer } from './journal-line-buffer.js';
import { RecordWindow } from './record-window.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_FILES_PER_RUN,
  DEFAULT_MIN_FREE_BYTES,
  MIN_FILES_KEPT,
  freeBytesAt,
} from './journal-room.js';

export interface JournalOptions {
  /** Root directory; each run gets a directory of its own inside it. */
  dir: string;
  clock: Clock;
  runStart: Pick<RunStartRecord, 'app' | 'os' | 'backend'>;
  /** A file rotates once this big (default 16 MiB). */
  maxFileBytes?: number;
  /** The run's oldest files are deleted past this many (default 256: 4 GiB, a kiosk's week). */
  maxFilesPerRun?: number;
  /** Below this much free disk, rotations drop the run's oldest files (default 1 GiB). */
  minFreeBytes?: number;
  /** Free bytes on the disk holding a folder (statfs); replaced in tests. */
  freeBytes?: (dir: string) => number | undefined;
  /** Earlier runs last written longer ago than this are pruned (default 30 days). */
  maxRunAgeMs?: number;
  /** Earlier runs are pruned, oldest first, while all runs take more than this (default 4 GiB). */
  maxTotalBytes?: number;
  windowSize?: number;
  flushIntervalMs?: number;
}

/** Bytes of a file between two entries of the in-memory page index (see flush). */
const INDEX_SPACING = 64 * 1024;

interface IndexEntry {
  firstSeq: number;
  fileNo: number;
  offset: number;
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
/** Writes going through for this long (ms) after the last that failed: the journal is written again. */
const RECOVERED_MS = 5000;
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
  private readonly maxFileBytes: number;
  private readonly maxFilesPerRun: number;
  private readonly minFreeBytes: number;
  private readonly freeBytes: (dir: string) => number | undefined;
  private readonly pending = new LineBuffer(BUFFER_BYTES);
  private pendingFirstSeq = 0;
  private seq = 0;
  private fd: number;
  private fileNo = 1;
  private firstFileNo = 1;
  private fileBytes = 0;
  private readonly index: IndexEntry[] = [];
  private readonly flushTimer: NodeJS.Timeout;
  private closed = false;
  private lastTimeMs = Number.NaN;
  private readonly flushIntervalMs: number;
  private lastFlushMono = -Infinity;
  private lastTimeText = '';
  /** Entries failed writes lost, from the first failure until writes go through again. */
  private unsaved:
    { first: number; last: number; count: number; reason: string; failedAt: number } | undefined;

  constructor(options: JournalOptions) {
    this.clock = options.clock;
    this.monoOrigin = options.clock.monoNow();
    this.wallOrigin = options.clock.wallNow();
    this.runId = randomUUID().replace(/-/g, '');
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxFilesPerRun = options.maxFilesPerRun ?? DEFAULT_MAX_FILES_PER_RUN;
    this.minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    this.freeBytes = options.freeBytes ?? freeBytesAt;
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
    this.fd = openSync(join(this.runDir, journalFileName(this.fileNo)), 'a');
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
    this.flushTimer = setInterval(() => this.flushOnItsOwn(), this.flushIntervalMs);
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
      this.flushOnItsOwn();
    return record;
  }

  /**
   * A flush on the timer or on size. A write that failed (the disk full, the drive gone) was
   * thrown from the timer, which ended the CLI's watch and put up Electron's error dialog, or out
   * of whatever record was being appended. Now the journal goes on: the window still shows every
   * entry, an error entry says entries are not being saved and why, and each flush tries again.
   * Once writes have gone through for RECOVERED_MS, another error entry, written to the file,
   * says how many entries it lacks and between which. Not at the first write that goes through:
   * on a nearly full disk small writes fit where larger ones do not, and the window filled with
   * one pair of entries every 50 ms.
   */
  private flushOnItsOwn(): void {
    const first = this.pendingFirstSeq;
    const last = this.seq;
    const pending = this.pending.byteLength > 0;
    const before = { fileNo: this.fileNo, bytes: this.fileBytes };
    const now = this.clock.monoNow();
    try {
      this.flush();
    } catch (error) {
      // Written, but the next file could not be made: nothing lost, rotation is tried again.
      if (!pending || this.fileNo !== before.fileNo || this.fileBytes !== before.bytes) return;
      const reason = error instanceof Error ? error.message : String(error);
      const lost = this.unsaved;
      if (lost) {
        lost.last = last;
        lost.count += last - first + 1;
        lost.failedAt = now;
        return;
      }
      this.unsaved = { first, last, count: last - first + 1, reason, failedAt: now };
      this.append({
        kind: 'error',
        message: `The journal file could not be written (${reason}): entries from #${String(first)} on are shown here but may not be saved; writing is tried again.`,
        context: 'journal',
      });
      return;
    }
    // Only a write that went through counts: an idle flush writes nothing and proves nothing.
    const lost = this.unsaved;
    if (!lost || !pending || now - lost.failedAt < RECOVERED_MS) return;
    this.unsaved = undefined;
    const entries = lost.count === 1 ? '1 entry' : `${String(lost.count)} entries`;
    this.append({
      kind: 'error',
      message: `The journal file is written again. ${entries} between #${String(lost.first)} and #${String(lost.last)} could not be saved (${lost.reason}) and are missing from it.`,
      context: 'journal',
    });
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
    return join(this.runDir, journalFileName(this.fileNo));
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
    return this.readFromDisk(from, count);
  }

  /** Writes whatever is buffered. Called on a timer, on size, and on close. */
  flush(): void {
    this.lastFlushMono = this.clock.monoNow();
    if (this.pending.byteLength === 0 || this.closed) return;
    // One entry per INDEX_SPACING bytes, not per write: a quiet kiosk writes every 50 ms, which
    // over a week would be millions of entries; a page read starts at most that far back.
    const last = this.index[this.index.length - 1];
    if (!last || last.fileNo !== this.fileNo || this.fileBytes - last.offset >= INDEX_SPACING)
      this.index.push({
        firstSeq: this.pendingFirstSeq,
        fileNo: this.fileNo,
        offset: this.fileBytes,
      });
    const offset = this.fileBytes;
    const data = this.writeListeners.size > 0 ? this.pending.pendingBytes() : undefined;
    try {
      this.fileBytes += this.pending.writeTo(this.fd);
    } catch (error) {
      if (this.writeListeners.size > 0)
        for (const listener of this.writeListeners)
          listener({ file: this.currentFile(), offset, bytes: 0, ended: false, failed: true });
      throw error;
    }
    this.wrote(offset, this.fileBytes - offset, false, data);
    if (this.fileBytes >= this.maxFileBytes) this.rotate();
  }

  close(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      clearInterval(this.flushTimer);
      this.closed = true;
      // Closed however the last write went: left open, the file could not be moved or deleted
      // on Windows for as long as the app ran. A failed last write leaves the run unmarked as
      // ended, so it reads as ended abnormally and is kept.
      closeSync(this.fd);
    }
    this.wrote(this.fileBytes, 0, true);
    this.listeners.clear();
    this.writeListeners.clear();
    try {
      markRunEnded(this.runDir);
    } catch {
      // The disk went away: the run will read as ended abnormally and be kept, which is safe.
    }
  }

  private rotate(): void {
    // The next file is opened before this one is closed: opened after, a failure (no room for
    // the file, too many open) left `fd` naming a closed file, whose number the next file opened
    // anywhere in the process took, and the journal's next lines were written into that file.
    // Now the journal goes on in this file and tries again at the next flush.
    const next = openSync(join(this.runDir, journalFileName(this.fileNo + 1)), 'a');
    closeSync(this.fd);
    this.wrote(this.fileBytes, 0, true);
    this.fileNo += 1;
    this.fileBytes = 0;
    this.fd = next;
    // Past the count, or while the disk is low: the oldest go, the newest few always stay.
    let free = this.freeBytes(this.runDir) ?? Infinity;
    for (;;) {
      const files = this.fileNo - this.firstFileNo + 1;
      const overCount = files > this.maxFilesPerRun;
      if (!overCount && (free >= this.minFreeBytes || files <= MIN_FILES_KEPT)) break;
      const oldest = join(this.runDir, journalFileName(this.firstFileNo));
      try {
        const size = statSync(oldest).size;
        unlinkSync(oldest);
        free += size;
      } catch {
        // Already gone; the index is still trimmed below.
      }
      this.firstFileNo += 1;
      while (this.index.length > 0 && (this.index[0]?.fileNo ?? Infinity) < this.firstFileNo)
        this.index.shift();
    }
  }

  private readFromDisk(from: number, count: number): JournalRecord[] {
    // The last entry starting at or before `from` (entries are in seq order).
    let start = 0;
    let high = this.index.length - 1;
    while (start < high) {
      const mid = (start + high + 1) >>> 1;
      if ((this.index[mid]?.firstSeq ?? Infinity) <= from) start = mid;
      else high = mid - 1;
    }
    const out: JournalRecord[] = [];
    for (let i = start; i < this.index.length && out.length < count; i++) {
      const entry = this.index[i];
      const next = this.index[i + 1];
      if (!entry) break;
      const end = next && next.fileNo === entry.fileNo ? next.offset : undefined;
      for (const record of readLines(
        join(this.runDir, journalFileName(entry.fileNo)),
        entry.offset,
        end,
      )) {
        if (record.seq >= from) out.push(record);
        if (out.length >= count) break;
      }
    }
    return out;
  }
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
