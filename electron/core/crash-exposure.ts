/**
 * Which saved indexes a crash may have left describing bytes their file no longer holds. A power
 * cut keeps what the file system journals, a file's size and time, but not always its last data:
 * on NTFS the pages written in the moments before read back as NULs. A sidecar the journal's
 * writer saved in those moments still fits the file by size and time, and its spot checks (a
 * bucket's first record) pass over NULs in between: the run's counts, searches and exports
 * disagreed, and none said why. So in a run whose writer died, a sidecar saved within
 * EXPOSURE_MS before the run's last write, or after it but before the writer could have died, is
 * not believed: its file (16 MiB at most) is indexed again from its bytes. An index a reader
 * saved since, well after the crash, is believed as any other.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { endedAbnormally, listJournalFiles } from './journal-files.js';

/** Longer than any system keeps written pages unwritten (Linux 30 s, Windows a few seconds). */
const EXPOSURE_MS = 2 * 60_000;
/** The writer saves a sidecar right after the write it describes: never later than this. */
const SETTLE_MS = 10_000;

/** Whether the index saved at `sidecar` for `file` may describe bytes a crash took from it. */
export function savedAtCrash(file: string, sidecar: string): boolean {
  const runDir = dirname(file);
  if (!endedAbnormally(runDir)) return false;
  try {
    const newest = listJournalFiles(runDir).at(-1);
    if (newest === undefined) return false;
    const lastWrite = statSync(newest).mtimeMs;
    const saved = statSync(sidecar).mtimeMs;
    return saved > lastWrite - EXPOSURE_MS && saved < lastWrite + SETTLE_MS;
  } catch {
    // Gone meanwhile, or unreadable: not believed either way.
    return true;
  }
}
