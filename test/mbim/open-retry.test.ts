/**
 * A modem still starting up (just plugged in, or just reset) may ignore the first MBIM OPEN.
 * libmbim sends OPEN again when one goes unanswered for 5 s (mbim-device.c, open_message_ready
 * and OPEN_RETRY_TIMEOUT_SECS), within the open's overall time-out (30 s in mbimcli), so mbimcli
 * opens such a modem; the backend must too, rather than give up after the first OPEN.
 */
import { afterEach, expect, it } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function mute(): Promise<ServedDevice> {
  const served = await serve(scenario, { ignoreOpens: 1 });
  cleanup.push(() => served.close());
  return served;
}

const opens = (served: ServedDevice): number =>
  served.emulator.received.filter((bytes) => decodeMessage(bytes).type === 'open').length;

it('mbimcli opens a modem that ignores its first OPEN (the behaviour to match)', async () => {
  const served = await mute();
  const result = await mbimcli(['-d', served.path, '--query-device-caps']);
  expect(result.code).toBe(0);
  expect(opens(served)).toBe(2);
});

it('the backend opens a modem that ignores its first OPEN, and lists it', async () => {
  const served = await mute();
  const backend: MbimBackend = await connect(served.path);
  cleanup.push(() => backend.close());
  expect(opens(served)).toBe(2);
  expect((await backend.listDevices())[0]?.model).toBe('EM9191');
});
