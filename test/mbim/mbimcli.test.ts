/**
 * The emulator judged by libmbim: the real mbimcli, pointed at the emulator's pty (and through the
 * real mbim-proxy with -p), reads device caps and device services as the scenario says, and
 * --dss-connect / --dss-disconnect succeed or fail with the status the scenario injects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { loadScenario, serve } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
const BUSY = '22222222-2222-4222-8222-222222222222';
const FAILURE = '33333333-3333-4333-8333-333333333333';
const STREAM = '77777777-7777-4777-8777-777777777777';
const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';

describe.each([
  ['directly', false],
  ['through mbim-proxy', true],
] as const)('mbimcli against the emulator %s', (_, viaProxy) => {
  let served: ServedDevice;
  let proxy: RunningProxy | undefined;
  const args = (...rest: string[]): string[] => [
    '-d',
    served.path,
    ...(viaProxy ? ['-p'] : []),
    ...rest,
  ];

  beforeAll(async () => {
    if (viaProxy) proxy = await startProxy();
    served = await serve(scenario);
  });
  afterAll(async () => {
    await served.close();
    await proxy?.stop();
  });

  it('reads the device caps the scenario describes', async () => {
    const result = await mbimcli(args('--query-device-caps'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Device ID: '356938035643809'/);
    expect(result.stdout).toMatch(/Firmware info: '02\.08\.01\.00'/);
    expect(result.stdout).toMatch(/Hardware info: 'EM9191'/);
  });

  it('lists the scenario services, with DSS support where the scenario streams', async () => {
    const result = await mbimcli(args('--query-device-services'));
    expect(result.code).toBe(0);
    for (const service of scenario.devices[0]?.services ?? [])
      expect(result.stdout).toContain(`[${service.serviceId}]`);
    // The streaming service supports DSS both ways (DssPayload 3), a closing-only one does not.
    const stream = result.stdout.slice(result.stdout.indexOf(`[${STREAM}]`));
    expect(stream).toMatch(/DSS payload: 3/);
  });

  it("lists the vendor service's commands, less the one the scenario leaves unlisted", async () => {
    const result = await mbimcli(args('--query-device-services'));
    expect(result.code).toBe(0);
    const vendor = result.stdout.slice(result.stdout.indexOf(`[${VENDOR}]`));
    expect(vendor).toMatch(/^[^\n]*\n[^\n]*DSS payload: 0\n[^\n]*\n\s*CIDs: 1, 2, 3, 5\n/);
  });

  it('connects a DSS session where the scenario succeeds', async () => {
    const result = await mbimcli(args(`--dss-connect=${STREAM},7`));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Successfully connected/);
    expect(result.code).toBe(0);
  });

  it('fails a DSS disconnect with the status the scenario injects, by name', async () => {
    const busy = await mbimcli(args(`--dss-disconnect=${BUSY},2`));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/operation failed: Busy/);
    const failure = await mbimcli(args(`--dss-disconnect=${FAILURE},3`));
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/operation failed: Failure/);
  });
});
