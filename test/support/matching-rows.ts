/**
 * The rows (1-based) of a log file's records a search's query matches, as testing every record
 * finds them: what a search that finds candidate lines by needles must hand out, row for row.
 */
import { IndexedLog } from '../../electron/core/indexed-log.js';
import { extendIndex } from '../../electron/core/journal-index-scan.js';
import { emptyFileIndex } from '../../electron/core/journal-index.js';
import type { SearchQuery } from '../../electron/core/log-search.js';
import { compileQuery, forFileServices, recordMatches } from '../../electron/core/search-query.js';

export async function matchingRows(file: string, query: SearchQuery): Promise<number[]> {
  const index = await extendIndex(file, emptyFileIndex('log.jsonl'));
  const log = new IndexedLog([{ file, index }], []);
  const c = forFileServices(compileQuery(query), index.serviceNames);
  return (await log.read(0, log.total)).flatMap((r, i) =>
    recordMatches(r, c, null) ? [i + 1] : [],
  );
}
