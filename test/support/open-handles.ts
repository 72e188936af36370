/**
 * Which files this process holds open, read from /proc/self/fd (Linux): what the tests of "a file
 * is let go of" count. On Windows a file held open cannot be moved or deleted, and an abandoned
 * read stream holds its file until the process ends.
 */
import { existsSync, readdirSync, readlinkSync } from 'node:fs';

/** Where open files can be listed: the tests that count them need it. */
export const HAS_PROC_FD = existsSync('/proc/self/fd');

/** How many of this process's open files are `path`. */
export function handlesOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}
