/**
 * File indexes already loaded in this process, with the file's size, change time and inode when
 * they were: a week-long live run's closed files (hundreds of them) and a saved log jumped through
 * or searched again are not read and checked again each time. Any change to a file (the live run's
 * current file grows) makes it load afresh. Only indexes that cover every whole line of their file,
 * as it was when stamped, are kept.
 */
import type { Stats } from 'node:fs';
import type { FileIndex } from './journal-index.js';

type FileStamp = Pick<Stats, 'size' | 'mtimeMs' | 'ino'>;

const loaded = new Map<string, FileStamp & { index: FileIndex }>();
const MAX_LOADED = 4096;

export function cachedIndex(file: string, stat: FileStamp): FileIndex | undefined {
  const hit = loaded.get(file);
  return hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs && hit.ino === stat.ino
    ? hit.index
    : undefined;
}

export function rememberIndex(file: string, stat: FileStamp, index: FileIndex): void {
  if (loaded.size >= MAX_LOADED && !loaded.has(file)) loaded.clear();
  loaded.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, index });
}
