/**
 * A .zip bundle larger than the window. Its entry cannot be entered in the middle, so every row
 * was read and sent, and the window, keeping only its newest, dropped the first page while the
 * technician read it: #37 selected three seconds in, #25,001 at the top and nothing selected at
 * eleven, #750,001 at the end. Main now reads on to the newest rows the bundle's manifest counts
 * and sends those alone, marked to be kept beside the first page, as an indexed log's are; on the
 * way it says how far it has read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedLogPage } from '../../../electron/ipc/contract.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { SavedLogs } from '../../../electron/ipc/saved-logs.js';
import { errorLog } from '../../support/error-log.js';
import { savedCountWords } from '../../../renderer/src/files/window-note.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A bundle of `count` error records, numbered in their messages. */
async function bundleOf(count: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'saved-bundle-'));
  made.push(dir);
  const file = join(dir, 'week.jsonl');
  writeFileSync(
    file,
    errorLog(count, (n) => `#${String(n)}`),
  );
  const bundle = join(dir, 'week.zip');
  await exportFromPath({
    source: file,
    format: 'zip',
    destination: bundle,
    app: { name: 'mbn-diag', version: 'test' },
  });
  return bundle;
}

function savedLogs(file: string, window: number): SavedLogs {
  return new SavedLogs(
    {
      chooseLogToOpen: () => Promise.resolve(file),
      chooseExportPath: () => Promise.resolve(null),
      choices: () => Promise.resolve({ picker: 'list', folder: null, files: [] }),
    },
    { window },
  );
}

/** Every answer the window gets, as it asks: on through pages without rows that read further. */
async function everyPage(logs: SavedLogs): Promise<SavedLogPage[]> {
  const opened = await logs.open(undefined);
  if ('cancelled' in opened) throw new Error('cancelled');
  const pages: SavedLogPage[] = [opened];
  for (let page: SavedLogPage = opened; !page.complete;) {
    const last = page.count;
    page = await logs.next(opened.logId);
    pages.push(page);
    if (page.rows.length === 0 && page.count <= last && !page.complete) break;
  }
  logs.close();
  return pages;
}

const seqs = (pages: SavedLogPage[]) => pages.flatMap((p) => p.rows.map((r) => r.seq));
const from = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

describe('a bundle larger than the window', () => {
  it('sends its first page, then only its newest rows, marked to be kept beside it', async () => {
    const pages = await everyPage(savedLogs(await bundleOf(50_000), 3000));
    expect(pages[0]?.rows.map((r) => r.seq)).toEqual(from(1, 2000));
    const restart = pages.findIndex((p) => p.restart);
    expect(restart).toBeGreaterThan(0);
    // Nothing between the first page and the newest: every row after it is one of them.
    expect(seqs(pages.slice(1, restart))).toEqual([]);
    expect(seqs(pages.slice(restart))).toEqual(from(47_001, 3000));
    expect(pages.filter((p) => p.restart)).toHaveLength(1);
    const last = pages.flatMap((p) => p.rows).at(-1)?.record;
    expect(last && JSON.stringify(last)).toContain('#50000');
    expect(pages.at(-1)).toMatchObject({ count: 50_000, complete: true, counted: true });
  });

  it('says how far it has read on the way to its newest rows', async () => {
    const pages = await everyPage(savedLogs(await bundleOf(50_000), 3000));
    const restart = pages.findIndex((p) => p.restart);
    const onTheWay = pages.slice(1, restart);
    // 45,000 records read and not sent, told in steps: more read at each, none of them the end.
    expect(onTheWay.length).toBeGreaterThanOrEqual(2);
    const counts = onTheWay.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBe(counts.length);
    expect(onTheWay.every((p) => !p.complete && !p.counted)).toBe(true);
    expect(counts[0]).toBeGreaterThan(2000);
    expect(counts.at(-1)).toBeLessThan(47_000);
  });

  it('says when it is opened how many records its manifest counts, for the banner', async () => {
    const logs = savedLogs(await bundleOf(5000), 3000);
    const opened = await logs.open(undefined);
    logs.close();
    expect(opened).toMatchObject({ kind: 'bundle', count: 2000, expected: 5000 });
    expect('cancelled' in opened ? '' : savedCountWords(opened)).toBe(
      'Reading… 2,000 of 5,000 records.',
    );
  });

  it('of no more rows than the window holds is sent row by row, as before', async () => {
    const pages = await everyPage(savedLogs(await bundleOf(4000), 3000));
    expect(seqs(pages)).toEqual(from(1, 4000));
    expect(pages.some((p) => p.restart)).toBe(false);
  });
});
