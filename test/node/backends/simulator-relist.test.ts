/**
 * A scenario's service-outage restarts the modem, and the firmware it comes back on may list other
 * services (`listed`): what the app re-reads after an outage has to find that.
 */
import { describe, expect, it } from 'vitest';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { DEV, NEW, OLD, restartingModemScenario } from '../../support/scenario-builder.js';

function restartingModem(timeline?: Parameters<typeof restartingModemScenario>[0]) {
  const clock = new ManualClock();
  return { clock, backend: new SimulatorBackend(restartingModemScenario(timeline), { clock }) };
}

const names = async (backend: SimulatorBackend) =>
  (await backend.listServices(DEV)).map((s) => s.name);

describe('simulator: the services a restarted modem lists', () => {
  it('lists the old firmware’s services until the restart and the new one’s after it', async () => {
    const { clock, backend } = restartingModem();
    expect(await names(backend)).toEqual(['Kept', 'Old firmware only']);
    await expect(backend.openDataSession(DEV, NEW)).rejects.toMatchObject({
      code: 'unknown-service',
    });
    clock.advance(1500);
    expect(await names(backend)).toEqual(['Kept', 'New firmware only']);
    // A service the new firmware does not list cannot be asked anything; every session closed.
    await expect(backend.closeDataSession(DEV, OLD)).rejects.toMatchObject({
      code: 'unknown-service',
    });
    expect((await backend.listServices(DEV)).map((s) => s.dataSessionOpen)).toEqual([false, false]);
    expect((await backend.openDataSession(DEV, NEW)).hresult).toBe(0);
  });

  it('gives a modem plugged back in after the restart the new firmware’s list', async () => {
    const { clock, backend } = restartingModem([
      { action: 'remove-device', atMs: 500, interfaceId: DEV },
      { action: 'service-outage', atMs: 1000, lastsMs: 500 },
      { action: 'add-device', atMs: 2000, interfaceId: DEV },
    ]);
    clock.advance(2000);
    expect(await names(backend)).toEqual(['Kept', 'New firmware only']);
  });
});
