/**
 * Lines of a log no record could be read from, said in one wording by export and search: the export
 * said "1 line(s) of the log could not be read" of what the search called "1 damaged line".
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';

let lines: string[];

beforeAll(async () => {
  const runDir = await makeSampleRun(tempDir());
  const file = readdirSync(runDir).find((n) => n.startsWith('journal-')) ?? '';
  lines = readFileSync(join(runDir, file), 'utf8').trimEnd().split('\n');
});
afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

/** A copy of the sample log with `n` damaged lines after its third. */
function damagedLog(n: number): string {
  const dir = tempDir();
  const damaged = Array.from({ length: n }, (_, i) => `{"v":2,"seq":${String(i)}`);
  const path = join(dir, 'damaged.jsonl');
  writeFileSync(path, `${[...lines.slice(0, 3), ...damaged, ...lines.slice(3)].join('\n')}\n`);
  return path;
}

async function stderrOf(...argv: string[]): Promise<string> {
  return (await cliInProcess(argv)).err;
}

describe('damaged lines, as the CLI says them', () => {
  it('one: "1 damaged line", in the export as in the search', async () => {
    const log = damagedLog(1);
    const out = join(tempDir(), 'out.csv');
    const exported = await stderrOf('export', log, '--format', 'csv', '--out', out);
    expect(exported).toContain(
      'mbn-diag: note: 1 damaged line could not be read, so it is missing from the export:',
    );
    // Its index goes to a journal folder of the test's own, not the user's index cache.
    const searched = await stderrOf('--journal-dir', tempDir(), 'search', log, '--text', 'sierra');
    expect(searched).toContain('mbn-diag: 1 damaged line could not be read');
  });

  it('two: "2 damaged lines", never "line(s)"', async () => {
    const log = damagedLog(2);
    const out = join(tempDir(), 'out.csv');
    const exported = await stderrOf('export', log, '--format', 'csv', '--out', out);
    expect(exported).toContain(
      'mbn-diag: note: 2 damaged lines could not be read, so they are missing from the export:',
    );
    expect(exported).not.toContain('(s)');
    // Its index goes to a journal folder of the test's own, not the user's index cache.
    const searched = await stderrOf('--journal-dir', tempDir(), 'search', log, '--text', 'sierra');
    expect(searched).toContain('mbn-diag: 2 damaged lines could not be read');
  });
});
