import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ScenarioError,
  bundledScenariosDir,
  loadScenarioFile,
} from '../../../electron/backends/simulator/scenario-loader.js';
import { wellKnownServiceName } from '../../../shared/well-known-services.js';

const write = (content: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'scenario-')), 'broken.json');
  writeFileSync(file, content);
  return file;
};

describe('scenario files', () => {
  it('every bundled scenario is valid', () => {
    const dir = bundledScenariosDir();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files).toContain('default.json');
    for (const file of files) expect(() => loadScenarioFile(join(dir, file)), file).not.toThrow();
  });

  it('the default scenario has two devices with the realistic services and the four behaviours a technician meets', () => {
    const scenario = loadScenarioFile(join(bundledScenariosDir(), 'default.json'));
    expect(scenario.devices.length).toBeGreaterThanOrEqual(2);
    for (const device of scenario.devices) {
      const names = device.services.map((s) => wellKnownServiceName(s.serviceId) ?? 'vendor');
      expect(names).toEqual(
        expect.arrayContaining([
          'Basic Connect',
          'SMS',
          'USSD',
          'Phonebook',
          'STK (SIM Toolkit)',
          'Auth',
          'vendor',
        ]),
      );
      expect(
        device.services.some(
          (s) => !wellKnownServiceName(s.serviceId) && s.dataRead && s.dataWrite,
        ),
      ).toBe(true);
    }
    const services = scenario.devices.flatMap((d) => d.services);
    expect(
      services.some(
        (s) =>
          s.sessionOpen &&
          s.close.hresult === 0 &&
          s.close.status === 0 &&
          s.close.completion === 'normal',
      ),
    ).toBe(true);
    expect(services.some((s) => s.close.hresult === 0x80070005)).toBe(true);
    expect(services.some((s) => !s.sessionOpen)).toBe(true);
    expect(services.some((s) => s.sessionOpen && s.close.completion === 'lost')).toBe(true);
  });

  it('a file that is not JSON gets an error naming the file', () => {
    const file = write('{ "name": ');
    expect(() => loadScenarioFile(file)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(file)).toThrow(new RegExp(`${file}.*\\n.*not valid JSON`));
  });

  it('a schema error says where and what is wrong', () => {
    const file = write(
      JSON.stringify({
        name: 'x',
        devices: [
          {
            interfaceId: 'a',
            manufacturer: 'm',
            model: 'm',
            firmware: 'f',
            deviceId: '1',
            services: [{ serviceId: 's', close: { hresult: 'E_NOPE', delay: { fixed: -1 } } }],
          },
        ],
      }),
    );
    let error: ScenarioError | undefined;
    try {
      loadScenarioFile(file);
    } catch (e) {
      error = e as ScenarioError;
    }
    expect(error?.file).toBe(file);
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^devices\[0\]\.services\[0\]\.close\.hresult: not an HRESULT name or number: E_NOPE/,
        ),
        expect.stringMatching(/^devices\[0\]\.services\[0\]\.close\.delay/),
      ]),
    );
  });

  it('rejects duplicate devices and timeline actions for devices that do not exist', () => {
    const device = {
      interfaceId: 'a',
      manufacturer: 'm',
      model: 'm',
      firmware: 'f',
      deviceId: '1',
      services: [],
    };
    const file = write(
      JSON.stringify({
        name: 'x',
        devices: [device, device],
        timeline: [{ action: 'remove-device', atMs: 1, interfaceId: 'zzz' }],
      }),
    );
    expect(() => loadScenarioFile(file)).toThrow(/duplicate interfaceId "a"[\s\S]*no device "zzz"/);
  });

  it('a missing file says it does not exist', () => {
    expect(() => loadScenarioFile('/nonexistent/scenario.json')).toThrow(/the file does not exist/);
  });
});
