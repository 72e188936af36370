/**
 * The index cache (own-folders.ts) keeps the indexes of logs from elsewhere, so that a support
 * engineer who searches a ticket's log again a week later finds it indexed. Nothing else ever
 * removed them: a year of tickets let the folder grow without end (a ten-million-event log's
 * indexes take about 1.4 MB, and each copy of a log in another folder has its own). So the
 * oldest-written ones are removed while all of them together take more than the cache's limit;
 * the index just saved is never removed, and one removed is built again by its log's next search.
 *
 * Looking costs a listing of the folder (20-50 ms at 4,000 indexes), so it is done at most once
 * an hour, whichever process saves an index then: a stamp file's time says when it last was.
 */
import { readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDEX_SUFFIX } from './journal-index.js';

/** The most the index cache holds: the indexes of about 180 week-long kiosk logs. */
export const MAX_INDEX_CACHE_BYTES = 256 * 1024 * 1024;

/** How often the cache's size is looked at, at most. */
const CHECK_EVERY_MS = 3600_000;

/** Its time is when the cache was last looked at. */
const STAMP = 'last-pruned';

/**
 * Heard after an index is saved to the cache (`saved`, in `dir`): prunes the cache when it was
 * not looked at in the last hour. Never fails: a cache that cannot be listed stays as it is.
 */
export function afterCacheSave(dir: string, saved: string, maxBytes: number): void {
  const stamp = join(dir, STAMP);
  try {
    const last = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (Date.now() - last < CHECK_EVERY_MS) return;
    writeFileSync(stamp, '');
    const now = new Date();
    utimesSync(stamp, now, now);
    pruneIndexCache(dir, saved, maxBytes);
  } catch {
    // Read-only, full, or gone: the cache stays as it is.
  }
}

/** Removes the oldest indexes in `dir` (never `keep`) until they total at most `maxBytes`. */
export function pruneIndexCache(dir: string, keep: string, maxBytes: number): string[] {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith(INDEX_SUFFIX))
    .map((name) => {
      const path = join(dir, name);
      // Gone meanwhile (another process pruned it): nothing to count.
      const s = statSync(path, { throwIfNoEntry: false });
      return s?.isFile() ? { path, bytes: s.size, written: s.mtimeMs } : undefined;
    })
    .filter((e) => e !== undefined);
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const removed: string[] = [];
  for (const entry of entries.sort((a, b) => a.written - b.written)) {
    if (total <= maxBytes) break;
    if (entry.path === keep) continue;
    try {
      unlinkSync(entry.path);
    } catch {
      // Gone already, or not ours to remove: counted as gone either way.
    }
    total -= entry.bytes;
    removed.push(entry.path);
  }
  return removed;
}
