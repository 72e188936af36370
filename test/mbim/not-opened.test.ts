/**
 * A modem whose MBIM session closes under the backend (its firmware restarts the function, or
 * another program says MBIM CLOSE on the same control device) answers every command with
 * FUNCTION_ERROR NOT_OPENED. Directly, the device takes a new MBIM OPEN. libmbim's mbim-proxy
 * force-closes its side of the device (mbim-proxy.c, proxy_device_error_cb) and reopens it only
 * for a client that configures anew (process_internal_proxy_config → internal_device_open), and
 * only from libmbim 1.31.2 on (commit f459174): older proxies keep it marked open, so nothing but
 * a new proxy process reopens it. The backend must open a fresh session and carry on where that
 * can work, and say in words what to do where it cannot, rather than failing every request with
 * an unnamed function error until it is restarted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import { systemClock } from '../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../electron/engine/diagnostics-engine.js';
import type { BackendEvent } from '../../shared/model.js';
import { decodeHresult } from '../../shared/hresult.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
const BUSY = '22222222-2222-4222-8222-222222222222';
/** Its Close Session is never answered (completion "lost"). */
const NEVER_ANSWERED = '44444444-4444-4444-8444-444444444444';
const SUBSCRIBE_LIST = 19;

/** libmbim's version here (mbim-proxy comes from the same source package as mbimcli). */
const LIBMBIM = (
  /mbimcli (\d+)\.(\d+)\.(\d+)/.exec(
    execFileSync('mbimcli', ['--version'], { encoding: 'utf8' }),
  ) ?? []
)
  .slice(1)
  .map(Number);
const PROXY_REOPENS =
  (LIBMBIM[0] ?? 0) * 1e6 + (LIBMBIM[1] ?? 0) * 1e3 + (LIBMBIM[2] ?? 0) >= 1_031_002;

/** How many DEVICE_SERVICE_SUBSCRIBE_LIST sets the modem has received. */
function subscribeSets(served: ServedDevice): number {
  return served.emulator.received
    .map((bytes) => decodeMessage(bytes))
    .filter((m) => m.type === 'command' && m.cid === SUBSCRIBE_LIST && m.commandType === 1).length;
}

function completionOf(events: BackendEvent[], requestId: number) {
  return vi.waitFor(
    () => {
      const found = events.find((e) => e.type === 'completion' && e.requestId === requestId);
      if (found?.type !== 'completion')
        throw new Error(`no completion yet for ${String(requestId)}`);
      return found;
    },
    { timeout: 10_000 },
  );
}

/** The backend's backend-status events, as [available, message]. */
function statuses(events: readonly BackendEvent[]): [boolean, string][] {
  return events.flatMap((e) =>
    e.type === 'backend-status' ? [[e.available, e.message] as [boolean, string]] : [],
  );
}

function setUp(viaProxy: boolean) {
  const state = {} as { served: ServedDevice; backend: MbimBackend; proxy?: RunningProxy };
  const events: BackendEvent[] = [];
  beforeAll(async () => {
    if (viaProxy) state.proxy = await startProxy();
    state.served = await serve(scenario);
    state.backend = await connect(state.served.path, viaProxy);
    state.backend.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await state.backend.close();
    await state.served.close();
    await state.proxy?.stop();
  });
  return { state, events };
}

