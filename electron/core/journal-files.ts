/**
 * Where journals live on disk: one directory per run (so the previous run's journal is never
 * touched by the next), numbered JSON Lines files inside it, and a small run.json with the
 * run-start record so a run stays identifiable after its first file has been rotated away.
 *
 * Beside them, three markers say how a run ended, so pruning never loses one that matters:
 * `writer.pid` (which process writes it), `ended` (it was closed properly) and `seen` (a run
 * that ended abnormally has since been opened or exported).
 */
import { existsSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makeDirs } from './make-dirs.js';
import { isOwnPath } from './own-folders.js';
import { readSmallFile } from './plain-file.js';
import { sameBoot, writerMachineText } from './writer-machine.js';

export const RUN_META_FILE = 'run.json';
const WRITER_FILE = 'writer.pid';
/** Its machine and boot (./writer-machine.ts): a file of its own, which older versions ignore. */
const WRITER_BOOT_FILE = 'writer.boot';
const ENDED_FILE = 'ended';
const SEEN_FILE = 'seen';
// Milliseconds in the stamp: runs sort by name in start order even when two start in one second.
const RUN_DIR = /^run-\d{8}T\d{9}Z-[0-9a-f]{6}$/;
const JOURNAL_FILE = /^journal-(\d{6})\.jsonl$/;

export { runDirName } from './run-name.js';

/**
 * When the run of the folder `name` started, as its name says it (ISO 8601, UTC), or null for a
 * name that is no run's.
 */
