import { describe, expect, it } from 'vitest';
import { DEV, VENDOR, oneServiceScenario } from '../../support/scenario-builder.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

function engineFor(scenario: ReturnType<typeof oneServiceScenario>, timeoutMs = 1000) {
  return simulatedEngine(scenario, { timeoutMs, tempPrefix: 'engine-' });
}

describe('diagnostics engine', () => {
  it('refuses an unknown service before recording any request', async () => {
    const { engine, records } = engineFor(oneServiceScenario({}));
    await engine.listDevices();
    await expect(engine.send('close', DEV, 'no-such-service')).rejects.toMatchObject({
      code: 'unknown-service',
    });
    await expect(engine.send('close', '{NOPE}', VENDOR)).rejects.toMatchObject({
      code: 'unknown-device',
    });
    expect(records.filter((r) => r.kind === 'request')).toEqual([]);
    await engine.close();
  });

  it('journals read data with its size and a short preview, and the device on first sight', async () => {
    const { clock, engine, records } = engineFor(
      oneServiceScenario({ readBursts: [{ afterMs: 10, count: 3, bytes: 64, intervalMs: 0 }] }),
    );
    await engine.listDevices();
    await engine.listServices(DEV);
    clock.advance(20);
    const reads = records.filter((r) => r.kind === 'read-data');
    expect(reads).toHaveLength(3);
    expect(reads[0]).toMatchObject({
      byteLength: 64,
      serviceName: 'Vendor stream',
      preview: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(records.filter((r) => r.kind === 'device-info')).toEqual([
      expect.objectContaining({ model: 'M1', deviceId: '359072061234567' }),
    ]);
    await engine.listDevices();
    expect(records.filter((r) => r.kind === 'device-info')).toHaveLength(1);
    await engine.close();
  });

  it('records the removal before abandoning what was pending on that device', async () => {
    const { clock, engine, records } = engineFor(
      oneServiceScenario({ close: { delay: { fixed: 500 }, removeDeviceAfterMs: 50 } }),
    );
    await engine.listDevices();
    const { ref } = await engine.send('close', DEV, VENDOR);
    clock.advance(100);
    const kinds = records.map((r) => r.kind);
    expect(kinds.indexOf('device-removal')).toBeLessThan(kinds.indexOf('abandoned'));
    expect((await engine.waitForOutcome(ref)).outcome).toBe('abandoned');
    expect(records.find((r) => r.kind === 'device-removal')).toMatchObject({ model: 'M1' });
    await engine.close();
  });

  it('still tells the story of a request waiting behind thousands of newer ones, and only by its own ref', async () => {
    // The close never completes; 12,000 writes (each completing before its call returns) follow.
    const { clock, engine } = engineFor(
      oneServiceScenario({ close: { completion: 'lost' }, write: { completion: 'before-return' } }),
    );
    const { ref } = await engine.send('close', DEV, VENDOR);
    const data = new Uint8Array([1]);
    const writes: string[] = [];
    for (let i = 0; i < 12_000; i++)
      writes.push((await engine.send('write', DEV, VENDOR, { data })).ref);
    expect(engine.requestStory(ref)).toMatchObject({ op: 'close', outcome: 'waiting' });
    // The newest writes are remembered after they ended; the oldest ones are forgotten.
    expect(engine.requestStory(writes.at(-1) ?? '')).toMatchObject({ outcome: 'succeeded' });
    expect(engine.requestStory(writes[0] ?? '')).toBeUndefined();
    expect(engine.requestStory(`r0${ref.slice(1)}`)).toBeUndefined();
    clock.advance(1000);
    expect(engine.giveUp(ref)).toMatchObject({ outcome: 'given-up' });
    await engine.close();
  });

  it('on close, abandons pending requests, closes the backend and the journal, and can be called twice', async () => {
    const { engine, backend, records } = engineFor(
      oneServiceScenario({ close: { completion: 'lost' } }),
    );
    await engine.send('close', DEV, VENDOR);
    await Promise.all([engine.close(), engine.close()]);
    expect(records.at(-1)).toMatchObject({ kind: 'abandoned', reason: 'backend-closed' });
    await expect(backend.listDevices()).rejects.toMatchObject({ code: 'backend-closed' });
    await expect(engine.send('close', DEV, VENDOR)).rejects.toMatchObject({
      code: 'backend-closed',
    });
  });
});
