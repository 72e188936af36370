/**
 * The env cleanup hook with a call hung in the fake (issue 12). A Node environment ends while its
 * client was never closed and a call hangs for 30 s: here a worker thread's environment, torn
 * down by terminate(), which runs the addon's cleanup hook exactly as Electron's quit does for
 * the main process (it frees the environment). (`process.exit()` in plain Node frees nothing and
 * runs no cleanup hook at all.) The hook must not wait for the hung call: it asks the COM thread
 * to stop and gives the watchdog a short, bounded time to unadvise and release.
 */
import { Worker } from 'node:worker_threads';
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import { assert, check, equal, finish, report } from './harness.js';
import { LONG_HANG, U } from './unfriendly-ids.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.addon);
const client = new addon.MbnClient(() => undefined);
client.start().then((started) => {
  if (started.hresult !== 0) throw new Error('start failed: ' + started.hresult);
  client.closeDataSession(workerData.iface, workerData.service).catch(() => undefined);
  setTimeout(() => parentPort.postMessage('hung'), 150);
});
`;

await check('a worker whose client has a call hung for 30 s is terminated', async () => {
  const addonPath = process.env.MBN_DIAG_ADDON;
  assert(addonPath, 'MBN_DIAG_ADDON');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { addon: addonPath, iface: U, service: LONG_HANG },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => {
      resolve();
    });
    worker.once('error', reject);
  });
  const started = performance.now();
  await worker.terminate();
  const terminateMs = performance.now() - started;
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  const counters = loaded.addon.counters();
  // The module the worker ran, still loaded (pinned): its COM thread, stuck in the 30 s call,
  // still counted. Node unloads a worker's addons with its environment; unloaded under the
  // threads the client left running, the process faulted as it ended, and this load was a fresh
  // copy whose counters were all 0 whatever the worker left.
  equal(counters.runningComThreads, 1, 'COM threads running (the one stuck in the hung call)');
  equal(counters.liveClients, 0, 'clients left');
  equal(counters.liveSinks, 0, 'sinks left (unadvised during the teardown)');
  assert(terminateMs < 2000, `terminate() took ${terminateMs.toFixed(1)} ms`);
  report('terminateMs', terminateMs);
  return `the environment's teardown (cleanup hook included) took ${terminateMs.toFixed(1)} ms; the call still hangs`;
});

finish();
