/**
 * A whole-log search made on one of the three paths that must agree on every hit and its row:
 * candidate lines found in WebAssembly (the default), in JavaScript (no finder), or by the text-scan
 * helper thread (shared from the first byte, and waited for, as on a log large enough that the
 * helper is up by the search's first buckets).
 */
import { vi } from 'vitest';
import { searchLog, type SearchHit, type SearchQuery } from '../../electron/core/log-search.js';
import { TextFinder } from '../../electron/core/text-finder.js';
import { TextScans } from '../../electron/core/text-scans.js';

export type SearchPath = 'webassembly' | 'javascript' | 'helper';
export const SEARCH_PATHS: readonly SearchPath[] = ['webassembly', 'javascript', 'helper'];

/** The hits, and how many buckets the helper answered (none unless on its path). */
export async function searchOnPath(
  file: string,
  query: SearchQuery,
  path: SearchPath,
): Promise<{ hits: SearchHit[]; fromHelper: number }> {
  if (path === 'javascript') vi.spyOn(TextFinder, 'create').mockReturnValue(undefined);
  let fromHelper = 0;
  if (path === 'helper') {
    const { prototype } = TextScans;
    const take = Object.getOwnPropertyDescriptor(prototype, 'take')?.value as TextScans['take'];
    vi.spyOn(prototype, 'take').mockImplementation(async function (this: TextScans, k) {
      if (k === 0) await this.whenReady();
      const found = await take.call(this, k);
      if (found) fromHelper += 1;
      return found;
    });
  }
  const hits: SearchHit[] = [];
  try {
    await searchLog(file, query, {
      numbering: 'position',
      shareScanFrom: path === 'helper' ? 0 : Infinity,
      onHits: (batch) => hits.push(...batch),
    });
  } finally {
    vi.restoreAllMocks();
  }
  return { hits, fromHelper };
}
