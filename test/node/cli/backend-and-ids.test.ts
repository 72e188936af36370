/**
 * Items 10 and 11 of issue 9: every command says which backend it runs on, and device IDs
 * (IMEIs) are masked unless --show-ids is given.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('inside an interface ID or a firmware string too, where a modem puts its IMEI', async () => {
    // A Windows interface ID may end in the USB serial number, for many modems the IMEI: the
    // device ID column was masked while the interface ID beside it showed the same number.
    const scenario = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../assets/scenarios/default.json'), 'utf8'),
    ) as { devices: { interfaceId: string; firmware: string }[] };
    const [sierra] = scenario.devices;
    if (!sierra) throw new Error('the default scenario has no device');
    sierra.interfaceId = `USB\\VID_1199&PID_9091\\6&${SIERRA_IMEI}`;
    sierra.firmware = `SWI9X50C IMEI ${SIERRA_IMEI}`;
    const file = join(mkdtempSync(join(tmpdir(), 'mbn-ids-')), 'imei-in-ids.json');
    writeFileSync(file, JSON.stringify(scenario));
    const runs = await Promise.all([
      runCli(['--scenario', file, 'devices'], WIDE),
      runCli(['--scenario', file, 'devices', '--json']),
      runCli(['--scenario', file, 'services', '1', '--json']),
      runCli(['--scenario', file, 'services', 'e']),
      runCli(['--scenario', file, 'close', '1', 'sms', '--json']),
      runCli(['--scenario', file, 'query', '1', 'basic', 'radio_state', '--json']),
    ]);
    for (const run of runs) {
      expect(`${run.stdout}${run.stderr}`).not.toContain(SIERRA_IMEI);
      expect(`${run.stdout}${run.stderr}`).toMatch(/6&3590•••••••••67/);
    }
    const shown = await runCli(['--scenario', file, '--show-ids', 'devices', '--json']);
    expect(shown.stdout).toContain(`6&${SIERRA_IMEI}`);
  });

  it('services and close carry no device ID at all', async () => {
    const run = await runCli(['close', SIERRA, PHONEBOOK, '--timeout', '100', '--json']);
    expect(run.stdout).not.toContain(SIERRA_IMEI);
  });
});
