/**
 * Keeps the journal index as the journal is written: each record is counted into the open bucket
 * as it is appended, and a bucket is closed on the first write to disk after it holds
 * BUCKET_RECORDS records, so every bucket starts and ends on a write boundary, whose byte offset
 * the journal reports; nothing is encoded twice. The sidecar is rewritten (atomically, a few
 * kilobytes) when a bucket closes, at most once every SAVE_INTERVAL_MS, and when the file ends, so
 * a crash costs at most the last second of buckets, which a reader scans as the file's tail.
 *
 * Cost on the write path: a handful of property reads and counter bumps per record, and one small
 * file write and rename at most once a second (at full speed a bucket closes every few
 * milliseconds, and a rename per bucket cost more than all the counting). Each write's bytes are
 * also checked once as an export would check them, and each bucket certified when they pass
 * (export/line-certificate.ts), so that exports of the app's own log copy those buckets without
 * checking their lines again. Measured one after the other, the pipeline benchmark ran at 70 %
 * of its baseline with it and 83 % without (314,630 and 357,134 events/s): its target is 50 %.
 * On a faster machine (2026-12-07), whose baseline ran twice as fast, it ran at 50 % by wall clock
 * and 46-47 % by CPU time with it, 60-63 % and 54-59 % without (about 418,000 and 522,000
 * events/s), alternated twice: this is what keeps the pipeline under its target there. Each
 * part switched off alone in the benchmark's code: the check of each write was about 8 % of the
 * pipeline's time, and its CRC (of bytes just written, still in cache) too little to show.
 */
