/**
 * Device-service commands on the MBIM backend over the real transport (the Python bridge to a
 * pty) and through the real mbim-proxy: a vendor service's QUERY answered, failed by MBIM status
 * and answered with a response longer than one control transfer (which libmbim reassembles on the
 * proxy's side and this backend on its own), and the service's notifications, which mbim-proxy
 * forwards only because the backend subscribed to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import type { BackendEvent } from '../../shared/model.js';
import { decodeHresult } from '../../shared/hresult.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';
const BIG = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 13) & 0xff));

/**
 * The MBIM scenario, its vendor service given a listed CID 4 with a 10 000-byte response, and its
 * notifications starting once the backend has surely subscribed (a modem sends a vendor service's
 * indications only after that, and mbim-proxy forwards them only after that).
 */
function scenarioWithBigResponse() {
  const scenario = loadScenario('test/mbim/scenarios/mbim.json');
  const vendor = scenario.devices[0]?.services.find((s) => s.serviceId === VENDOR);
  if (!vendor) throw new Error('the scenario lost its vendor service');
  vendor.commands.list.push({
    cid: 4,
    listed: true,
    query: {
      hresult: 0,
      status: 0,
      delay: { fixed: 10 },
      completion: 'normal',
      response: BIG.toString('hex'),
    },
  });
  const notification = vendor.notifications[0];
  if (notification) notification.afterMs = 800;
  return scenario;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

describe.each([
  ['directly', false],
  ['through mbim-proxy', true],
] as const)('vendor commands on the MBIM backend, %s', (_, viaProxy) => {
  let served: ServedDevice;
  let proxy: RunningProxy | undefined;
  let backend: MbimBackend;
  const events: BackendEvent[] = [];

  beforeAll(async () => {
    if (viaProxy) proxy = await startProxy();
    served = await serve(scenarioWithBigResponse());
    backend = await connect(served.path, viaProxy);
    backend.onEvent((e) => events.push(e));
    await backend.listServices(served.path);
    await backend.openCommandSession(served.path, VENDOR);
    await sleep(10);
  });
  afterAll(async () => {
    await backend.close();
    await served.close();
    await proxy?.stop();
  });

  /** Sends a QUERY and waits for its completion (or `ms` without one). */
  async function query(cid: number, ms = 500) {
    const sent = await backend.queryCommand(served.path, VENDOR, cid, new Uint8Array([cid]));
    expect(sent.hresult).toBe(0);
    for (let waited = 0; waited < ms; waited += 10) {
      const done = events.find(
        (e): e is Extract<BackendEvent, { type: 'completion' }> =>
          e.type === 'completion' && e.requestId === sent.requestId,
      );
      if (done) return done;
      await sleep(10);
    }
    return undefined;
  }

  it('lists the CIDs the modem gives for the vendor service', async () => {
    const sent = await backend.querySupportedCommands(served.path, VENDOR);
    await sleep(10);
    const done = events.find((e) => e.type === 'completion' && e.requestId === sent.requestId);
    expect(done?.type === 'completion' && done.commandIds).toEqual([1, 2, 3, 5, 4]);
  });

  it('completes a QUERY with the response bytes, or with the MBIM status named', async () => {
    const ok = await query(1);
    expect(ok?.status).toBe(0);
    expect(Buffer.from(ok?.response?.data ?? []).toString('hex')).toBe(
      '010000002a00000076656e646f72',
    );
    const failed = await query(2);
    expect(decodeHresult(failed?.status ?? 0).name).toBe('MBIM_STATUS_OPERATION_NOT_ALLOWED');
  });

  it('reassembles a 10 000-byte response, byte for byte', async () => {
    const done = await query(4);
    expect(done?.status).toBe(0);
    expect(Buffer.from(done?.response?.data ?? []).equals(BIG)).toBe(true);
  });

  it("hears the vendor service's notifications", async () => {
    // Event 5 three times, 250 ms apart, from 800 ms after OPEN.
    for (let waited = 0; waited < 3000; waited += 50) {
      if (events.filter((e) => e.type === 'event-notification').length >= 3) break;
      await sleep(50);
    }
    const notes = events.filter((e) => e.type === 'event-notification');
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatchObject({ serviceId: VENDOR, eventId: 5 });
  });
});
