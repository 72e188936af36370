/**
 * Item 13 of issue 9: a device by its number in `devices`, its model or its maker; a service by
 * its name; GUIDs without braces and in any case; on no match, the candidates (exit 2).
 */
import { describe, expect, it } from 'vitest';
import { pickDevice, pickService } from '../../../electron/cli/pick.js';
import type { DeviceInfo, ServiceInfo } from '../../../shared/model.js';
import { QUECTEL, SIERRA, SIERRA_DIAG, runCli } from '../../support/run-cli.js';

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('naming devices and services on the command line (spawned CLI)', () => {
  it('services takes the number from `devices`, the model in any case, or the bare GUID', async () => {
    const runs = await Promise.all([
      runCli(['services', '2', '--json']),
      runCli(['services', 'em120r-gl', '--json']),
      runCli(['services', 'quectel', '--json']),
      runCli(['services', QUECTEL.slice(1, -1).toLowerCase(), '--json']),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(json(run.stdout).device).toMatchObject({ interfaceId: QUECTEL, model: 'EM120R-GL' });
    }
  });

  it('close takes a service by name or by its GUID in any form', async () => {
    const runs = await Promise.all([
      runCli(['close', 'EM7565', 'sierra diagnostics stream', '--json']),
      runCli(['close', '1', 'diag', '--json']),
      runCli(['close', SIERRA, SIERRA_DIAG.slice(1, -1).toLowerCase(), '--json']),
      runCli(['close', SIERRA.toLowerCase(), '8c1e5a4b', '--json']),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(json(run.stdout)).toMatchObject({
        interfaceId: SIERRA,
        serviceId: SIERRA_DIAG,
        outcome: 'completed',
      });
    }
  });

  it('no match or an ambiguous name: exit 2, listing what could be meant', async () => {
    const [device, ambiguous, service] = await Promise.all([
      runCli(['services', 'EM9999']),
      runCli(['close', '1', 's']),
      runCli(['close', 'EM7565', 'voice']),
    ]);
    expect(device.code).toBe(2);
    expect(device.stderr).toMatch(/No device matches "EM9999"/);
    expect(device.stderr).toMatch(/^ +1 +EM7565 \(…8E47\) +\{5F3A8C21-/m);
    expect(device.stderr).toMatch(/^ +2 +EM120R-GL \(…2B30\) +\{B7D04E92-/m);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/"s" matches \d+ services of EM7565/);
    expect(ambiguous.stderr).toMatch(/^ +SMS +533fbeeb-/m);
    expect(service.code).toBe(2);
    expect(service.stderr).toMatch(/has no device service "voice"\. Its services are:/);
    expect(service.stderr).toMatch(/^ +Phonebook +4bf38476-/m);
    for (const run of [device, ambiguous, service]) expect(run.stdout).toBe('');
  });
});

const device = (model: string, interfaceId: string): DeviceInfo => ({
  interfaceId,
  model,
  manufacturer: 'Sierra Wireless, Incorporated',
  firmware: 'x',
  deviceId: '',
  readyState: 'initialized',
});
const service = (name: string, serviceId: string): ServiceInfo => ({
  interfaceId: SIERRA,
  serviceId,
  name,
  dataReadSupported: false,
  dataWriteSupported: false,
  dataSessionOpen: false,
  commandSessionOpen: false,
  maxCommandSize: null,
});

describe('pickDevice and pickService', () => {
  const twins = [
    device('EM7565', '{AAAA0000-0000-0000-0000-000000000001}'),
    device('EM7565', '{BBBB0000-0000-0000-0000-000000000002}'),
  ];

  it('two devices of the same model: the model is ambiguous, the number is not', () => {
    expect(() => pickDevice(twins, 'em7565')).toThrow(/matches 2 devices/);
    expect(pickDevice(twins, '2')).toBe(twins[1]);
    expect(pickDevice(twins, 'bbbb')).toBe(twins[1]);
  });

  // A technician's review typed `em7565 (...8e47)` and `8e47`: only the exact "…" matched, and
  // with two modems of one model the end of the interface ID is what tells them apart.
  it('two of one model: by the end of the interface ID, typed or pasted', () => {
    const pair = [
      device('EM7565', '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}'),
      device('EM7565', '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}'),
    ];
    for (const query of [
      '8e47',
      '8E47',
      '(…8E47)',
      '(...8e47)',
      'em7565 (...8e47)',
      'EM7565 (…8E47)',
    ])
      expect(pickDevice(pair, query), query).toBe(pair[0]);
    expect(pickDevice(pair, '2b30')).toBe(pair[1]);
    expect(() => pickDevice(pair, '8e4')).toThrow(/No device matches/);
  });

  // A review found `close 0 ussd` closing USSD on the EM120R-GL: "0" is no device's number, and
  // was matched as a piece of its model. A number names a device by its number only.
  it('a number that is no device number names no device, however models are spelt', () => {
    const models = [
      device('EM7565', '{AAAA0000-0000-0000-0000-000000000001}'),
      device('EM120R-GL', '{BBBB0000-0000-0000-0000-000000000002}'),
    ];
    expect(() => pickDevice(models, '0')).toThrow(
      /No device number 0: the devices are numbered 1 to 2/,
    );
    expect(() => pickDevice(models, '12')).toThrow(/No device number 12/);
    expect(() => pickDevice(models, '75')).toThrow(/No device number 75/);
    expect(pickDevice(models, '2')).toBe(models[1]);
    // A GUID's beginning still names its device, digits or not.
    expect(pickDevice([device('X', '{12345678-0000-0000-0000-000000000001}')], '1234').model).toBe(
      'X',
    );
  });

  // `services` at 80 columns shows IDs by their beginning (`{8C1E5A4B…`): pasted, or typed with
  // three dots, it names the service as the beginning alone does.
  it('a service by its ID shortened as the narrow table shows it, typed or pasted', () => {
    const services = [
      service('SMS', '533fbeeb-14fe-4467-9f90-33a223e56c3f'),
      service('Sierra diagnostics stream', '{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}'),
    ];
    for (const query of ['{8C1E5A4B…', '8c1e5a4b...', '{8C1E5A4B', '8c1e5a4b'])
      expect(pickService(twins[0] as DeviceInfo, services, query), query).toBe(services[1]);
    expect(pickService(twins[0] as DeviceInfo, services, '533fbeeb…')).toBe(services[0]);
  });

  it('an exact name wins over a longer name containing it', () => {
    const services = [
      service('SMS', '533fbeeb-14fe-4467-9f90-33a223e56c3f'),
      service('SMS extra', '{11111111-1111-1111-1111-111111111111}'),
    ];
    expect(pickService(twins[0] as DeviceInfo, services, 'sms')).toBe(services[0]);
    expect(pickService(twins[0] as DeviceInfo, services, 'extra')).toBe(services[1]);
    expect(() => pickService(twins[0] as DeviceInfo, services, '')).toThrow(
      /has no device service/,
    );
  });
});
