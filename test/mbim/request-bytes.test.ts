/**
 * The backend judged against libmbim: for the same operation, the bytes the emulator receives
 * from this project's backend equal those it receives from the real mbimcli, apart from the
 * transaction ID; directly, and through the real mbim-proxy (which renumbers transaction IDs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import { formatUuid } from '../../electron/backends/mbim/uuid.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
const services = scenario.devices[0]?.services ?? [];
const BUSY = '22222222-2222-4222-8222-222222222222';
const STREAM = '77777777-7777-4777-8777-777777777777';
/**
 * The backend's DSS session ID: the services that can stream are numbered first, then the others,
 * each in DEVICE_SERVICES (scenario) order.
 */
const streams = (s: (typeof services)[number]): boolean => s.dataRead || s.dataWrite;
const numbered = [...services.filter(streams), ...services.filter((s) => !streams(s))];
const sessionOf = (id: string): number => numbered.findIndex((s) => s.serviceId === id);

const DSS = 'c08a26dd-7718-4382-8482-6e0d583c4d0e';
const BASIC = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';

/** Hex of each message received since `from`, transaction ID zeroed, keyed by what it asks. */
function requests(served: ServedDevice, from: number): Map<string, string> {
  const found = new Map<string, string>();
  for (const bytes of served.emulator.received.slice(from)) {
    const message = decodeMessage(bytes);
    const key =
      message.type === 'command'
        ? `${formatUuid(message.service)}/${message.cid}/${message.commandType}`
        : message.type;
    const copy = Buffer.from(bytes);
    copy.writeUInt32LE(0, 8);
    if (!found.has(key)) found.set(key, copy.toString('hex'));
  }
  return found;
}

describe.each([
  ['directly', false],
  ['through mbim-proxy', true],
] as const)('request bytes, backend vs mbimcli, %s', (_, viaProxy) => {
  let served: ServedDevice;
  let proxy: RunningProxy | undefined;
  const cli = (...rest: string[]) =>
    mbimcli(['-d', served.path, ...(viaProxy ? ['-p'] : []), ...rest]);

  beforeAll(async () => {
    if (viaProxy) proxy = await startProxy();
    served = await serve(scenario);
  });
  afterAll(async () => {
    await served.close();
    await proxy?.stop();
  });

  /** What mbimcli sends for `args`, and what the backend sends for `operate`. */
  async function both(
    args: string[],
    operate: (backend: Awaited<ReturnType<typeof connect>>) => Promise<unknown>,
  ): Promise<{ cli: Map<string, string>; ours: Map<string, string> }> {
    let mark = served.emulator.received.length;
    await cli(...args);
    const fromCli = requests(served, mark);
    mark = served.emulator.received.length;
    const backend = await connect(served.path, viaProxy);
    try {
      await operate(backend);
      // Let a DSS command reach the device before the backend says CLOSE.
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await backend.close();
    }
    return { cli: fromCli, ours: requests(served, mark) };
  }

  it('DEVICE_CAPS query (and MBIM OPEN and CLOSE where they reach the device)', async () => {
    const { cli: a, ours: b } = await both(['--query-device-caps'], (backend) =>
      backend.listDevices(),
    );
    const key = `${BASIC}/1/0`;
    expect(a.get(key)).toBeDefined();
    expect(b.get(key)).toBe(a.get(key));
    if (viaProxy) {
      // The proxy owns OPEN and CLOSE: it opened the device once and keeps it open for everyone.
      expect(b.has('open')).toBe(false);
    } else {
      expect(a.get('open')).toBeDefined();
      expect(b.get('open')).toBe(a.get('open'));
      expect(b.get('close')).toBe(a.get('close'));
    }
  });

  it('DEVICE_SERVICES query', async () => {
    const { cli: a, ours: b } = await both(['--query-device-services'], (backend) =>
      backend.listServices(served.path),
    );
    const key = `${BASIC}/16/0`;
    expect(a.get(key)).toBeDefined();
    expect(b.get(key)).toBe(a.get(key));
  });

  it('a Basic Connect QUERY (RADIO_STATE) sent as a device-service command', async () => {
    const { cli: a, ours: b } = await both(['--query-radio-state'], async (backend) => {
      await backend.openCommandSession(served.path, BASIC);
      // The command session is local: its completion comes at once, without a message.
      await new Promise((resolve) => setImmediate(resolve));
      const sent = await backend.queryCommand(served.path, BASIC, 3, new Uint8Array(0));
      expect(sent.hresult).toBe(0);
    });
    const key = `${BASIC}/3/0`;
    expect(a.get(key)).toBeDefined();
    expect(b.get(key)).toBe(a.get(key));
  });

  it('DSS_CONNECT deactivate (Close Session)', async () => {
    const { cli: a, ours: b } = await both(
      [`--dss-disconnect=${BUSY},${sessionOf(BUSY)}`],
      (backend) => backend.closeDataSession(served.path, BUSY),
    );
    const key = `${DSS}/1/1`;
    expect(a.get(key)).toBeDefined();
    expect(b.get(key)).toBe(a.get(key));
  });

  it('DSS_CONNECT activate (Open Session)', async () => {
    const { cli: a, ours: b } = await both(
      [`--dss-connect=${STREAM},${sessionOf(STREAM)}`],
      (backend) => backend.openDataSession(served.path, STREAM),
    );
    const key = `${DSS}/1/1`;
    expect(a.get(key)).toBeDefined();
    expect(b.get(key)).toBe(a.get(key));
  });
});
