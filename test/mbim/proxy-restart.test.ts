/**
 * mbim-proxy stops (killed, or restarted by its package's upgrade) while the backend talks
 * through it, and a new one starts. The backend reconnects through the new proxy; that proxy's
 * client starts from libmbim's standard subscribe list, which leaves out vendor services
 * (mbim-proxy.c, client_indication_cb drops what the client did not subscribe), so unless the
 * backend subscribes its services again, every vendor notification after the restart is lost
 * without a word while the window says the modem is back.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import type { BackendEvent } from '../../shared/model.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
// The vendor service's notification, every 300 ms for as long as the test runs.
for (const device of scenario.devices)
  for (const service of device.services)
    for (const notification of service.notifications) {
      notification.intervalMs = 300;
      notification.count = 1000;
    }

const state = {} as { served: ServedDevice; backend: MbimBackend; proxy: RunningProxy };
const events: BackendEvent[] = [];

beforeAll(async () => {
  state.proxy = await startProxy();
  state.served = await serve(scenario);
  state.backend = await connect(state.served.path, true);
  state.backend.onEvent((e) => events.push(e));
});

afterAll(async () => {
  await state.backend.close();
  await state.served.close();
  await state.proxy.stop();
});

const notifications = (): number => events.filter((e) => e.type === 'event-notification').length;

it('hears vendor notifications again once a new mbim-proxy takes over', async () => {
  const [device] = await state.backend.listDevices();
  if (!device) throw new Error('no device listed');
  await state.backend.listServices(device.interfaceId);
  await vi.waitFor(() => expect(notifications()).toBeGreaterThan(0), { timeout: 5_000 });

  await state.proxy.stop();
  state.proxy = await startProxy();
  const back = events.length;
  await vi.waitFor(
    () =>
      expect(events.slice(back).some((e) => e.type === 'backend-status' && e.available)).toBe(true),
    { timeout: 15_000, interval: 100 },
  );
  const before = notifications();
  await vi.waitFor(() => expect(notifications()).toBeGreaterThan(before), {
    timeout: 5_000,
    interval: 100,
  });
}, 40_000);
