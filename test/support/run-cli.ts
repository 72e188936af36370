/**
 * Runs the CLI in a child process, the way a technician's shell would: the bundle `npx mbn-diag`
 * runs, which the tests' globalSetup (build-cli.ts) builds from the sources first.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = join(import.meta.dirname, '../..');
/** The CLI bundle (scripts/build/10-cli.mjs), built before the tests by build-cli.ts. */
export const CLI_BUNDLE = join(ROOT, 'dist/cli/mbn-diag.cjs');

/** The CLI (`mbn-diag …args`), its journal in `journalDir`, stdout and stderr piped. */
export function spawnCli(
  args: string[],
  journalDir: string,
  env: Record<string, string> = {},
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: ROOT,
    env: { ...process.env, MBN_DIAG_JOURNAL_DIR: journalDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(
  args: string[],
  options: {
    journalDir?: string;
    bin?: boolean;
    env?: Record<string, string>;
    /** Killed (SIGKILL: a process spinning may not answer SIGTERM) after this long. */
    timeoutMs?: number;
  } = {},
): Promise<CliRun> {
  const journalDir = options.journalDir ?? mkdtempSync(join(tmpdir(), 'mbn-cli-'));
  const command = [options.bin ? join(ROOT, 'bin/mbn-diag.cjs') : CLI_BUNDLE];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...command, ...args], {
      cwd: ROOT,
      env: { ...process.env, MBN_DIAG_JOURNAL_DIR: journalDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
export const QUECTEL = '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}';
export const SIERRA_DIAG = '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}';
export const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
export const USSD = 'e550a0c8-5e82-479e-82f7-10abf4c3351f';
export const PHONEBOOK = '4bf38476-1e6a-41db-b1d8-bed289c25bdb';
export const STK = 'd8f20131-fcb5-4e17-8602-d6ed3816164c';
