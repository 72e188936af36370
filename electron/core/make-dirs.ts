/**
 * Creates a folder and its missing parents, as `mkdir -p` does, but not through Node's recursive
 * mkdir: on a read-only mount that reports ENOENT instead of EROFS, and under /proc (where mkdir
 * answers ENOENT though the parent exists) it retries for ever, a process spinning at full CPU
 * that SIGTERM does not stop (`--journal-dir /proc/self/x` hung a search whose index went to the
 * cache under it). Throws the system's error for the folder that could not be made.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Deeper than any real path goes: a loop's guard, not a limit anyone meets. */
const MAX_DEPTH = 64;

export function makeDirs(dir: string, mode?: number): void {
  makeDir(dir, mode, 0);
}

function makeDir(dir: string, mode: number | undefined, depth: number): void {
  try {
    mkdirSync(dir, { mode });
    return;
  } catch (error) {
    if (isErrno(error, 'EEXIST') && isDirectory(dir)) return;
    const parent = dirname(dir);
    // Only a missing parent is worth making; one that is there means this folder cannot be.
    if (!isErrno(error, 'ENOENT') || parent === dir || depth > MAX_DEPTH || isDirectory(parent))
      throw error;
  }
  makeDir(dirname(dir), mode, depth + 1);
  try {
    mkdirSync(dir, { mode });
  } catch (error) {
    if (isErrno(error, 'EEXIST') && isDirectory(dir)) return;
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
