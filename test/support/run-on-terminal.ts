/**
 * Runs the CLI with stdout and stderr on one pseudo-terminal (util-linux `script`), as a
 * technician's terminal shows them: what is redrawn in place, and what is printed between.
 * Without `script` a suite using this cannot run: it says so (`hasScript`), and fails under CI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');

export const hasScript = spawnSync('script', ['--version']).status === 0;

/** `journalDir`: the CLI's journal (and index cache); a new empty one unless given. */
export function runOnTerminal(
  args: string[],
  journalDir: string = mkdtempSync(join(tmpdir(), 'mbn-tty-')),
): Promise<{ code: number | null; output: string }> {
  const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, CLI_BUNDLE, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, MBN_DIAG_JOURNAL_DIR: journalDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}
