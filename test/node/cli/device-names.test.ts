/**
 * A CLI transcript names each modem as the report and the window do (shared/device-name.ts): two
 * EM7565s were both "EM7565" in `devices` once the interface ID column was left out for width,
 * and `close` did not say which modem it ran on at all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const SCENARIO = join(import.meta.dirname, '../../fixtures/ui-same-model.json');
const NARROW = { COLUMNS: '60' };

describe('the CLI names modems as the report and the window do', () => {
  it('lists two of one model apart, even when the interface IDs do not fit', async () => {
    const run = await runCli(['--scenario', SCENARIO, 'devices'], { env: NARROW });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('INTERFACE ID');
    expect(run.stdout).toMatch(/^1\s+EM7565 \(…8E47\)\s/m);
    expect(run.stdout).toMatch(/^2\s+EM7565 \(…E4F5\)\s/m);
    expect(run.stdout).toMatch(/^3\s+unknown model \(…2B30\)\s/m);
  });

  it('says which modem a close ran on, in its lines and its JSON', async () => {
    const text = await runCli(['--scenario', SCENARIO, 'close', 'em7565 (…e4f5)', 'diag']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  Device:        EM7565 (…E4F5)\n');
    const json = await runCli(['--scenario', SCENARIO, 'close', '3', 'diag', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ deviceName: 'unknown model (…2B30)' });
  });

  it('names the device of each line `watch` prints', async () => {
    const run = await runCli(['--scenario', SCENARIO, 'watch', '--duration', '200']);
    expect(run.stdout).toMatch(/Z {2}EM7565 \(…8E47\) · device Sierra Wireless/);
    expect(run.stdout).toMatch(/Z {2}EM7565 \(…E4F5\) · device Sierra Wireless/);
    expect(run.stdout).toMatch(/Z {2}unknown model \(…2B30\) · device unknown model/);
  });

  // A review's `watch` showed a vendor service's notification "from Vendor service" in the
  // journal and every export, where the requests called it "Sierra diagnostics stream": watch
  // had not listed the services before their events came.
  it('names the service of a notification `watch` prints, as its requests name it', async () => {
    const scenario = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../assets/scenarios/default.json'), 'utf8'),
    ) as { devices: { services: { notifications?: { afterMs: number }[] }[] }[] };
    for (const device of scenario.devices)
      for (const service of device.services)
        for (const n of service.notifications ?? []) n.afterMs = 50;
    const dir = mkdtempSync(join(tmpdir(), 'mbn-watch-'));
    const file = join(dir, 'soon.json');
    writeFileSync(file, JSON.stringify(scenario));
    try {
      const run = await runCli(['--scenario', file, 'watch', '--json', '--duration', '1500']);
      const notes = run.stdout
        .split('\n')
        .filter((l) => l.includes('"event-notification"'))
        .map((l) => JSON.parse(l) as { serviceName: string; serviceId: string });
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) expect(note.serviceName).not.toBe('Vendor service');
      expect(notes.map((n) => n.serviceName)).toContain('Sierra diagnostics stream');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the candidates so when a model matches two modems', async () => {
    const run = await runCli(['--scenario', SCENARIO, 'services', 'em7565']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('EM7565 (…8E47)');
    expect(run.stderr).toContain('EM7565 (…E4F5)');
  });
});
