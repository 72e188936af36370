/**
 * The built bin (minified, zod's other locales left out, commands loaded lazily; issue 9 item
 * 15) still does everything the source does: lists devices with its backend, and explains a bad
 * scenario in English words.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIERRA, SMS, runCli } from '../../support/run-cli.js';

describe('the built bin', () => {
  it('runs commands, not only --help', async () => {
    const [devices, close] = await Promise.all([
      runCli(['devices', '--json'], { bin: true }),
      runCli(['close', SIERRA, SMS, '--json'], { bin: true }),
    ]);
    expect(devices.code, devices.stderr).toBe(0);
    expect(JSON.parse(devices.stdout)).toMatchObject({
      backend: { kind: 'simulator' },
      devices: [{ model: 'EM7565' }, { model: 'EM120R-GL' }],
    });
    expect(close.code).toBe(1);
    expect(JSON.parse(close.stdout)).toMatchObject({ outcome: 'rejected' });
  });

  it('explains a bad scenario in plain English', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scn-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'x', devices: 'none' }));
    const run = await runCli(['--scenario', file, 'devices'], { bin: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/devices: Invalid input: expected array, received string/);
  });
});
