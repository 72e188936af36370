/**
 * A scenario's burst of a million read events with no interval: sent as fast as possible, but
 * with the event loop free between slices, so a timer (`watch --duration`, a Ctrl+C handler)
 * still runs during it. Before, the whole burst went out in one synchronous loop (30 s).
 */
import { describe, expect, it } from 'vitest';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { ManualClock, systemClock } from '../../../electron/core/clock.js';
import { oneServiceScenario } from '../../support/scenario-builder.js';

const COUNT = 1_000_000;
const scenario = oneServiceScenario({
  sessionOpen: true,
  readBursts: [{ afterMs: 0, count: COUNT, bytes: 1, intervalMs: 0 }],
});

describe('a burst of a million read events with no interval', () => {
  it('lets a timer run while it is being sent, and the backend stop it', async () => {
    const backend = new SimulatorBackend(scenario, { clock: systemClock });
    let received = 0;
    backend.onEvent((e) => {
      if (e.type === 'read-data') received += 1;
    });
    await backend.listDevices();
    // As `watch --duration` does: a timer that ends the session.
    const seenByTimer = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(received), 5),
    );
    await backend.close();
    expect(seenByTimer).toBeLessThan(COUNT);
    const afterClose = received;
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toBe(afterClose);
  });

  it('still delivers every event when left to finish', () => {
    const clock = new ManualClock();
    const small = oneServiceScenario({
      sessionOpen: true,
      readBursts: [{ afterMs: 10, count: 5500, bytes: 1, intervalMs: 0 }],
    });
    const backend = new SimulatorBackend(small, { clock });
    let received = 0;
    backend.onEvent((e) => {
      if (e.type === 'read-data') received += 1;
    });
    clock.advance(10);
    expect(received).toBe(5500);
  });
});
