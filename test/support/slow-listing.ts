/**
 * Test only, loaded with `node --import` before the CLI: the simulator becomes a backend slow to
 * enumerate, as a modem still starting up or a busy MBN service is. Listing what SLOW_LISTING
 * names (`devices` or `services`; both when unset) takes 60 s; closing the backend ends the
 * wait, as a real backend's close does. When a listing starts, a line is written on file descriptor 3 if the test opened
 * one, so the test knows when to press Ctrl+C. Nothing in the product loads this.
 */
import { writeSync } from 'node:fs';
import { SimulatorBackend } from '../../electron/backends/simulator/simulator-backend.js';

const DELAY_MS = 60_000;
const slow = process.env.SLOW_LISTING;
const pending = new Set<() => void>();

function slowly<T>(what: 'devices' | 'services', then: () => Promise<T>): Promise<T> {
  if (slow !== undefined && slow !== what) return then();
  // Told a moment later: a signal sent the instant the listing began could come before the
  // caller has set itself to hear it, which no technician's Ctrl+C does.
  setTimeout(() => {
    try {
      writeSync(3, `listing ${what}\n`);
    } catch {
      // No descriptor 3: nobody is waiting for the news.
    }
  }, 100);
  return new Promise<void>((resolve) => {
    const end = (): void => {
      clearTimeout(timer);
      pending.delete(end);
      resolve();
    };
    const timer = setTimeout(end, DELAY_MS);
    pending.add(end);
  }).then(then);
}

// The originals, called below with the instance as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const { listDevices, listServices, close } = SimulatorBackend.prototype;
SimulatorBackend.prototype.listDevices = function (this: SimulatorBackend) {
  return slowly('devices', () => listDevices.call(this));
};
SimulatorBackend.prototype.listServices = function (this: SimulatorBackend, interfaceId) {
  return slowly('services', () => listServices.call(this, interfaceId));
};
SimulatorBackend.prototype.close = function (this: SimulatorBackend) {
  for (const end of [...pending]) end();
  return close.call(this);
};
