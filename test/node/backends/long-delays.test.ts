/**
 * A scenario's log-normal delay can draw more than a timer holds (2³¹−1 ms, about 24.8 days);
 * Node fires such a timeout after 1 ms, so a '47-day' completion arrived in 9 ms. The simulator
 * must deliver it when it is due, and not before.
 */
import { describe, expect, it } from 'vitest';
import { drawDelay, SeededRandom } from '../../../electron/backends/simulator/random.js';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { ManualClock, type Clock, type TimerHandle } from '../../../electron/core/clock.js';
import type { BackendEvent } from '../../../shared/model.js';
import { DEV, VENDOR, oneServiceScenario } from '../../support/scenario-builder.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A manual clock whose timers misbehave as Node's do beyond 2³¹−1 ms. */
class NodeLikeClock extends ManualClock implements Clock {
  override setTimer(callback: () => void, delayMs: number): TimerHandle {
    return super.setTimer(callback, delayMs > MAX_TIMER_MS || !(delayMs >= 1) ? 1 : delayMs);
  }
}

const delay = { lognormal: { medianMs: 3_600_000, sigma: 3 } };

/** A seed whose first draw is beyond what a timer holds. */
function seedDrawingPast(limit: number): { seed: number; drawn: number } {
  for (let seed = 1; seed < 10_000; seed++) {
    const drawn = drawDelay(delay, new SeededRandom(seed));
    if (drawn > limit) return { seed, drawn };
  }
  throw new Error('no seed found');
}

describe('a completion delayed beyond what a timer holds', () => {
  it('comes when it is due, not 1 ms later', async () => {
    const { seed, drawn } = seedDrawingPast(2 * MAX_TIMER_MS + 10_000);
    const clock = new NodeLikeClock();
    const backend = new SimulatorBackend(oneServiceScenario({ close: { delay } }), { clock, seed });
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    await backend.closeDataSession(DEV, VENDOR);

    clock.advance(1000);
    expect(events).toEqual([]);
    clock.advance(drawn - 1000 - 5000);
    expect(events).toEqual([]);
    clock.advance(5000);
    expect(events.map((e) => e.type)).toEqual(['completion']);
  });

  it('is cancelled with its device like any other', async () => {
    const { seed } = seedDrawingPast(MAX_TIMER_MS + 10_000);
    const clock = new NodeLikeClock();
    const backend = new SimulatorBackend(
      oneServiceScenario({ close: { delay, removeDeviceAfterMs: 10 } }),
      { clock, seed },
    );
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    await backend.closeDataSession(DEV, VENDOR);
    clock.advance(10 * MAX_TIMER_MS);
    expect(events.map((e) => e.type)).toEqual(['interface-removal']);
  });
});
