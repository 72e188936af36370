/**
 * The MBIM modem closes its MBIM session, or goes away and comes back, while a data session is
 * open. The session did not outlive the MBIM session it was opened in, so the engine must say
 * closed, not keep "Open" (and offer Close) until someone lists again; and the journal says, once
 * each, that the modem was lost and reopened, naming the device. The emulator runs in memory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ByteLink } from '../../../electron/backends/mbim/bridge.js';
import { MbimEmulator } from '../../../electron/backends/mbim/emulator/emulator.js';
import { MbimBackend } from '../../../electron/backends/mbim/mbim-backend.js';
import { parseScenario } from '../../../electron/backends/simulator/scenario-loader.js';
import { systemClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

const scenarioPath = join(import.meta.dirname, '../../mbim/scenarios/mbim.json');
const scenario = parseScenario(readFileSync(scenarioPath, 'utf8'), scenarioPath);
const device = scenario.devices[0];
if (!device) throw new Error('no device');
/** Opens and closes in 30 ms. */
const STREAM = '77777777-7777-4777-8777-777777777777';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';

/**
 * An engine on the MBIM backend; each link the backend opens is a new emulated modem, as
 * `modem.is` (another firmware's services, say) when it is opened.
 */
async function engineOnMbim(devicePath: string) {
  const emulators: MbimEmulator[] = [];
  const modem = { is: device as NonNullable<typeof device> };
  let lost: (reason: string) => void = () => undefined;
  const openLink = (): Promise<ByteLink> => {
    let toHost: (bytes: Uint8Array) => void = () => undefined;
    const emulator = new MbimEmulator(
      modem.is,
      (bytes) => queueMicrotask(() => toHost(bytes.slice())),
      {},
      () => lost('No such device'),
    );
    emulators.push(emulator);
    return Promise.resolve({
      write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
      onData: (listener) => (toHost = listener),
      onLost: (listener) => (lost = listener),
      close: () => Promise.resolve(),
    });
  };
  const backend = await MbimBackend.connect({ devicePath, proxy: false, openLink });
  const engine = new DiagnosticsEngine({
    backend,
    clock: systemClock,
    journalDir: mkdtempSync(join(tmpdir(), 'engine-mbim-reopen-')),
    backendReason: 'test',
    app: { name: 'mbn-diag', version: 'test' },
  });
  const records: JournalRecord[] = [];
  engine.onRecord((r) => records.push(r));
  running.push({ engine, emulators });
  return { engine, emulators, records, modem };
}

const running: { engine: DiagnosticsEngine; emulators: MbimEmulator[] }[] = [];
afterEach(async () => {
  for (const { engine, emulators } of running.splice(0)) {
    for (const emulator of emulators) emulator.stop();
    await engine.close();
  }
});

/** Lists the modem and opens the stream's data session, as a technician would. */
async function withOpenSession(engine: DiagnosticsEngine, path: string): Promise<void> {
  await engine.listDevices();
  await engine.listServices(path);
  const { ref } = await engine.send('open', path, STREAM);
  expect((await engine.waitForOutcome(ref)).outcome).toBe('succeeded');
  expect(stateOf(engine, path)).toBe('open');
}

function stateOf(engine: DiagnosticsEngine, path: string) {
  return engine.knownServices(path).find((s) => s.serviceId === STREAM)?.sessionState;
}

/** The backend-status records since the test listened (after the engine's first), as pairs. */
function statuses(records: readonly JournalRecord[]): [boolean, string][] {
  return records.flatMap((r) =>
    r.kind === 'backend-status' ? [[r.available, r.message] as [boolean, string]] : [],
  );
}

