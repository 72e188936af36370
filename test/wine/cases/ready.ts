/**
 * Ready state follows the device (issue 12): device P answers E_PENDING (still probing) for its
 * capabilities, ready state and services; 1.5 s in, the fake ends the probing and fires
 * IMbnInterfaceEvents::OnInterfaceCapabilityAvailable and OnReadyStateChange. Without anyone
 * refreshing, the journal gets P's new device-info (initialized, with its model), and its
 * services can be listed. The sinks made no call into the service to learn it.
 */
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import {
  assert,
  check,
  equal,
  expectBackendError,
  finish,
  openNative,
  waitFor,
} from './harness.js';
import { engineOn } from './engine-run.js';
import { P, PROBED } from './unfriendly-ids.js';

await check('probing device becomes ready by itself: device-info in the journal', async () => {
  const backend = await openNative();
  const { engine, records } = engineOn(backend);
  const listed = await engine.listDevices();
  equal(listed.find((d) => d.interfaceId === P)?.readyState, 'probing', 'P at first');
  const probing = await expectBackendError(backend.listServices(P), 'unavailable');
  assert(probing.includes('E_PENDING'), probing);
  const started = performance.now();
  const updated = await waitFor(
    () =>
      records.some(
        (r) => r.kind === 'device-info' && r.interfaceId === P && r.readyState === 'initialized',
      ),
    5000,
  );
  assert(updated, 'a device-info record with P initialized');
  const info = records.findLast((r) => r.kind === 'device-info' && r.interfaceId === P);
  assert(info?.kind === 'device-info', 'device-info');
  equal(info.model, 'FM-800', 'P model, known now that its capabilities are');
  const services = await engine.listServices(P);
  equal(services[0]?.serviceId, PROBED, 'P service listed now');
  await engine.close();
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  equal(loaded.addon.counters().sinkOutgoingCalls, 0, 'calls into the service from inside sinks');
  return `device-info (initialized) ${(performance.now() - started).toFixed(0)} ms after waiting began; ${records.filter((r) => r.kind === 'device-info').length} device-info records`;
});

finish();
