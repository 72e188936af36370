/**
 * Run as a separate process by the crash test: writes journal records as fast as the event loop
 * allows until it is killed. Prints the run directory once the first records are on disk.
 */
import { systemClock } from '../../electron/core/clock.js';
import { Journal } from '../../electron/core/journal.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: journal-writer-child <dir>');
const journal = new Journal({
  dir,
  clock: systemClock,
  runStart: {
    app: { name: 'mbn-diag', version: 'test' },
    os: { platform: 'linux', release: 'x', arch: 'x64' },
    backend: { kind: 'simulator', label: 'crash test', reason: 'test' },
  },
});
let n = 0;
const tick = (): void => {
  for (let i = 0; i < 20; i++) {
    journal.append({
      kind: 'read-data',
      interfaceId: '{IFACE}',
      serviceId: 'svc',
      serviceName: 'Vendor',
      byteLength: ++n,
      preview: 'deadbeef',
    });
  }
  setImmediate(tick);
};
tick();
setTimeout(() => process.stdout.write(`${journal.runDir}\n`), 200);