describe('the engine on an MBIM modem that reopens', () => {
  it('says closed for a data session the modem closed with its MBIM session, and journals the outage once', async () => {
    const path = '/dev/test-mbim0';
    const { engine, emulators, records } = await engineOnMbim(path);
    await withOpenSession(engine, path);

    emulators[0]?.restart(); // the modem's MBIM session closes under the backend
    // The technician presses Close: the modem answers NOT_OPENED, and a new session is opened.
    const { ref } = await engine.send('close', path, STREAM);
    expect((await engine.waitForOutcome(ref)).outcome).toBe('failed');

    // Without anyone listing again, the window's Close/Open follow the modem: the session is gone.
    await vi.waitFor(() => expect(stateOf(engine, path)).toBe('closed'), { timeout: 5000 });
    await vi.waitFor(() =>
      expect(statuses(records).at(-1)?.[1]).toMatch(/^Re-read after the backend came back/),
    );
    const said = statuses(records);
    expect(said).toEqual([
      [
        false,
        'The modem on /dev/test-mbim0 closed its MBIM session (it answered NOT_OPENED); opening a new one.',
      ],
      [
        true,
        'Reopened the MBIM session with the modem on /dev/test-mbim0, after the modem closed the old one.',
      ],
      [
        true,
        expect.stringMatching(
          /^Re-read after the backend came back: 1 device, 10 services; found on reconnect: EM9191 \(…bim0\) Vendor service data session open → closed; /,
        ) as unknown as string,
      ],
    ]);
    const reopened = records.findIndex((r) => r.kind === 'backend-status' && r.available);
    const closed = records.findIndex(
      (r) =>
        r.kind === 'session-state' &&
        r.serviceId === STREAM &&
        r.from === 'open' &&
        r.to === 'closed',
    );
    expect(closed).toBeGreaterThan(reopened);
    // The device never left.
    expect(records.some((r) => r.kind === 'device-removal')).toBe(false);
  });

  it('follows a service list the new session changed: the one gone is no longer open, the new one is known', async () => {
    const path = '/dev/test-mbim0';
    const { engine, emulators, records, modem } = await engineOnMbim(path);
    await withOpenSession(engine, path);
    const like = device.services[1];
    if (!like) throw new Error('no second service');
    // Other firmware after the restart: the stream service is gone, SMS is new.
    modem.is = {
      ...device,
      services: [
        ...device.services.filter((s) => s.serviceId !== STREAM),
        { ...like, serviceId: SMS },
      ],
    };
    emulators[0]?.restart();
    await engine.listDevices(); // meets NOT_OPENED: a new session is opened

    await vi.waitFor(() =>
      expect(statuses(records).at(-1)?.[1]).toMatch(/^Re-read after the backend came back/),
    );
    const listed = engine.knownServices(path).map((s) => s.serviceId);
    expect(listed).toContain(SMS);
    expect(listed).not.toContain(STREAM);
    // The window's row for the stream service no longer says Open (nor offers Close).
    expect(records).toContainEqual(
      expect.objectContaining({
        kind: 'session-state',
        serviceId: STREAM,
        from: 'open',
        to: 'unknown',
      }),
    );
    expect(statuses(records).at(-1)?.[1]).toMatch(
      /found on reconnect: EM9191 \(…bim0\) Vendor service no longer listed; EM9191 \(…bim0\) SMS listed anew; /,
    );
  });

  it('says the device node went away and was reopened, once each, and lists its session closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbim-reopen-'));
    const path = join(dir, 'cdc-wdm0');
    writeFileSync(path, '');
    const { engine, emulators, records } = await engineOnMbim(path);
    await withOpenSession(engine, path);

    emulators[0]?.goAway(); // the modem resets: /dev/cdc-wdm0 goes, and comes back
    await vi.waitFor(() => expect(records.some((r) => r.kind === 'device-arrival')).toBe(true), {
      timeout: 5000,
    });
    await vi.waitFor(() => expect(statuses(records)).toHaveLength(2));
    expect(statuses(records)).toEqual([
      [false, `${path} went away (No such device); it is opened again when it comes back.`],
      [true, `Reopened the MBIM session with the modem on ${path}, after ${path} came back.`],
    ]);
    const kinds = records
      .filter((r) => ['backend-status', 'device-removal', 'device-arrival'].includes(r.kind))
      .map((r) => (r.kind === 'backend-status' ? `${r.kind} ${String(r.available)}` : r.kind));
    expect(kinds).toEqual([
      'backend-status false',
      'device-removal',
      'device-arrival',
      'backend-status true',
    ]);
    // The window lists a device that arrives again: its session ended with the modem's reset.
    await engine.listServices(path);
    expect(stateOf(engine, path)).toBe('closed');
  });
});
