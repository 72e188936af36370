/**
 * The index cache (own-folders.ts) keeps the indexes of logs from elsewhere, so that a support
 * engineer who searches a ticket's log again a week later finds it indexed. Nothing else ever
 * removed them: a year of tickets let the folder grow without end (a ten-million-event log's
 * indexes take about 1.4 MB, and each copy of a log in another folder has its own). So the
 * oldest-written ones are removed while all of them together take more than the cache's limit;
 * the index just saved is never removed, and one removed is built again by its log's next search.
 * A save's temporary file left by a process that died is removed after a day.
 *
 * Looking lists the folder (83-195 ms of asynchronous checks at 4,000 indexes), so it runs beside
 * the search, never holding it (nor Electron's main thread), and at most once an hour, whichever
 * process saves an index then: a stamp file's time says when it last was, and each process also
 * remembers, so a stamp that cannot be written neither stops pruning nor runs it on every save.
 * Only plain files are counted or removed: a link planted in the folder is never followed.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_SUFFIX } from './journal-index.js';

/** The most the index cache holds: the indexes of about 180 week-long kiosk logs. */
export const MAX_INDEX_CACHE_BYTES = 256 * 1024 * 1024;

/** How often the cache's size is looked at, at most. */
const CHECK_EVERY_MS = 3600_000;

/** A save's temporary file older than this is a dead process's leftover. */
const LEFTOVER_AFTER_MS = 24 * 3600_000;

/** Undefined on Windows (as in plain-file.ts), where a link needs rights a user seldom has. */
const NOFOLLOW = (constants as Partial<typeof constants>).O_NOFOLLOW ?? 0;

/** Its time is when the cache was last looked at. */
const STAMP = 'last-pruned';

/** When this process last looked, and the pruning under way (for tests to wait on). */
let lastCheck = Number.NEGATIVE_INFINITY;
let underWay: Promise<void> = Promise.resolve();

/**
 * Heard after an index is saved to the cache (`saved`, in `dir`): prunes the cache, beside
 * whatever runs, when nobody looked in the last hour (`force`: at once, the disk being full).
 * Never fails: a cache that cannot be listed stays as it is.
 */
export function afterCacheSave(dir: string, saved: string, maxBytes: number, force = false): void {
  const now = Date.now();
  if (!force && now - lastCheck < CHECK_EVERY_MS) return;
  lastCheck = now;
  underWay = underWay
    .then(async () => {
      if (!force && !(await stampIsOld(dir, now))) return;
      await pruneIndexCache(dir, saved, maxBytes, now);
    })
    .catch(() => undefined);
}

/** Resolves once the pruning under way (if any) is done. */
export function cachePruned(): Promise<void> {
  return underWay;
}

/** Starts afresh, as a new process would (for tests). */
export function resetCachePruning(): void {
  lastCheck = Number.NEGATIVE_INFINITY;
}

/**
 * Whether nobody looked in the last hour, by the stamp's time; the stamp is then brought up to
 * now. A stamp in the future (a clock set back since) is old too. Written without following a
 * link, and never truncated: whatever else lies under its name is left alone, and not looked at.
 */
async function stampIsOld(dir: string, now: number): Promise<boolean> {
  const path = join(dir, STAMP);
  const s = await lstat(path).catch(() => undefined);
  if (s && !s.isFile()) return true;
  const age = now - (s?.mtimeMs ?? Number.NEGATIVE_INFINITY);
  if (age >= 0 && age < CHECK_EVERY_MS) return false;
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | NOFOLLOW).catch(
    () => undefined,
  );
  await handle?.utimes(now / 1000, now / 1000).catch(() => undefined);
  await handle?.close();
  return true;
}

/**
 * Removes the oldest indexes in `dir` (never `keep`) until they total at most `maxBytes`, and
 * saves' leftovers a day old. Only plain files in a plain folder: a link is neither followed nor
 * counted. An index written again since it was listed (its log grew) is kept.
 */
export async function pruneIndexCache(
  dir: string,
  keep: string,
  maxBytes: number,
  now = Date.now(),
): Promise<string[]> {
  if (!(await lstat(dir)).isDirectory()) return [];
  const entries = [];
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const s = await lstat(path).catch(() => undefined);
    if (!s?.isFile()) continue;
    if (name.endsWith('.tmp') && now - s.mtimeMs > LEFTOVER_AFTER_MS) {
      if (await removed1(path, s.mtimeMs)) removed.push(path);
    } else if (name.endsWith(INDEX_SUFFIX))
      entries.push({ path, bytes: s.size, written: s.mtimeMs });
  }
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  for (const entry of entries.sort((a, b) => a.written - b.written)) {
    if (total <= maxBytes) break;
    if (entry.path === keep) continue;
    if (await removed1(entry.path, entry.written)) removed.push(entry.path);
    total -= entry.bytes;
  }
  return removed;
}

/** Removes the file if it is still the one listed (not written again since); whether it went. */
async function removed1(path: string, written: number): Promise<boolean> {
  const s = await lstat(path).catch(() => undefined);
  if (!s?.isFile() || s.mtimeMs !== written) return false;
  return unlink(path).then(
    () => true,
    () => false,
  );
}
