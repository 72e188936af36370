import { describe, expect, it } from 'vitest';
import { isBackendError } from '../../../electron/backends/contract.js';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import type { BackendEvent } from '../../../shared/model.js';
import { DEV, VENDOR, oneServiceScenario } from '../../support/scenario-builder.js';

function simulate(scenario: ReturnType<typeof oneServiceScenario>, seed?: number) {
  const clock = new ManualClock();
  const backend = new SimulatorBackend(scenario, {
    clock,
    ...(seed !== undefined ? { seed } : {}),
  });
  const events: BackendEvent[] = [];
  backend.onEvent((e) => events.push(e));
  return { clock, backend, events };
}

describe('scenario simulator', () => {
  it('returns a request ID at once and completes later, closing the session', async () => {
    const { clock, backend, events } = simulate(
      oneServiceScenario({ close: { delay: { fixed: 80 } } }),
    );
    const result = await backend.closeDataSession(DEV, VENDOR);
    expect(result).toEqual({ hresult: 0, requestId: 100 });
    expect(events).toEqual([]);
    clock.advance(80);
    expect(events).toEqual([
      {
        type: 'completion',
        op: 'close',
        interfaceId: DEV,
        serviceId: VENDOR,
        status: 0,
        requestId: 100,
      },
    ]);
    expect((await backend.listServices(DEV))[0]?.dataSessionOpen).toBe(false);
  });

  it('answers the immediate HRESULT a scenario gives, with no completion', async () => {
    const { clock, backend, events } = simulate(
      oneServiceScenario({ close: { hresult: 'E_ACCESSDENIED' } }),
    );
    expect((await backend.closeDataSession(DEV, VENDOR)).hresult).toBe(0x80070005);
    clock.advance(10_000);
    expect(events).toEqual([]);
  });

  it('can lose, duplicate, fail and send before returning', async () => {
    const lost = simulate(oneServiceScenario({ close: { completion: 'lost' } }));
    await lost.backend.closeDataSession(DEV, VENDOR);
    lost.clock.advance(60_000);
    expect(lost.events).toEqual([]);

    const dup = simulate(
      oneServiceScenario({
        close: { completion: 'duplicate', status: 'E_FAIL', delay: { fixed: 10 } },
      }),
    );
    await dup.backend.closeDataSession(DEV, VENDOR);
    dup.clock.advance(100);
    expect(dup.events.map((e) => e.type === 'completion' && [e.requestId, e.status])).toEqual([
      [100, 0x80004005],
      [100, 0x80004005],
    ]);

    const early = simulate(oneServiceScenario({ close: { completion: 'before-return' } }));
    const pending = early.backend.closeDataSession(DEV, VENDOR);
    expect(early.events).toHaveLength(1); // emitted before the caller sees the request ID
    expect((await pending).requestId).toBe(100);
  });

  it('removes the device during a pending close, then brings it back', async () => {
    const { clock, backend, events } = simulate(
      oneServiceScenario({
        close: { delay: { fixed: 500 }, removeDeviceAfterMs: 100, deviceReturnsAfterMs: 1000 },
      }),
    );
    await backend.closeDataSession(DEV, VENDOR);
    clock.advance(600);
    expect(events).toEqual([{ type: 'interface-removal', interfaceId: DEV }]);
    await expect(backend.listServices(DEV)).rejects.toMatchObject({ code: 'unknown-device' });
    clock.advance(1000);
    expect(events.at(-1)).toEqual({ type: 'interface-arrival', interfaceId: DEV });
    expect((await backend.listServices(DEV))[0]?.dataSessionOpen).toBe(false);
  });

  it('plays a service outage: unavailable, sessions and owed completions dropped, then back', async () => {
    const { clock, backend, events } = simulate(
      oneServiceScenario(
        { close: { delay: { fixed: 5000 } } },
        { timeline: [{ action: 'service-outage', atMs: 1000, lastsMs: 2000 }] },
      ),
    );
    expect((await backend.listServices(DEV))[0]?.dataSessionOpen).toBe(true);
    await backend.closeDataSession(DEV, VENDOR);
    clock.advance(1000);
    expect(events).toEqual([
      {
        type: 'backend-status',
        available: false,
        message: 'The simulated MBN service stopped answering (a scenario outage of 2.00 s).',
      },
    ]);
    await expect(backend.listServices(DEV)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(backend.listDevices()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(backend.openDataSession(DEV, VENDOR)).rejects.toMatchObject({
      code: 'unavailable',
    });
    clock.advance(2000);
    expect(events.slice(1)).toEqual([
      {
        type: 'backend-status',
        available: true,
        message: 'The simulated MBN service is back after its restart.',
      },
    ]);
    // The restart closed the session, and the close's completion never comes.
    expect((await backend.listServices(DEV))[0]?.dataSessionOpen).toBe(false);
    clock.advance(10_000);
    expect(events).toHaveLength(2);
  });

  it('streams read-data bursts once the data session opens', async () => {
    const { clock, backend, events } = simulate(
      oneServiceScenario({
        sessionOpen: false,
        open: { delay: { fixed: 10 } },
        readBursts: [{ afterMs: 50, count: 5, bytes: 32, intervalMs: 10 }],
      }),
    );
    clock.advance(1000);
    expect(events).toEqual([]);
    await backend.openDataSession(DEV, VENDOR);
    clock.advance(1000);
    const reads = events.flatMap((e) => (e.type === 'read-data' ? [e] : []));
    expect(reads).toHaveLength(5);
    expect(reads.every((e) => e.data.length === 32)).toBe(true);
  });

  it('is deterministic for a seed and differs for another', async () => {
    const scenario = oneServiceScenario({
      close: { delay: { lognormal: { medianMs: 100, sigma: 0.8 } } },
      open: { delay: { uniform: [10, 500] } },
    });
    const run = async (seed: number): Promise<number[]> => {
      const { clock, backend } = simulate(scenario, seed);
      const times: number[] = [];
      backend.onEvent(() => times.push(clock.monoNow()));
      for (let i = 0; i < 5; i++) {
        await backend.openDataSession(DEV, VENDOR);
        clock.advance(1000);
        await backend.closeDataSession(DEV, VENDOR);
        clock.advance(5000);
      }
      return times;
    };
    expect(await run(1)).toEqual(await run(1));
    expect(await run(1)).not.toEqual(await run(2));
  });

  it('refuses unknown devices and services with a typed error, never a crash', async () => {
    const { backend } = simulate(oneServiceScenario({}));
    for (const call of [
      () => backend.closeDataSession('{NOPE}', VENDOR),
      () => backend.openDataSession(DEV, 'nope'),
      () => backend.listServices('{NOPE}'),
    ]) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(isBackendError(error)).toBe(true);
    }
    await backend.close();
    expect(await backend.listDevices().catch((e: unknown) => (e as { code: string }).code)).toBe(
      'backend-closed',
    );
  });

  it('matches service IDs regardless of braces and case', async () => {
    const { backend } = simulate(oneServiceScenario({}));
    expect(
      (await backend.closeDataSession(DEV, VENDOR.toLowerCase().replace(/[{}]/g, ''))).hresult,
    ).toBe(0);
  });
});
