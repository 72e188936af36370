/**
 * Device-service commands on the MBIM backend over the real transport (the Python bridge to a
 * pty) and through the real mbim-proxy: a vendor service's QUERY answered, failed by MBIM status
 * and answered with a response longer than one control transfer (which libmbim reassembles on the
 * proxy's side and this backend on its own), and the service's notifications, which mbim-proxy
 * forwards only because the backend subscribed to them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import type { BackendEvent } from '../../shared/model.js';
import { decodeHresult } from '../../shared/hresult.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';
const BIG = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 13) & 0xff));
/** Longer than 64 KiB: mbim-proxy hands a client each whole message in one piece, this too. */
const HUGE = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7 + 3) & 0xff));

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
  vendor.commands.list.push({
    cid: 6,
    listed: false,
    query: {
      hresult: 0,
      status: 0,
      delay: { fixed: 10 },
      completion: 'normal',
      response: HUGE.toString('hex'),
    },
  });
  const notification = vendor.notifications[0];
  if (notification) notification.afterMs = 800;
  return scenario;
}

type Completion = Extract<BackendEvent, { type: 'completion' }>;

/**
 * Waits for what must arrive rather than for a fixed time, which a loaded machine (and a real
 * pty, bridge and proxy) can outlast: polls `found` until it stops throwing, and gives its result.
 */
function arrival<T>(found: () => T): Promise<T> {
  return vi.waitFor(found, { timeout: 10_000, interval: 10 });
}

/** The (first) completion of `requestId` in `events`, once it has come. */
function nextCompletion(events: BackendEvent[], requestId: number): Promise<Completion> {
  return arrival(() => {
    const done = events.find(
      (e): e is Completion => e.type === 'completion' && e.requestId === requestId,
    );
    if (!done) throw new Error(`no completion yet for request ${String(requestId)}`);
    return done;
  });
}

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
    const opened = await backend.openCommandSession(served.path, VENDOR);
    expect((await nextCompletion(events, opened.requestId)).status).toBe(0);
  });
  afterAll(async () => {
    await backend.close();
    await served.close();
    await proxy?.stop();
  });

  /** Sends a QUERY and waits for its completion. */
  async function query(cid: number) {
    const sent = await backend.queryCommand(served.path, VENDOR, cid, new Uint8Array([cid]));
    expect(sent.hresult).toBe(0);
    return nextCompletion(events, sent.requestId);
  }

  it('lists the CIDs the modem gives for the vendor service', async () => {
    const sent = await backend.querySupportedCommands(served.path, VENDOR);
    const done = await nextCompletion(events, sent.requestId);
    expect(done.commandIds).toEqual([1, 2, 3, 5, 4]);
  });

  it('completes a QUERY with the response bytes, or with the MBIM status named', async () => {
    const ok = await query(1);
    expect(ok.status).toBe(0);
    expect(Buffer.from(ok.response?.data ?? []).toString('hex')).toBe(
      '010000002a00000076656e646f72',
    );
    const failed = await query(2);
    expect(decodeHresult(failed.status).name).toBe('MBIM_STATUS_OPERATION_NOT_ALLOWED');
  });

  it('reassembles a 10 000-byte response, byte for byte', async () => {
    const done = await query(4);
    expect(done.status).toBe(0);
    expect(Buffer.from(done.response?.data ?? []).equals(BIG)).toBe(true);
  });

  // libmbim's proxy joins a modem's fragments and writes the whole message to its client at once
  // (mbim-proxy.c, client_send_message), so through it one frame may exceed 64 KiB.
  it('reassembles a 100 000-byte response, byte for byte, and goes on', async () => {
    const done = await query(6);
    expect(done.status).toBe(0);
    expect(Buffer.from(done.response?.data ?? []).equals(HUGE)).toBe(true);
    expect((await query(1)).status).toBe(0);
  });

  it("hears the vendor service's notifications", async () => {
    // Event 5 three times, 250 ms apart, from 800 ms after OPEN.
    await arrival(() => {
      expect(events.filter((e) => e.type === 'event-notification').length).toBeGreaterThan(2);
    });
    // A round trip after the third: a notification repeated on the way (by the proxy, say) has
    // come by the time its answer has.
    expect((await query(1)).status).toBe(0);
    const notes = events.filter((e) => e.type === 'event-notification');
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatchObject({ serviceId: VENDOR, eventId: 5 });
  });
});