describe('the modem closes its MBIM session under the backend, directly', () => {
  const { state, events } = setUp(false);

  it('opens a new session and still lists the device, then its services', async () => {
    const { backend, served } = state;
    expect(await backend.listDevices()).toHaveLength(1);
    await backend.listServices(served.path);
    const subscribed = subscribeSets(served);
    expect(subscribed).toBeGreaterThan(0);

    served.emulator.restart();

    const [device] = await backend.listDevices();
    expect(device?.model).toBe('EM9191');
    // The vendor services' indications are subscribed again: a restarted modem starts from none.
    await vi.waitFor(() => expect(subscribeSets(served)).toBeGreaterThan(subscribed), {
      timeout: 10_000,
    });
    expect((await backend.listServices(served.path)).length).toBeGreaterThan(0);
    // The device never left: no removal was reported.
    expect(events.some((e) => e.type === 'interface-removal')).toBe(false);
    // The engine is told, once each, so it re-reads the services' session states.
    expect(statuses(events)).toEqual([
      [
        false,
        `The modem on ${served.path} closed its MBIM session (it answered NOT_OPENED); opening a new one.`,
      ],
      [
        true,
        `Reopened the MBIM session with the modem on ${served.path}, after the modem closed the old one.`,
      ],
    ]);
  });

  it('fails the request that met NOT_OPENED, and answers the next one with the modem status', async () => {
    const { backend, served } = state;
    served.emulator.restart();
    const first = await backend.closeDataSession(served.path, BUSY);
    expect(decodeHresult((await completionOf(events, first.requestId)).status).succeeded).toBe(
      false,
    );
    const second = await backend.closeDataSession(served.path, BUSY);
    expect(decodeHresult((await completionOf(events, second.requestId)).status).name).toBe(
      'MBIM_STATUS_BUSY',
    );
  });

  // A request the old session never answered would otherwise go overdue with no cause given.
  it('completes a request in flight in the old session with NOT_OPENED when a new one replaces it', async () => {
    const { backend, served } = state;
    const before = served.emulator.received.length;
    const inFlight = await backend.closeDataSession(served.path, NEVER_ANSWERED);
    expect(inFlight.hresult).toBe(0);
    // The modem has taken it (and will never answer) before its session ends.
    await vi.waitFor(() => expect(served.emulator.received.length).toBeGreaterThan(before));
    served.emulator.restart();
    // Any request now meets NOT_OPENED, and a new session replaces the old.
    await backend.listDevices();
    const completion = await completionOf(events, inFlight.requestId);
    expect(decodeHresult(completion.status).name).toBe('MBIM_PROTOCOL_ERROR_NOT_OPENED');
    expect(completion.serviceId).toBe(NEVER_ANSWERED);
    // Completed once: no duplicate comes of the old session's end.
    expect(
      events.filter((e) => e.type === 'completion' && e.requestId === inFlight.requestId),
    ).toHaveLength(1);
  });
});

describe(`the modem closes its MBIM session under the backend, through mbim-proxy ${LIBMBIM.join('.')}`, () => {
  const { state, events } = setUp(true);

  it('configures the proxy anew, then lists the device or says how to get it back', async () => {
    const { backend, served } = state;
    expect(await backend.listDevices()).toHaveLength(1);
    const configurations = (): number =>
      events.filter(
        (e) =>
          e.type === 'mbim-message' &&
          e.message.direction === 'sent' &&
          e.message.cidName === 'PROXY_CONFIGURATION',
      ).length;
    expect(configurations()).toBe(1);

    served.emulator.restart();

    if (PROXY_REOPENS) {
      expect((await backend.listDevices())[0]?.model).toBe('EM9191');
    } else {
      await expect(backend.listDevices()).rejects.toThrow(
        /mbim-proxy still answers NOT_OPENED.*End the mbim-proxy process/,
      );
    }
    // A new connection configured the proxy again: what makes a fixed mbim-proxy reopen it.
    expect(configurations()).toBeGreaterThan(1);
    expect(events.some((e) => e.type === 'interface-removal')).toBe(false);
  });
});

describe(`an engine on a modem that closes its MBIM session, through mbim-proxy ${LIBMBIM.join('.')}`, () => {
  const { state, events } = setUp(true);

  // A proxy that does not reopen the device takes the new session's OPEN and then answers
  // NOT_OPENED again. Were the modem said back then, the engine's re-read would list, meet
  // NOT_OPENED, open another session, be told "back" again and re-read again, without end.
  it('says the modem is back only when the new session answers, and does not reopen without end', async () => {
    const { backend, served } = state;
    const engine = new DiagnosticsEngine({
      backend,
      clock: systemClock,
      journalDir: mkdtempSync(join(tmpdir(), 'mbim-not-opened-')),
      backendReason: 'test',
      app: { name: 'mbn-diag', version: 'test' },
    });
    try {
      await engine.listDevices();
      await engine.listServices(served.path);
      const opens = (): number =>
        events.filter(
          (e) =>
            e.type === 'mbim-message' &&
            e.message.direction === 'sent' &&
            e.message.type === 'open',
        ).length;

      served.emulator.restart();

      if (PROXY_REOPENS) {
        await engine.listDevices();
        await vi.waitFor(() => expect(statuses(events).map(([up]) => up)).toEqual([false, true]), {
          timeout: 10_000,
        });
        return;
      }
      await expect(engine.listDevices()).rejects.toThrow(/mbim-proxy still answers NOT_OPENED/);
      const after = opens();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      // At most the one new session the failed listing's last answer asked for, then quiet.
      expect(opens()).toBeLessThanOrEqual(after + 1);
      expect(statuses(events)).toEqual([
        [
          false,
          `The modem on ${served.path} closed its MBIM session (it answered NOT_OPENED); opening a new one through mbim-proxy.`,
        ],
        [
          false,
          expect.stringMatching(
            /^The modem closed its MBIM session, and mbim-proxy still answers NOT_OPENED/,
          ) as unknown as string,
        ],
      ]);
    } finally {
      await engine.close();
    }
  });
});