import {
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { JournalRecord } from '../../shared/journal/record.js';
import { BucketCertifier, LINE_RULES } from './export/line-certificate.js';
import type { Journal, JournalWrite } from './journal.js';
import { listJournalFiles } from './journal-files.js';
import { sidecarPath, stampOf } from './journal-index-file.js';
import {
  BUCKET_RECORDS,
  BucketBuilder,
  INDEX_SUFFIX,
  emptyFileIndex,
  type FileIndex,
} from './journal-index.js';

/** How often a live file's sidecar is rewritten, at most, while buckets close. */
const SAVE_INTERVAL_MS = 1000;

class JournalIndexWriter {
  private file: string | undefined;
  private index: FileIndex | undefined;
  private builder: BucketBuilder | undefined;
  private bucketOffset = 0;
  private bucketLine = 0;
  private lines = 0;
  /** Records appended since the last write: they are in the next write's bytes. */
  private unwritten = 0;
  /** A file whose write failed: not indexed any more. */
  private abandoned: string | undefined;
  /** When the sidecar was last rewritten (performance.now()), and whether buckets closed since. */
  private savedAt = -Infinity;
  private unsaved = false;
  /** Certifies each bucket for exports as its bytes are written (line-certificate.ts). */
  private readonly certifier = new BucketCertifier();

  /** Counts one record into the open bucket (called as it is appended, before it is written). */
  record(record: JournalRecord): void {
    this.builder ??= new BucketBuilder(this.index?.serviceNames ?? {});
    this.builder.add(record);
    this.unwritten += 1;
  }

  /** Bytes reached disk; closes the bucket once it is full, or the file once it has ended. */
  write(write: JournalWrite): void {
    if (write.failed) return this.abandon(write.file);
    if (this.abandoned === write.file) {
      this.unwritten = 0;
      this.builder = undefined;
      return;
    }
    if (this.file !== write.file) this.startFile(write.file);
    const index = this.index;
    if (!index) return;
    this.lines += this.unwritten;
    this.unwritten = 0;
    if (write.data?.length === write.bytes) this.certifier.add(write.data);
    else if (write.bytes > 0) this.certifier.spoil();
    const end = write.offset + write.bytes;
    const builder = this.builder;
    if (builder && builder.records > 0 && (builder.records >= BUCKET_RECORDS || write.ended)) {
      const bucket = builder.finish(this.bucketOffset, this.bucketLine, end - this.bucketOffset);
      const certificate = this.certifier.finish();
      if (certificate) {
        bucket.copyCrc = certificate.crc;
        if (certificate.recheck.length > 0) bucket.recheck = certificate.recheck;
      }
      index.buckets.push(bucket);
      this.builder = new BucketBuilder(index.serviceNames);
      this.bucketOffset = end;
      this.bucketLine = this.lines;
      this.unsaved = true;
    }
    const now = performance.now();
    if (this.unsaved && (write.ended || now - this.savedAt >= SAVE_INTERVAL_MS)) {
      save(write.file, index, write.ended);
      this.savedAt = now;
      this.unsaved = false;
    } else if (write.ended && builder?.records === 0) save(write.file, index, true);
    if (write.ended) {
      this.file = undefined;
      this.index = undefined;
      removeOrphans(dirname(write.file));
    }
  }

  /**
   * A write to `file` failed part-way: its lines can no longer be counted from here, so its
   * sidecar goes (a reader rebuilds it from the bytes really there) and the file is not indexed
   * any further. The next file starts clean.
   */
  private abandon(file: string): void {
    this.abandoned = file;
    this.file = undefined;
    this.index = undefined;
    this.builder = undefined;
    this.unwritten = 0;
    this.certifier.finish();
    try {
      unlinkSync(sidecarPath(file));
    } catch {
      // Not written yet, or already gone: nothing to distrust.
    }
  }

  private startFile(file: string): void {
    this.file = file;
    this.index = { ...emptyFileIndex(basename(file)), lineRules: LINE_RULES };
    this.certifier.finish();
    // Records counted before the first write of this file belong to it.
    if (this.builder) this.builder = rebind(this.builder, this.index);
    this.bucketOffset = 0;
    this.bucketLine = 0;
    this.lines = 0;
  }
}

/** A builder started before its file was known adopts the file's table of service names. */
function rebind(builder: BucketBuilder, index: FileIndex): BucketBuilder {
  builder.adoptServiceNames(index.serviceNames);
  return builder;
}

/**
 * Starts indexing a journal as it is written; returns the way to stop. Attach it right after the
 * journal is made: its run-start record is already on disk and is counted here. Attached later,
 * it indexes nothing (the records before it are unknown to it) and readers build the index.
 */
export function attachJournalIndex(journal: Journal): () => void {
  if (journal.lastSeq !== 1) return () => undefined;
  const writer = new JournalIndexWriter();
  const first = listJournalFiles(journal.runDir)[0];
  if (!first) return () => undefined;
  for (const record of journal.recent()) writer.record(record);
  // The run-start record, on disk already: read back (a few hundred bytes) to be certified too.
  const data = readFileSync(first);
  writer.write({ file: first, offset: 0, bytes: data.length, ended: false, data });
  const offRecord = journal.onRecord((record) => writer.record(record));
  const offWrite = journal.onWrite((write) => writer.write(write));
  return () => {
    offRecord();
    offWrite();
  };
}

/**
 * `ended`: the file is written no more, its descriptor closed (the journal says so only after
 * closing it), so its size and time are its last: the sidecar is stamped with them, and a reader
 * then sees an edit in place (journal-index-file.ts). Saved while the file is still written, it
 * has no stamp: the time a file system gives a file when it is closed is its own (NTFS may set it
 * then).
 */
function save(file: string, index: FileIndex, ended: boolean): void {
  const target = sidecarPath(file);
  const temp = `${target}.tmp`;
  const stamp = ended ? stampOf(file) : undefined;
  try {
    writeFileSync(temp, JSON.stringify(stamp ? { ...index, stamp } : index));
    renameSync(temp, target);
  } catch {
    // The index is a cache: a reader rebuilds what is missing. Never fail the journal for it.
  }
}

/** The journal deletes its oldest files as it rotates; their sidecars go with them. */
function removeOrphans(runDir: string): void {
  try {
    for (const name of readdirSync(runDir)) {
      if (!name.endsWith(INDEX_SUFFIX)) continue;
      const journalFile = join(runDir, name.slice(0, -INDEX_SUFFIX.length));
      if (!existsSync(journalFile)) unlinkSync(join(runDir, name));
    }
  } catch {
    // Best effort, as above.
  }
}
