/**
 * The MBN service restarts while a data session is open (a scenario's service-outage): when the
 * backend is back, the engine knows the session is closed without anyone listing again, and the
 * journal says it found that on reconnect.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import type { ServiceInfo } from '../../../shared/model.js';
import type { ScenarioInput } from '../../../electron/backends/simulator/scenario-schema.js';
import { DEV, VENDOR, oneServiceScenario } from '../../support/scenario-builder.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

type ServiceInput = ScenarioInput['devices'][number]['services'][number];

type Timeline = ScenarioInput['timeline'];

/** The MBN service is away from 1 s to 1.5 s of the run, unless the timeline says otherwise. */
function engineWithOutage(
  service: Partial<ServiceInput>,
  timeoutMs = 10_000,
  timeline: Timeline = [{ action: 'service-outage', atMs: 1000, lastsMs: 500 }],
) {
  const scenario = oneServiceScenario(service, { timeline });
  const { clock, backend, engine, records } = simulatedEngine(scenario, {
    timeoutMs,
    tempPrefix: 'engine-reconnect-',
  });
  const spy = vi.spyOn(backend, 'listServices');
  return { clock, engine, records, spy, listings: () => spy.mock.calls.length };
}

const sessionOf = (engine: DiagnosticsEngine) => engine.knownServices(DEV)[0]?.sessionState;

describe('engine after the backend comes back', () => {
  it('knows a session the restart closed is closed, without a listing asked for, and says so in the journal', async () => {
    const { clock, engine, records, listings } = engineWithOutage({ sessionOpen: false });
    await engine.listDevices();
    await engine.listServices(DEV);
    const { ref } = await engine.send('open', DEV, VENDOR);
    clock.advance(100);
    expect(engine.requestStory(ref)?.outcome).toBe('succeeded');
    expect(sessionOf(engine)).toBe('open');
    const asked = listings();

    clock.advance(900); // the service goes away, and with it the session
    expect(sessionOf(engine)).toBe('open'); // nobody has said so yet
    clock.advance(500); // it is back
    await vi.waitFor(() => expect(sessionOf(engine)).toBe('closed'));
    // The engine listed again by itself: no caller asked.
    expect(listings()).toBe(asked + 1);

    const back = records.findIndex((r) => r.kind === 'backend-status' && r.available && r.seq > 2);
    const change = records.findIndex(
      (r) => r.kind === 'session-state' && r.from === 'open' && r.to === 'closed',
    );
    expect(back).toBeGreaterThan(0);
    expect(change).toBeGreaterThan(back);
    expect(records[change]).toMatchObject({ serviceName: 'Vendor stream', serviceId: VENDOR });
    await vi.waitFor(() =>
      expect(records.at(-1)).toMatchObject({
        kind: 'backend-status',
        available: true,
        message:
          'Re-read after the backend came back: 1 device, 1 service; found on reconnect: M1 (…ICEA) Vendor stream data session open → closed.',
      }),
    );
    await engine.close();
  });

  it('re-reads the command session too', async () => {
    const { clock, engine, records } = engineWithOutage({ sessionOpen: false });
    await engine.listDevices();
    await engine.listServices(DEV);
    await engine.send('open-command-session', DEV, VENDOR);
    clock.advance(100);
    const commandSession = () => engine.knownServices(DEV)[0]?.commandSessionState;
    expect(commandSession()).toBe('open');
    clock.advance(1400);
    await vi.waitFor(() => expect(commandSession()).toBe('closed'));
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'command-session-state', from: 'open', to: 'closed' }),
    );
    await vi.waitFor(() =>
      expect(records.at(-1)).toMatchObject({
        kind: 'backend-status',
        message: expect.stringContaining(
          'found on reconnect: M1 (…ICEA) Vendor stream command session open → closed.',
        ) as unknown,
      }),
    );
    await engine.close();
  });

  it('leaves a close that was waiting across the outage to go overdue, its session still closing', async () => {
    const { clock, engine, records } = engineWithOutage(
      { sessionOpen: true, close: { delay: { fixed: 5000 } } },
      2000,
    );
    await engine.listDevices();
    await engine.listServices(DEV);
    clock.advance(900);
    const { ref } = await engine.send('close', DEV, VENDOR);
    clock.advance(600); // the outage comes and goes; the close's completion went with it
    await vi.waitFor(() =>
      expect(records.at(-1)).toMatchObject({
        kind: 'backend-status',
        message:
          'Re-read after the backend came back: 1 device, 1 service; no session changed meanwhile.',
      }),
    );
    expect(sessionOf(engine)).toBe('closing');
    clock.advance(1400);
    expect(engine.requestStory(ref)?.outcome).toBe('overdue');
    await engine.close();
  });

  it('says nothing of a re-read another outage overtook, and re-reads once back again', async () => {
    const { clock, engine, records, spy } = engineWithOutage({ sessionOpen: true }, 10_000, [
      { action: 'service-outage', atMs: 1000, lastsMs: 500 },
      { action: 'service-outage', atMs: 1600, lastsMs: 500 },
    ]);
    await engine.listDevices();
    await engine.listServices(DEV);
    // The first re-read's listing answers only after the service went away again.
    let answer: (services: ServiceInfo[]) => void = () => undefined;
    const listed = await engine.backend.listServices(DEV);
    spy.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    clock.advance(1500);
    clock.advance(100);
    answer(listed.map((s) => ({ ...s, dataSessionOpen: false })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(records.at(-1)).toMatchObject({ kind: 'backend-status', available: false });
    expect(engine.knownServices(DEV)[0]?.sessionState).toBe('open');
    clock.advance(500);
    await vi.waitFor(() => expect(engine.knownServices(DEV)[0]?.sessionState).toBe('closed'));
    await vi.waitFor(() =>
      expect(records.at(-1)).toMatchObject({
        kind: 'backend-status',
        message: expect.stringContaining('Vendor stream data session open → closed') as unknown,
      }),
    );
    expect(records.filter((r) => r.kind === 'session-state')).toHaveLength(1);
    await engine.close();
  });

  it('re-reads nothing when no device was listed before the outage', async () => {
    const { clock, engine, records, listings } = engineWithOutage({});
    clock.advance(1500);
    await new Promise((resolve) => setImmediate(resolve));
    expect(listings()).toBe(0);
    // The simulator's two, and no re-read's.
    expect(records.filter((r) => r.kind === 'backend-status').map((r) => r.seq)).toHaveLength(2);
    await engine.close();
  });
});
