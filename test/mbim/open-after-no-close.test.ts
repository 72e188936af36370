/**
 * A run that opened a data session ends without MBIM CLOSE (mbim-session.ts), so the next run's
 * OPEN reaches a function already open. A conforming modem answers OPEN_DONE (compliance test
 * CM_03); some answer CLOSE_DONE, and libmbim then says CLOSE and OPEN again (mbim-device.c,
 * close_before_open). mbimcli shows the behaviour to match; the backend must open such a modem
 * too, not give up with "refused MBIM OPEN".
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import type { BackendEvent } from '../../shared/model.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
/** Opens after 30 ms, with success. */
const SERVICE = '77777777-7777-4777-8777-777777777777';

let served: ServedDevice;
beforeAll(async () => {
  served = await serve(scenario, { closeDoneToOpenWhileOpen: true });
});
afterAll(async () => {
  await served.close();
});

/** The message types the modem has received since `from`. */
const typesSince = (from: number): string[] =>
  served.emulator.received.slice(from).map((bytes) => decodeMessage(bytes).type);

/** One run that opens the service's data session, and so ends leaving the session open. */
async function openRun(): Promise<void> {
  const backend = await connect(served.path);
  try {
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    const call = await backend.openDataSession(served.path, SERVICE);
    await vi.waitFor(() => {
      const done = events.find((e) => e.type === 'completion' && e.requestId === call.requestId);
      expect(done?.type === 'completion' && done.status).toBe(0);
    });
  } finally {
    await backend.close();
  }
  expect(served.emulator.dataSessionOpen(SERVICE)).toBe(true);
}

it('mbimcli opens such a modem by closing it first (the behaviour to match)', async () => {
  await openRun();
  const from = served.emulator.received.length;
  const result = await mbimcli(['-d', served.path, '--query-device-caps']);
  expect(result.code).toBe(0);
  expect(typesSince(from).slice(0, 3)).toEqual(['open', 'close', 'open']);
});

it('the backend opens it the same way, and lists it', async () => {
  await openRun();
  const from = served.emulator.received.length;
  const backend = await connect(served.path);
  try {
    expect(typesSince(from).slice(0, 3)).toEqual(['open', 'close', 'open']);
    expect((await backend.listDevices())[0]?.model).toBe('EM9191');
  } finally {
    await backend.close();
  }
});
