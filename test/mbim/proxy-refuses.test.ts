/**
 * mbim-proxy accepts only root or the user it runs as, and closes any other client's connection
 * at once without answering (libmbim mbim-proxy.c, new_connection_cb). A technician running
 * mbn-diag as such a user was told "the modem went away", which sends them looking at the modem.
 * The CLI runs here as `nobody` against a root mbim-proxy, as `runuser -u nobody -- mbn-diag
 * --backend mbim --proxy --device $D devices` would.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { loadScenario, ROOT, serve } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';
import { CLI_BUNDLE } from '../support/run-cli.js';

const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) =>
  existsSync(p),
);
const skipped =
  process.getuid?.() !== 0
    ? 'not running as root: runuser cannot switch to another user'
    : RUNUSER === undefined
      ? 'runuser not found (util-linux)'
      : undefined;
if (skipped)
  console.warn(
    `!!! SKIPPED proxy-refuses.test.ts: ${skipped}. mbim-proxy refusing a user is untested here.`,
  );

let proxy: RunningProxy | undefined;
let served: ServedDevice | undefined;
beforeAll(async () => {
  if (skipped) return;
  proxy = await startProxy();
  served = await serve(loadScenario('test/mbim/scenarios/mbim.json'));
});
afterAll(async () => {
  await served?.close();
  await proxy?.stop();
});

/** The CLI (its bundle) as `nobody`, asynchronously: the emulator answers in this process. */
function runAsNobody(args: string[]): Promise<{ code: number; stderr: string }> {
  const journalDir = mkdtempSync(join(tmpdir(), 'mbn-nobody-'));
  chmodSync(journalDir, 0o777);
  const command = [
    '-u',
    'nobody',
    '--',
    'env',
    `MBN_DIAG_JOURNAL_DIR=${journalDir}`,
    'HOME=/tmp',
    process.execPath,
    CLI_BUNDLE,
    ...args,
  ];
  return new Promise((resolve) => {
    execFile(
      RUNUSER ?? 'runuser',
      command,
      { cwd: ROOT, timeout: 30_000 },
      (error, _out, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stderr });
      },
    );
  });
}

it.skipIf(skipped !== undefined)(
  'says mbim-proxy closed the connection and whom it accepts, not that the modem went away',
  async () => {
    const path = served?.path ?? '';
    const run = await runAsNobody(['--backend', 'mbim', '--proxy', '--device', path, 'devices']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`mbim-proxy closed the connection before taking ${path}`);
    expect(run.stderr).toContain('accepts only root or the user it runs as');
    expect(run.stderr).toMatch(/runs as uid [1-9]\d*/);
    expect(run.stderr).not.toContain('the modem went away');
  },
);
