/**
 * The emulator as a command (`npm run mbim-emulator`), as a trainer would use it: it prints the
 * pty's path, mbimcli reads the scenario's device there, and SIGTERM unplugs it and exits.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { ROOT } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';

it('serves a scenario device on a pty until it is told to stop', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'electron/backends/mbim/emulator/cli.ts'),
      '--scenario',
      join(ROOT, 'test/mbim/scenarios/mbim.json'),
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const path = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).once('line', resolve);
    });
    expect(path).toMatch(/^\/dev\/pts\/\d+$/);
    const caps = await mbimcli(['-d', path, '--query-device-caps']);
    expect(caps.stdout).toMatch(/Hardware info: 'EM9191'/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
