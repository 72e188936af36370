/**
 * A run of several whose first journal file is a link to a share no longer mounted: the search of
 * every run named it with Node's "ENOENT: no such file or directory, stat '…'" (a review). It says
 * which file is not there, in words, and still exits 2.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/cli-in-process.js';
import { kioskLogLines } from '../../support/journal-traffic.js';

const root = mkdtempSync(join(tmpdir(), 'mbn-run-file-gone-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const GOOD = 'run-20260105T080000000Z-aaaaaa';
const LINKED = 'run-20260106T080000000Z-bbbbbb';

beforeAll(() => {
  for (const [night, run] of [GOOD, LINKED].entries()) {
    mkdirSync(join(root, run));
    const lines = kioskLogLines(5, () => ({}), Date.UTC(2026, 0, 5 + night, 8));
    writeFileSync(join(root, run, 'journal-000002.jsonl'), `${lines.join('\n')}\n`);
  }
  writeFileSync(join(root, GOOD, 'journal-000001.jsonl'), '');
  symlinkSync(
    join(root, 'gone', 'journal-000001.jsonl'),
    join(root, LINKED, 'journal-000001.jsonl'),
  );
});

describe('a run whose journal file is a link to nothing', () => {
  it('is named, with the file that is not there, in words', async () => {
    const run = await cliInProcess(['search', root, '--all-runs', '--text', 'SMS']);
    expect(run.err).toContain(
      `mbn-diag: this run was not searched: ${LINKED}: journal-000001.jsonl is not there (deleted or moved since it was listed, or a link to a file that is not there)`,
    );
    expect(run.err).not.toContain('ENOENT');
    expect(run.code).toBe(2);
  });
});
