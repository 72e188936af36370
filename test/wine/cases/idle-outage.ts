/**
 * The MBN service goes away and returns while the app makes no call at all (the fake's
 * disconnect switch: gone 1.5 s in, back 1.5 s later). COM tells a client nothing when the
 * server dies, and the sinks died with it: only the backend's heartbeat (a listing every 300 ms
 * here, 10 s by default) finds out, so the app says the service is gone and subscribes again.
 */
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { Recorder, assert, check, finish, waitFor } from './harness.js';

await check('an outage with no call made is found, said, and recovered from', async () => {
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  const backend = new NativeBackend(
    loaded.addon.MbnClient,
    { kind: 'mbn', label: 'test', reason: 'test' },
    { heartbeatMs: 300, reconnectIntervalMs: 300 },
  );
  try {
    await backend.start();
    const rec = new Recorder(backend);
    const status = () => rec.ofType('backend-status').map((e) => e.available);
    assert(await waitFor(() => status().includes(false), 4000), 'the outage was noticed');
    assert(await waitFor(() => status().includes(true), 6000), 'the return was noticed');
    return rec
      .ofType('backend-status')
      .map((e) => e.message)
      .join(' | ');
  } finally {
    await backend.close();
  }
});

finish();
