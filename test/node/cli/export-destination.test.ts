/**
 * Where `mbn-diag export --out` may not write, said at once and as what it is: onto the log being
 * exported (it was told "already exists: add --force", only to be refused with --force), and inside
 * a file taken for a folder (it said the "folder" did not exist, though the file was there).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { removeTempDirs, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';

let runDir: string;

beforeAll(async () => {
  runDir = await makeSampleRun(tempDir());
});
afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  return cliInProcess(argv);
}

describe('mbn-diag export --out', () => {
  it('onto the log being exported: says so at once, not "add --force"', async () => {
    const journal = readdirSync(runDir).find((n) => n.startsWith('journal-')) ?? '';
    const before = readFileSync(join(runDir, journal), 'utf8');
    const result = await cli('export', runDir, '--format', 'jsonl', '--out', join(runDir, journal));
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(/would overwrite the log being exported/);
    expect(result.err).not.toMatch(/--force/);
    expect(readFileSync(join(runDir, journal), 'utf8')).toBe(before);
  });

  it('inside a file: says it is a file, not a folder that does not exist', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'e1.csv'), 'an earlier export\n');
    for (const out of [join(dir, 'e1.csv', 'x.csv'), join(dir, 'e1.csv', 'sub', 'x.csv')]) {
      const result = await cli('export', runDir, '--format', 'csv', '--out', out);
      expect(result.code, out).toBe(EXIT.usage);
      expect(result.err).toContain(`${join(dir, 'e1.csv')} is a file, not a folder`);
      expect(result.err).not.toMatch(/does not exist/);
    }
    expect(readdirSync(dir)).toEqual(['e1.csv']);
  });
});
