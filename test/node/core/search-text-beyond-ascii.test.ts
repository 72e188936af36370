/**
 * Free text typed as the log shows it is found in any case beyond ASCII too ("Überwachung",
 * "ÜBERWACHUNG"), as the help promises: a query with a capital beyond A-Z was lowered by Unicode's
 * rules where the log's bytes were lowered only for A-Z, and found nothing. Whichever path finds a
 * bucket's candidate lines (WebAssembly, JavaScript, the helper thread), the hits are the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { searchLog, type SearchQuery } from '../../../electron/core/log-search.js';
import {
  compileQuery,
  foldText,
  foldsOnlyFromItself,
} from '../../../electron/core/search-query.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { SEARCH_PATHS, searchOnPath, type SearchPath } from '../../support/search-paths.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-text-beyond-ascii-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Service names a few lines carry instead of their own, each on the lines `every` picks. */
const NAMES = [
  { name: 'Überwachung SMS', every: (i: number) => i % 1999 === 5 },
  { name: 'Служба сообщений', every: (i: number) => i % 2503 === 11 },
  { name: 'ΟΔΟΣ', every: (i: number) => i % 3001 === 17 },
  { name: '短信服务', every: (i: number) => i % 4001 === 23 },
];

// About 18,000 records: several buckets.
const LINES = kioskLogLines(6000).map((line, i) => {
  const named = NAMES.find((n) => n.every(i));
  if (!named) return line;
  return JSON.stringify({ ...(JSON.parse(line) as object), serviceName: named.name });
});
const FILE = join(dir, 'names.jsonl');
writeFileSync(FILE, `${LINES.join('\n')}\n`);

/** The rows (1-based: every line is a record) of the lines carrying `name`. */
const rowsOf = (name: string): number[] =>
  LINES.flatMap((line, i) => (line.includes(`"${name}"`) ? [i + 1] : []));

async function rows(query: SearchQuery, path: SearchPath): Promise<number[]> {
  const found = await searchOnPath(FILE, query, path);
  if (path === 'helper' && compileQuery(query).scanNeedle !== null)
    expect(found.fromHelper, JSON.stringify(query)).toBeGreaterThan(0);
  return found.hits.map((h) => h.row);
}

describe('free text beyond ASCII', () => {
  it('finds a name as the log shows it, in any case, on every path', async () => {
    // Indexed first: only the buckets an index knows are shared with the helper.
    await searchLog(FILE, { text: 'x' }, { numbering: 'position' });
    const cases: [string, string][] = [
      ['Überwachung', 'Überwachung SMS'],
      ['ÜBERWACHUNG', 'Überwachung SMS'],
      ['überwachung sms', 'Überwachung SMS'],
      // No part of it is found as written whatever its case: every line is a candidate.
      ['СЛУЖБА', 'Служба сообщений'],
      ['сообщений', 'Служба сообщений'],
      // A final sigma is a sigma: the "Σ" a technician sees is in "ΟΔΟΣ".
      ['Σ', 'ΟΔΟΣ'],
      ['οδοσ', 'ΟΔΟΣ'],
      ['信服', '短信服务'],
    ];
    for (const [text, name] of cases) {
      const expected = rowsOf(name);
      expect(expected.length).toBeGreaterThan(1);
      for (const path of SEARCH_PATHS)
        expect(await rows({ text }, path), `${text} (${path})`).toEqual(expected);
    }
    // An ASCII query is unchanged: "SMS" is in the names above too.
    expect((await rows({ text: 'sms' }, 'webassembly')).length).toBeGreaterThan(5000);
  });

  it('finds the candidates of text beyond ASCII by bytes a matching line holds as written', () => {
    expect(compileQuery({ text: 'Überwachung SMS' }).text).toEqual(Buffer.from('berwachung sms'));
    expect(compileQuery({ text: '短信服务' }).text).toEqual(Buffer.from('短信服务'));
    expect(compileQuery({ text: 'СЛУЖБА' }).text).toBeNull();
    // Kelvin's sign folds to a "k": a line holding it holds no "k". A byte that is no UTF-8 is
    // read as the replacement character.
    expect(compileQuery({ text: 'ä kelvin' }).text).toEqual(Buffer.from('elv'));
    expect(compileQuery({ text: '\ufffdx' }).text).toEqual(Buffer.from('x'));
    // ASCII text stays a search of the bytes alone.
    expect(compileQuery({ text: 'E_AccessDenied' })).toMatchObject({
      text: Buffer.from('e_accessdenied'),
      textFolded: null,
    });
  });

  it('takes as found as written only characters that no other character folds to', () => {
    // Every character there is, folded: what it folds to, other than itself, is never taken;
    // but for A-Z, which the bytes of a line are lowered for too (lowerBytes).
    for (let code = 0; code <= 0x10ffff; code++) {
      if ((code >= 0xd800 && code <= 0xdfff) || (code >= 0x41 && code <= 0x5a)) continue;
      const ch = String.fromCodePoint(code);
      for (const folded of foldText(ch))
        if (folded !== ch && foldsOnlyFromItself(folded))
          expect.fail(`U+${code.toString(16)} folds to ${folded}`);
    }
  });
});
