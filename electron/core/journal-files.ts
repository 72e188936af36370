/**
 * Where journals live on disk: one directory per run (so the previous run's journal is never
 * touched by the next), numbered JSON Lines files inside it, and a small run.json with the
 * run-start record so a run stays identifiable after its first file has been rotated away.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const RUN_META_FILE = 'run.json';
// Milliseconds in the stamp: runs sort by name in start order even when two start in one second.
const RUN_DIR = /^run-\d{8}T\d{9}Z-[0-9a-f]{6}$/;
const JOURNAL_FILE = /^journal-(\d{6})\.jsonl$/;

export function runDirName(wallMs: number, runId: string): string {
  const stamp = new Date(wallMs).toISOString().replace(/[-:.]/g, '');
  return `run-${stamp}-${runId.slice(0, 6)}`;
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

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Deletes the oldest runs beyond `keep`, never the one named `current`. */
export function pruneRuns(rootDir: string, keep: number, current: string): void {
  const runs = listRuns(rootDir).filter((r) => r !== current);
  for (const old of runs.slice(0, Math.max(0, runs.length - (keep - 1)))) {
    rmSync(old, { recursive: true, force: true });
  }
}
