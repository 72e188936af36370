/**
 * The simulated world's state (`simulator-state.json`) is saved in the journal directory, which
 * `--journal-dir` may put in a folder others can write (`--journal-dir ./mbim-log` on a shared
 * drive, /tmp). It was written through a temporary name anyone could predict
 * (`simulator-state.json.<pid>.tmp`), opened as it stood: a link planted under it made a plain
 * `close` overwrite the file it pointed to. The temporary file is now a new one, never a link.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';

const made: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-state-link-'));
  made.push(dir);
  return dir;
};

describe('the simulated world saved in a shared journal directory', () => {
  it('is never written through a link planted where its temporary file goes', async () => {
    const journalDir = temp();
    const victim = join(temp(), 'profile');
    writeFileSync(victim, 'the user’s own file\n');
    // This process runs the command, so its PID is the one the name would carry.
    symlinkSync(victim, join(journalDir, `simulator-state.json.${String(process.pid)}.tmp`));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runCli(['--journal-dir', journalDir, 'close', '1', 'diag']);
    vi.restoreAllMocks();
    expect(code).toBe(EXIT.ok);
    expect(readFileSync(victim, 'utf8')).toBe('the user’s own file\n');
    // The world was saved all the same.
    expect(readFileSync(join(journalDir, 'simulator-state.json'), 'utf8')).toMatch(/"worlds"/);
  });
});