export function runStartedAt(name: string): string | null {
  if (!RUN_DIR.test(name)) return null;
  const s = name.slice(4, 23);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

export function journalFileName(index: number): string {
  return `journal-${String(index).padStart(6, '0')}.jsonl`;
}

/** Runs in a journal directory, oldest first (names sort by start time). */
export function listRuns(rootDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(rootDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => RUN_DIR.test(n))
    .sort()
    .map((n) => join(rootDir, n));
}

/** A run's journal files in write order. */
export function listJournalFiles(runDir: string): string[] {
  return readdirSync(runDir)
    .filter((n) => JOURNAL_FILE.test(n))
    .sort()
    .map((n) => join(runDir, n));
}

/**
 * The journal files missing between a run's first and last (`files` as listJournalFiles lists
 * them), by name: a file lost from the middle of a run (copied without it, deleted by hand) left
 * hours of the log unsearched and unexported without a word, the rows on either side reading as
 * a quiet night. A run's first files missing is no loss to tell: the journal deletes its oldest
 * files as it rotates.
 */
export function missingJournalFiles(files: readonly string[]): string[] {
  const numbers = files.flatMap((file) => {
    const match = JOURNAL_FILE.exec(basename(file));
    return match?.[1] ? [Number(match[1])] : [];
  });
  const missing: string[] = [];
  for (let i = 1; i < numbers.length; i++)
    for (let n = (numbers[i - 1] ?? 0) + 1; n < (numbers[i] ?? 0); n++)
      missing.push(journalFileName(n));
  return missing;
}

/** The journal folder cannot be created or written: in plain words, with the system's code. */
export class JournalDirError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The journal folder ${dir} cannot be written (${code}${CODE_WORDS[code] ? `: ${CODE_WORDS[code]}` : ''}). Choose another with --journal-dir or MBN_DIAG_JOURNAL_DIR.`,
      options,
    );
    this.name = 'JournalDirError';
  }
}

const CODE_WORDS: Readonly<Record<string, string>> = {
  EROFS: 'the disk is read-only',
  EACCES: 'no permission',
  EPERM: 'no permission',
  ENOTDIR: 'a file stands where a folder should be',
  EEXIST: 'a file stands where a folder should be',
  ENOENT: 'folders cannot be created there',
  ENOSPC: 'the disk is full',
};

/** Creates a folder and its missing parents (./make-dirs.ts), or throws JournalDirError. */
export function ensureDir(dir: string): void {
  try {
    makeDirs(dir);
  } catch (error) {
    const failed = error as NodeJS.ErrnoException;
    throw new JournalDirError(failed.path ?? dir, failed.code ?? 'unknown', { cause: error });
  }
}

export interface PrunePolicy {
  /** Runs last written longer ago than this are deleted (default 30 days). */
  maxAgeMs: number;
  /** The oldest runs are deleted while all runs together take more than this (default 4 GiB). */
  maxTotalBytes: number;
  now: number;
}

export const DEFAULT_PRUNE: Omit<PrunePolicy, 'now'> = {
  maxAgeMs: 30 * 24 * 3600 * 1000,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
};

export type RunEnd =
  /** Closed properly, or written before runs recorded how they ended. */
  | 'ended'
  /** Its writer is still running (another window, a CLI command). */
  | 'live'
  /** Its writer died (kill -9, a crash, a power cut) and nobody has looked at it yet. */
  | 'abnormal'
  /** Ended abnormally, since opened or exported. */
  | 'abnormal-seen';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function runEnd(runDir: string): RunEnd {
  if (existsSync(join(runDir, ENDED_FILE))) return 'ended';
  const pidFile = join(runDir, WRITER_FILE);
  const text = readSmallFile(pidFile, 64);
  // There but no pid (too large, no plain file): not ended for all anyone knows, so kept.
  if (text === undefined && !existsSync(pidFile)) return 'ended';
  const pid = Number(text?.trim());
  const ours = sameBoot(readSmallFile(join(runDir, WRITER_BOOT_FILE), 1024));
  if (Number.isInteger(pid) && pid > 0 && ours && processAlive(pid)) return 'live';
  return existsSync(join(runDir, SEEN_FILE)) ? 'abnormal-seen' : 'abnormal';
}

/** Whether the run's writer stopped without closing it (looked at since or not). */
export function endedAbnormally(runDir: string): boolean {
  const end = runEnd(runDir);
  return end === 'abnormal' || end === 'abnormal-seen';
}

/** Notes that this run's writer is `pid`, for as long as it has not ended. */
export function markRunWriter(runDir: string, pid: number): void {
  // First: a pid without it reads as a run from before it was recorded, believed by its pid.
  writeFileSync(join(runDir, WRITER_BOOT_FILE), writerMachineText());
  writeFileSync(join(runDir, WRITER_FILE), `${pid}\n`);
}

export function markRunEnded(runDir: string): void {
  writeFileSync(join(runDir, ENDED_FILE), '');
}

/**
 * A run that closed lacking entries its file does not explain is to be looked at again, however
 * often it was exported while it ran (each export marked it seen). Never fails.
 */
export function markRunUnseen(runDir: string): void {
  try {
    unlinkSync(join(runDir, SEEN_FILE));
  } catch {
    // Not marked, or the disk went away: either way it is not marked seen.
  }
}

/**
 * Notes that a run has been opened or exported, so that, if it ended abnormally, it may now be
 * pruned like any other. Only for run directories; never fails (the log may be read-only).
 */
export function markRunSeen(runDir: string): void {
  // Only the app's own runs are pruned, so only they are marked: a run folder opened from a
  // ticket or a customer's stick is evidence, and nobody chose to write in it.
  if (!isOwnPath(runDir)) return;
  if (!RUN_DIR.test(basename(runDir)) || !existsSync(join(runDir, RUN_META_FILE))) return;
  try {
    writeFileSync(join(runDir, SEEN_FILE), '');
  } catch {
    // A read-only copy: it is not going to be pruned from here either.
  }
}

function runSize(runDir: string): { bytes: number; lastWrite: number } {
  let bytes = 0;
  // From the folder's own time: a run another process has just made holds no file yet, and read
  // as last written in 1970 it was pruned before its writer could mark it (two mbn-diag
  // processes starting together: the second one's journal failed with ENOENT).
  let lastWrite = statSync(runDir).mtimeMs;
  for (const name of readdirSync(runDir)) {
    try {
      const info = statSync(join(runDir, name));
      bytes += info.size;
      lastWrite = Math.max(lastWrite, info.mtimeMs);
    } catch {
      // Deleted meanwhile.
    }
  }
  return { bytes, lastWrite };
}

function holdsJournalBytes(runDir: string): boolean {
  try {
    return listJournalFiles(runDir).some((file) => statSync(file).size > 0);
  } catch {
    // Unreadable meanwhile: kept, as a run not known to be empty.
    return true;
  }
}

/**
 * Deletes old runs by age and by total size, oldest first; never `current`, never a run still
 * being written, never one that ended abnormally until it has been opened or exported (it is the
 * run a technician most needs). Returns what it deleted.
 */
export function pruneRuns(rootDir: string, current: string, policy: PrunePolicy): string[] {
  const runs = listRuns(rootDir).map((path) => {
    try {
      return { path, ...runSize(path) };
    } catch {
      return { path, bytes: 0, lastWrite: policy.now };
    }
  });
  let total = runs.reduce((sum, run) => sum + run.bytes, 0);
  const removed: string[] = [];
  for (const run of runs) {
    if (run.path === current) continue;
    const tooOld = policy.now - run.lastWrite > policy.maxAgeMs;
    if (!tooOld && total <= policy.maxTotalBytes) continue;
    const end = runEnd(run.path);
    if (end === 'live') continue;
    // Kept for a technician to look at: unless it died before it wrote a record, when nothing
    // can open it (the log lists only runs holding bytes), nor so mark it seen, and it stayed.
    if (end === 'abnormal' && holdsJournalBytes(run.path)) continue;
    rmSync(run.path, { recursive: true, force: true });
    total -= run.bytes;
    removed.push(run.path);
  }
  return removed;
}
