/**
 * Ctrl+C while the CLI still lists devices or a device's services, before any request is sent:
 * a backend slow to enumerate looks stuck, and a technician presses Ctrl+C. It used to kill the
 * process at once, leaving the journal run of `close` (or `query`, `set`…) without an end, to be
 * read as crashed. Now the listing stops, one line says so, the run ends properly, exit 130.
 * The simulator is slowed by test/support/slow-listing.ts, loaded before the CLI, which tells
 * (on descriptor 3) when the slow listing has begun.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runEnd } from '../../../electron/core/journal-files.js';

const ROOT = join(import.meta.dirname, '../../..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Stopped {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI on a slow simulator and sends `signal` once it lists `what` ('devices'…). From its
 * sources through tsx, unlike the other CLI tests (run-cli.ts): slow-listing.ts patches the
 * simulator's class as the sources define it, which the bundle holds a copy of.
 */
function stopWhileListing(
  args: string[],
  journalDir: string,
  what: 'devices' | 'services',
  signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' = 'SIGINT',
): Promise<Stopped> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        join(ROOT, 'test/support/slow-listing.ts'),
        join(ROOT, 'electron/cli/index.ts'),
        ...args,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          MBN_DIAG_JOURNAL_DIR: journalDir,
          SLOW_LISTING: what,
          // A test worker forked with an IPC channel passes its number on: the CLI would take
          // descriptor 3, the news pipe, for one.
          NODE_CHANNEL_FD: undefined,
        },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let news = '';
    const [, out, err, fd3] = child.stdio as unknown as [null, Readable, Readable, Readable];
    out.on('data', (c: Buffer) => (stdout += c.toString()));
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    let sent = false;
    fd3.on('data', (c: Buffer) => {
      news += c.toString();
      if (!sent && news.includes(`listing ${what}\n`)) {
        sent = true;
        child.kill(signal);
      }
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('close', (code, by) => {
      clearTimeout(killer);
      resolve({ code, signal: by, stdout, stderr });
    });
  });
}

function journal(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-ctrl-c-list-'));
  made.push(dir);
  return dir;
}

const runs = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('run-'));

describe('Ctrl+C while the CLI lists devices or services', () => {
  it('close, stopped while listing services: one line, the run ended, exit 130', async () => {
    const journalDir = journal();
    const run = await stopWhileListing(['close', '1', 'Phonebook'], journalDir, 'services');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'mbn-diag: Stopped by Ctrl+C while listing the services of EM7565 (…8E47), before anything was sent.\n',
    );
    const [runDir] = runs(journalDir);
    expect(runs(journalDir)).toHaveLength(1);
    expect(runEnd(join(journalDir, runDir ?? ''))).toBe('ended');
  }, 60_000);

  it('query, stopped by SIGTERM while listing devices: exit 143, the run ended', async () => {
    const journalDir = journal();
    const run = await stopWhileListing(
      ['query', '1', 'Sierra', '1'],
      journalDir,
      'devices',
      'SIGTERM',
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(143);
    expect(run.stderr).toBe(
      'mbn-diag: Stopped by SIGTERM while listing devices, before anything was sent.\n',
    );
    const [runDir] = runs(journalDir);
    expect(runEnd(join(journalDir, runDir ?? ''))).toBe('ended');
  }, 60_000);

  // An SSH connection dropped: killed outright by the hang-up, the run read as crashed.
  it('query, hung up while listing devices: exit 129, the run ended', async () => {
    const journalDir = journal();
    const run = await stopWhileListing(
      ['query', '1', 'Sierra', '1'],
      journalDir,
      'devices',
      'SIGHUP',
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(129);
    expect(run.stderr).toBe(
      'mbn-diag: Stopped by SIGHUP while listing devices, before anything was sent.\n',
    );
    const [runDir] = runs(journalDir);
    expect(runEnd(join(journalDir, runDir ?? ''))).toBe('ended');
  }, 60_000);

  it('services and devices, which only look, stop the same way and record nothing', async () => {
    const journalDir = journal();
    const [services, devices] = await Promise.all([
      stopWhileListing(['services', '1'], journalDir, 'services'),
      stopWhileListing(['devices'], journalDir, 'devices'),
    ]);
    expect([services.code, devices.code]).toEqual([130, 130]);
    expect(services.stderr).toBe(
      'mbn-diag: Stopped by Ctrl+C while listing the services of EM7565 (…8E47).\n',
    );
    expect(devices.stderr).toBe('mbn-diag: Stopped by Ctrl+C while listing devices.\n');
    expect(services.stdout + devices.stdout).toBe('');
    expect(runs(journalDir)).toEqual([]);
  }, 60_000);

  it('watch, stopped while listing devices, ends as a watch ends: its summary, the run ended', async () => {
    const journalDir = journal();
    const run = await stopWhileListing(['watch'], journalDir, 'devices');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^Watched \d+\.\d s on the SIMULATOR: /,
    );
    const [runDir] = runs(journalDir);
    expect(runEnd(join(journalDir, runDir ?? ''))).toBe('ended');
  }, 60_000);
});
