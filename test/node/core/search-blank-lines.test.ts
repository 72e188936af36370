/**
 * A line every reader of a log takes as blank (a byte-order mark alone, a form feed, a no-break
 * space) is no row of the search either: a scan of a bucket that counted only spaces, tabs and
 * CRs as blank numbered every hit after such a line as the row after its own, and going to a hit
 * opened the record after it. Whichever path scans a bucket (WebAssembly, JavaScript, the helper
 * thread), a hit is the record on its row in the log's view.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { searchLog, type SearchHit, type SearchQuery } from '../../../electron/core/log-search.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { SEARCH_PATHS, searchOnPath, type SearchPath } from '../../support/search-paths.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-search-blank-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/**
 * Blank lines as other tools leave them: a byte-order mark and a CR (an empty file saved as UTF-8
 * by a Windows tool, joined to a log), a mark alone, a form feed, no-break and ideographic spaces,
 * a line separator; and some that are not blank (a mark before a record is a record).
 */
const BLANKS = ['\ufeff\r', '\ufeff', '\f', '\u00a0', ' \u3000\t', '\u2028', '\v\r'];

// About 12,000 records (three buckets), a refused request (E_ACCESSDENIED) every 500, and a
// blank line now and then before them.
const LINES = kioskLogLines(4000, () => ({ rareEvery: 500 })).flatMap((line, i) =>
  i % 733 === 3 ? [BLANKS[Math.floor(i / 733) % BLANKS.length] ?? '', line] : [line],
);
LINES[100] = `\ufeff${LINES[100] ?? ''}`;
const FILE = join(dir, 'blank-lines.jsonl');
writeFileSync(FILE, `${LINES.join('\n')}\n`);

async function hits(query: SearchQuery, path: SearchPath): Promise<SearchHit[]> {
  const found = await searchOnPath(FILE, query, path);
  if (path === 'helper') expect(found.fromHelper).toBeGreaterThan(0);
  return found.hits;
}

describe('a search of a log with blank lines of every kind', () => {
  it('numbers each hit as the row the log shows it on, on every path', async () => {
    // Indexed first: only the buckets an index knows are shared with the helper.
    await searchLog(FILE, { text: 'x' }, { numbering: 'position' });
    const log = await openIndexedLog(FILE, { save: false });
    // Free text, found in the lower-cased bytes; an HRESULT, by its digits as written.
    for (const query of [{ text: 'E_AccessDenied' }, { hresult: '0x80070005' }])
      for (const path of SEARCH_PATHS) {
        const found = await hits(query, path);
        expect(found, `${JSON.stringify(query)} (${path})`).toHaveLength(8);
        for (const hit of found) {
          const [shown] = await log.read(hit.row - 1, 1);
          expect(shown, `${JSON.stringify(query)} (${path}) row ${String(hit.row)}`).toEqual(
            hit.record,
          );
        }
      }
  });
});
