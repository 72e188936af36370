/**
 * Run as a separate process by the crash test: appends a record, then keeps the event loop busy
 * for 20 ms, and so on, never yielding, until it is killed: timers never fire. Prints the run
 * directory (synchronously: a pipe written asynchronously would never flush here).
 */
import { writeSync } from 'node:fs';
import { systemClock } from '../../electron/core/clock.js';
import { Journal } from '../../electron/core/journal.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: journal-busy-child <dir>');
const journal = new Journal({
  dir,
  clock: systemClock,
  runStart: {
    app: { name: 'mbn-diag', version: 'test' },
    os: { platform: 'linux', release: 'x', arch: 'x64' },
    backend: { kind: 'simulator', label: 'busy test', reason: 'test' },
  },
});
writeSync(1, `${journal.runDir}\n`);
for (let n = 1; ; n++) {
  journal.append({ kind: 'error', message: `busy ${n}`, context: 'saturated event loop' });
  const until = performance.now() + 20;
  while (performance.now() < until) {
    // Busy: what a flood of events or a long synchronous task does to the event loop.
  }
}
