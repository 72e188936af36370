/**
 * The engine tells each listing of a device's services, its own re-read after an outage too: the
 * window follows a modem that came back listing other services without anyone listing again.
 */
import { describe, expect, it, vi } from 'vitest';
import { type ServiceList } from '../../../electron/engine/diagnostics-engine.js';
import { DEV, restartingModemScenario } from '../../support/scenario-builder.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

function restartingModem() {
  const { clock, engine } = simulatedEngine(restartingModemScenario(), {
    tempPrefix: 'engine-service-lists-',
  });
  const lists: ServiceList[] = [];
  engine.onServiceList((list) => lists.push(list));
  return { clock, engine, lists };
}

const shown = (list: ServiceList | undefined) =>
  list?.services.map((s) => `${s.name}: ${s.sessionState}`);

describe('engine: the service lists it tells', () => {
  it('tells a caller’s listing', async () => {
    const { engine, lists } = restartingModem();
    await engine.listDevices();
    await engine.listServices(DEV);
    expect(lists).toHaveLength(1);
    expect(lists[0]?.interfaceId).toBe(DEV);
    expect(shown(lists[0])).toEqual(['Kept: open', 'Old firmware only: closed']);
    await engine.close();
  });

  it('tells the list a modem came back with after an outage, its states as the re-read found them', async () => {
    const { clock, engine, lists } = restartingModem();
    await engine.listDevices();
    await engine.listServices(DEV);
    clock.advance(1500);
    await vi.waitFor(() => expect(lists).toHaveLength(2));
    expect(shown(lists[1])).toEqual(['Kept: closed', 'New firmware only: closed']);
    expect(engine.knownServices(DEV).map((s) => s.name)).toEqual(['Kept', 'New firmware only']);
    await engine.close();
  });

  it('tells nothing for a device whose services were never listed', async () => {
    const { clock, engine, lists } = restartingModem();
    await engine.listDevices();
    clock.advance(1500);
    await new Promise((r) => setTimeout(r, 10));
    expect(lists).toEqual([]);
    await engine.close();
  });
});
