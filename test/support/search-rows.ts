/**
 * A whole-log search whose hits are kept by row, with its summary: what the tests of a search's
 * count and of its start compare, the hits handed out and the matches counted.
 */
import {
  searchLog,
  type SearchHit,
  type SearchOptions,
  type SearchQuery,
  type SearchSummary,
} from '../../electron/core/log-search.js';

export async function searchRows(
  path: string,
  query: SearchQuery,
  options: SearchOptions,
): Promise<{ rows: number[]; summary: SearchSummary }> {
  const found: SearchHit[] = [];
  const summary = await searchLog(path, query, {
    ...options,
    onHits: (batch) => void found.push(...batch),
  });
  return { rows: found.map((h) => h.row), summary };
}
