/**
 * A whole-log search that hands out its newest matches first. "When did it last fail?" is the
 * first question about a kiosk's week: searched oldest first, the failures of the morning the
 * technician arrived were the last of 140,000 matches, 28 pages of Next away.
 *
 * The log is read as any search reads it, oldest first (the index's buckets, the helper thread
 * and the commands a hit names all rely on that order), keeping only the last `maxHits` hits seen,
 * which go out at the end, newest first. Nothing is handed out before the search has read its
 * last bucket: only then is the newest known. The count streams in as it goes.
 */
import { searchLog, type SearchHit, type SearchOptions, type SearchSummary } from './log-search.js';
import type { SearchQuery } from './search-query.js';

/** Hits handed out per batch at the end, as a search's batches are sized. */
const BATCH = 500;

export interface NewestFirstOptions extends Omit<SearchOptions, 'fromRow'> {
  /**
   * Only rows before this one (numbered as `numbering` says) are searched and counted: Older
   * matches goes on below the oldest hit an earlier search handed out. Default: the whole log.
   */
  beforeRow?: number;
}

export async function searchNewestFirst(
  path: string,
  query: SearchQuery,
  options: NewestFirstOptions,
): Promise<SearchSummary> {
  const keep = options.maxHits ?? 10_000;
  const { beforeRow, onHits, onProgress, ...rest } = options;
  // The last `keep` hits seen, as a ring: `next` is where the next one goes (over the oldest).
  const ring: SearchHit[] = [];
  let next = 0;
  const summary = await searchLog(path, query, {
    ...rest,
    ...(beforeRow === undefined ? {} : { beforeRow }),
    // Every hit is looked at (the newest are the last read); the ring holds `keep` of them.
    maxHits: keep === 0 ? 0 : Number.MAX_SAFE_INTEGER,
    onHits: (hits, progress) => {
      for (const hit of hits) {
        if (ring.length < keep) ring.push(hit);
        else ring[next] = hit;
        next = (next + 1) % keep;
      }
      onProgress?.(progress);
    },
    ...(onProgress ? { onProgress } : {}),
  });
  const newest: SearchHit[] = [];
  for (let k = 1; k <= ring.length; k++) {
    const hit = ring[(next - k + ring.length) % ring.length];
    if (hit) newest.push(hit);
  }
  for (let at = 0; at < newest.length; at += BATCH) {
    options.signal?.throwIfAborted();
    await onHits?.(newest.slice(at, at + BATCH), progressOf(summary));
  }
  return { ...summary, delivered: newest.length };
}

/** The summary's progress counts, as a batch of hits carries them. */
function progressOf(summary: SearchSummary): Parameters<NonNullable<SearchOptions['onHits']>>[1] {
  const { doneBytes, totalBytes, indexing, matches, bucketsRead, bucketsSkipped, damagedLines } =
    summary;
  return { doneBytes, totalBytes, indexing, matches, bucketsRead, bucketsSkipped, damagedLines };
}
