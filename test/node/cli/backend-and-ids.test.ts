/**
 * Items 10 and 11 of issue 9: every command says which backend it runs on, and device IDs
 * (IMEIs) are masked unless --show-ids is given.
 */
import { describe, expect, it } from 'vitest';
import { PHONEBOOK, SIERRA, SIERRA_DIAG, SMS, runCli } from '../../support/run-cli.js';

const SIERRA_IMEI = '359072061234567';
const QUECTEL_IMEI = '861234059876543';
const WIDE = { env: { COLUMNS: '' } };

describe('the CLI says it runs on the simulator', () => {
  it('on stderr for text output, for every command that talks to a backend', async () => {
    const runs = await Promise.all([
      runCli(['devices'], WIDE),
      runCli(['services', '1'], WIDE),
      runCli(['close', SIERRA, SIERRA_DIAG]),
      runCli(['watch', '--duration', '100']),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(
        /^mbn-diag: SIMULATOR, no real modem is used\. .*scenario "default"/m,
      );
      expect(run.stdout).not.toMatch(/SIMULATOR, no real modem/);
    }
  });

  it('as a `backend` field in --json, with stderr left quiet', async () => {
    const runs = await Promise.all([
      runCli(['devices', '--json']),
      runCli(['services', '1', '--json']),
      runCli(['close', SIERRA, SMS, '--json']),
    ]);
    for (const run of runs) {
      expect(run.stderr).toBe('');
      const backend = (JSON.parse(run.stdout) as { backend: Record<string, unknown> }).backend;
      expect(backend).toMatchObject({
        kind: 'simulator',
        label: expect.stringContaining('scenario "default"') as unknown,
        reason: expect.any(String) as unknown,
      });
    }
  });
});

describe('device IDs are masked by default, as in the app', () => {
  it('in the devices table and its JSON', async () => {
    const [text, json] = await Promise.all([
      runCli(['devices'], WIDE),
      runCli(['devices', '--json']),
    ]);
    for (const run of [text, json]) {
      expect(run.stdout).not.toContain(SIERRA_IMEI);
      expect(run.stdout).not.toContain(QUECTEL_IMEI);
    }
    expect(text.stdout).toContain('3590•••••••••67');
    const devices = (JSON.parse(json.stdout) as { devices: { deviceId: string }[] }).devices;
    expect(devices.map((d) => d.deviceId)).toEqual(['3590•••••••••67', '8612•••••••••43']);
  });

  it('in what watch prints, text and JSON Lines', async () => {
    const [text, json] = await Promise.all([
      runCli(['watch', '--duration', '100']),
      runCli(['watch', '--json', '--duration', '100']),
    ]);
    expect(json.stdout).toMatch(/"kind":"device-info"/);
    for (const run of [text, json]) expect(run.stdout).not.toContain(SIERRA_IMEI);
  });

  it('shown whole with --show-ids', async () => {
    const [text, json, watch] = await Promise.all([
      runCli(['--show-ids', 'devices'], WIDE),
      runCli(['--show-ids', 'devices', '--json']),
      runCli(['--show-ids', 'watch', '--json', '--duration', '100']),
    ]);
    for (const run of [text, json, watch]) expect(run.stdout).toContain(SIERRA_IMEI);
  });

  it('services and close carry no device ID at all', async () => {
    const run = await runCli(['close', SIERRA, PHONEBOOK, '--timeout', '100', '--json']);
    expect(run.stdout).not.toContain(SIERRA_IMEI);
  });
});
