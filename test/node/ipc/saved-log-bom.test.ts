/**
 * A log joined from several files (a run rotated into several journal files, or files put end to
 * end), one of which an editor saved with a byte-order mark. The index took the mark off any line;
 * reading row by row took it off only a file's first byte, so a joined file's later mark made a
 * record a damaged line there: the count said one more row than the rows, and every row after it
 * was one off from where a jump by row (a search hit, Go to row) took the technician. A run whose
 * first file had the mark was given its run-start twice.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { Journal } from '../../../electron/core/journal.js';
import type { SavedLogPage } from '../../../electron/ipc/contract.js';
import { LogSearchJobs } from '../../../electron/ipc/log-search-jobs.js';
import { SavedLogs } from '../../../electron/ipc/saved-logs.js';
import { kioskLogLines, requestEntries } from '../../support/journal-traffic.js';
import { readAllPages } from '../../support/saved-pages.js';

const BOM = '\ufeff';
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'saved-bom-'));
  made.push(dir);
  return dir;
}

/** `requests` requests' lines, an hour later for each `hour`: every file's records differ. */
function fileLines(requests: number, hour: number): string[] {
  return kioskLogLines(requests).map((line) => {
    const record = JSON.parse(line) as { time: string };
    record.time = new Date(Date.parse(record.time) + hour * 3_600_000).toISOString();
    return JSON.stringify(record);
  });
}

/** Every page the window is sent (file-actions.ts reads them so), and every row in order. */
async function pagesOf(path: string): Promise<SavedLogPage[]> {
  const logs = new SavedLogs({
    chooseLogToOpen: () => Promise.resolve(path),
    chooseExportPath: () => Promise.resolve(null),
    choices: () => Promise.resolve({ picker: 'list', folder: null, files: [] }),
  });
  try {
    return await readAllPages(logs);
  } finally {
    logs.close();
  }
}

/** The row a jump by row number selects, as main answers the window's Go to row. */
async function jumpTo(path: string, row: number) {
  const jobs = new LogSearchJobs({
    live: { runDir: '', lastSeq: 0, firstSeq: 1, flush: () => undefined, readPage: () => [] },
    savedLog: () => ({ path, bundle: false }),
    onProgress: () => undefined,
  });
  try {
    const answer = await jobs.seek({ source: { log: 'saved', logId: 1 }, to: { row }, limit: 5 });
    return answer.rows.find((r) => r.seq === answer.target);
  } finally {
    await jobs.dispose();
  }
}

/** The index's count, the rows paged in and a jump to any of them agree, row for row. */
async function expectAgreement(path: string, records: number, rowsToJumpTo: number[]) {
  const pages = await pagesOf(path);
  const rows = pages.flatMap((p) => p.rows);
  const index = await openIndexedLog(path, { save: false });
  expect(pages.at(-1)?.problems).toEqual([]);
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: records }, (_, i) => i + 1));
  expect(pages.at(-1)?.count).toBe(records);
  expect(index.total).toBe(records);
  for (const row of rowsToJumpTo)
    expect((await jumpTo(path, row))?.record, `row ${String(row)}`).toEqual(rows[row - 1]?.record);
}

describe('a joined log with a byte-order mark where a later file starts', () => {
  it('counts, pages and jumps to the same rows', async () => {
    const first = fileLines(200, 0);
    const second = fileLines(150, 1);
    const third = fileLines(100, 2);
    const file = join(tempDir(), 'joined.jsonl');
    // The second and third files as an editor saves them; between them, one saved empty.
    writeFileSync(
      file,
      [...first, BOM + second.join('\n'), BOM, BOM + third.join('\n')].join('\n') + '\n',
    );
    const records = first.length + second.length + third.length;
    const afterSecond = first.length + 1;
    const afterThird = first.length + second.length + 1;
    await expectAgreement(file, records, [
      afterSecond - 1,
      afterSecond,
      afterSecond + 1,
      afterThird,
      afterThird + 50,
      records,
    ]);
  });
});

describe('a rotated run whose journal files start with a byte-order mark', () => {
  it('counts its run-start once, and pages and jumps to the same rows as its index', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 8));
    const journal = new Journal({
      dir: tempDir(),
      clock,
      runStart: {
        app: { name: 'mbn-diag', version: 'test' },
        os: { platform: 'linux', release: 'x', arch: 'x64' },
        backend: { kind: 'simulator', label: 'test', reason: 'test' },
      },
      maxFileBytes: 64 * 1024,
      maxFilesPerRun: 50,
    });
    for (let n = 1; n <= 300; n++) {
      clock.advance(1000);
      for (const entry of requestEntries(n)) journal.append(entry);
    }
    journal.close();
    const files = readdirSync(journal.runDir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => join(journal.runDir, name));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const lines = files.map((f) => readFileSync(f, 'utf8').trimEnd().split('\n').length);
    for (const f of [files[0], files[2]]) if (f) writeFileSync(f, BOM + readFileSync(f, 'utf8'));
    const records = lines.reduce((a, b) => a + b, 0);
    const thirdAt = (lines[0] ?? 0) + (lines[1] ?? 0) + 1;
    const pages = await pagesOf(journal.runDir);
    expect(pages.flatMap((p) => p.rows).filter((r) => r.record.kind === 'run-start')).toHaveLength(
      1,
    );
    await expectAgreement(journal.runDir, records, [1, 2, thirdAt, thirdAt + 1, records]);
  });
});
