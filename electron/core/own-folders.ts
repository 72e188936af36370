/**
 * The folders the app writes in on its own, besides the files a user chose to write: its journal
 * folders (their runs, indexes and markers) and a cache of indexes for logs that are not its own.
 * A saved log opened from elsewhere (a ticket folder, a customer's USB stick, a share) is
 * evidence: searching it wrote a `.mbnidx` index and a `seen` marker beside it, where the user
 * never chose to write anything. Its index now goes to the cache, and no marker is written.
 *
 * Set by whatever opens the app's journal (the engine, the CLI); until then (tests, the benchmark,
 * which own every folder they read) every folder counts as the app's own, as before.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { MAX_INDEX_CACHE_BYTES } from './index-cache-prune.js';

interface OwnFolders {
  journals: readonly string[];
  indexCache: string;
  /** The most the index cache holds before its oldest indexes go (index-cache-prune.ts). */
  indexCacheMaxBytes: number;
}

let own: OwnFolders | undefined;

/** The app's journal folders, and where indexes of other logs are kept. */
export function setOwnFolders(
  folders: Omit<OwnFolders, 'indexCacheMaxBytes'> & { indexCacheMaxBytes?: number },
): void {
  own = {
    journals: folders.journals.map((dir) => real(dir)),
    indexCache: resolve(folders.indexCache),
    indexCacheMaxBytes: folders.indexCacheMaxBytes ?? MAX_INDEX_CACHE_BYTES,
  };
}

/** The index cache and its limit, once the app's folders are set. */
export function indexCache(): { dir: string; maxBytes: number } | undefined {
  return own && { dir: own.indexCache, maxBytes: own.indexCacheMaxBytes };
}

/** Forgets them (for tests). */
export function resetOwnFolders(): void {
  own = undefined;
}

/** The path with links resolved as far as it exists, so a link cannot pass for a journal folder. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether the app may write beside `path` on its own: it lies in one of its journal folders. */
export function isOwnPath(path: string): boolean {
  if (!own) return true;
  const target = real(path);
  return own.journals.some((dir) => target === dir || target.startsWith(dir + sep));
}

/**
 * Whether `path` lies in one of the app's journal folders as set, and never while none are set:
 * what only the app writes there (an export's certified buckets, export/certified-read.ts) may be
 * believed. Stricter than isOwnPath, whose default lets tests and the benchmark write anywhere.
 */
export function isInOwnJournal(path: string): boolean {
  return own !== undefined && isOwnPath(path);
}

/**
 * Where the index of `file`, a log not the app's own, is kept: in the cache, named by the file's
 * resolved path (so two logs of one name in two folders keep two indexes). Undefined for the
 * app's own logs, whose indexes lie beside them.
 */
export function cachedIndexPath(file: string): string | undefined {
  if (!own || isOwnPath(file)) return undefined;
  const key = createHash('sha256').update(real(file)).digest('hex').slice(0, 32);
  return join(own.indexCache, `${key}.mbnidx`);
}
