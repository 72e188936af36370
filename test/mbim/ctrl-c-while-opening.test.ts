/**
 * Ctrl+C while a modem has not yet answered MBIM OPEN (`--backend mbim --device …`): a modem still
 * starting up may keep the CLI waiting up to 30 s, and a technician presses Ctrl+C. It used to
 * kill the process the default way (no word, ended by the signal); now it stops as every other
 * Ctrl+C in the CLI does: one line that says what it waited for, exit 130, the device file closed,
 * and no journal run left behind (none had started). The modem is a pty that never answers.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openPtyDevice, type PtyDevice } from '../../electron/backends/mbim/emulator/pty.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import { spawnCli } from '../support/run-cli.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Who held the device open when Ctrl+C was pressed. */
  holdersAtOpen: string[];
}

/** Runs the CLI on `device` and presses Ctrl+C (or sends `signal`) once it has sent MBIM OPEN. */
function stopAtOpen(
  device: PtyDevice,
  args: string[],
  journalDir: string,
  signal: 'SIGINT' | 'SIGTERM' = 'SIGINT',
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawnCli(args, journalDir);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let pressed = false;
    let holdersAtOpen: string[] = [];
    device.onData((bytes) => {
      if (pressed || decodeMessage(bytes).type !== 'open') return;
      pressed = true;
      holdersAtOpen = holders(device.path);
      child.kill(signal);
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, holdersAtOpen });
    });
  });
}

async function muteModem(): Promise<PtyDevice> {
  const device = await openPtyDevice();
  cleanup.push(() => device.close());
  return device;
}

function journal(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-ctrl-c-open-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Which processes hold `path` open (the bridge does while the device is open). */
function holders(path: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const fds = readdirSync(`/proc/${pid}/fd`);
      if (fds.some((fd) => readLink(`/proc/${pid}/fd/${fd}`) === path)) found.push(pid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}
function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

it('query, stopped while the modem is silent after OPEN: one line, exit 130, the device closed', async () => {
  const device = await muteModem();
  const before = holders(device.path);
  const journalDir = journal();
  const run = await stopAtOpen(
    device,
    ['--backend', 'mbim', '--device', device.path, 'query', '1', 'Basic', '1'],
    journalDir,
  );
  expect(run.signal).toBeNull();
  expect(run.code).toBe(130);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    `mbn-diag: Stopped by Ctrl+C while waiting for the modem on ${device.path} to answer OPEN, before anything was sent.\n`,
  );
  // The bridge held it while OPEN waited, and let it go before the CLI ended.
  expect(run.holdersAtOpen.length).toBeGreaterThan(before.length);
  expect(holders(device.path)).toEqual(before);
  expect(readdirSync(journalDir).filter((n) => n.startsWith('run-'))).toEqual([]);
});

it('devices, which only looks, stops the same way without "before anything was sent"', async () => {
  const device = await muteModem();
  const run = await stopAtOpen(
    device,
    ['--backend', 'mbim', '--device', device.path, 'devices'],
    journal(),
  );
  expect(run.code).toBe(130);
  expect(run.stderr).toBe(
    `mbn-diag: Stopped by Ctrl+C while waiting for the modem on ${device.path} to answer OPEN.\n`,
  );
});

it('watch, stopped by SIGTERM there: exit 143, said the same way', async () => {
  const device = await muteModem();
  const run = await stopAtOpen(
    device,
    ['--backend', 'mbim', '--device', device.path, 'watch'],
    journal(),
    'SIGTERM',
  );
  expect(run.signal).toBeNull();
  expect(run.code).toBe(143);
  expect(run.stderr).toBe(
    `mbn-diag: Stopped by SIGTERM while waiting for the modem on ${device.path} to answer OPEN.\n`,
  );
});
