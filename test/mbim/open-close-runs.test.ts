/**
 * `mbn-diag open <device> <service>` and, in a later run, `mbn-diag close` on the same modem,
 * directly (no mbim-proxy): two backends, one after the other, as two CLI runs are. MBIM CLOSE
 * deactivates every DSS session of the function (Chromium's MBIM compliance test CM_13), and the
 * emulator does so as a conforming modem does: a run that said CLOSE as it ended would undo its
 * own `open`. The run that opened a data session leaves its MBIM session open (mbimcli
 * --no-close), the next run's OPEN is answered as usual, and its `close` closes that session.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import type { BackendEvent } from '../../shared/model.js';
import { connect, loadScenario, serve } from './lib/emulated.js';

const scenario = loadScenario('test/mbim/scenarios/mbim.json');
/** Opens and closes after 30 ms, with success. */
const SERVICE = '77777777-7777-4777-8777-777777777777';

let served: ServedDevice;
beforeAll(async () => {
  served = await serve(scenario);
});
afterAll(async () => {
  await served.close();
});

/** The message types the modem has received so far. */
function receivedTypes(): string[] {
  return served.emulator.received.map((bytes) => decodeMessage(bytes).type);
}

/** One CLI run: connects, lists the services, sends Open or Close Session and waits its status. */
async function run(op: 'open' | 'close'): Promise<number> {
  const backend: MbimBackend = await connect(served.path);
  try {
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    await backend.listServices(served.path);
    const call =
      op === 'open'
        ? await backend.openDataSession(served.path, SERVICE)
        : await backend.closeDataSession(served.path, SERVICE);
    expect(call.hresult).toBe(0);
    return await vi.waitFor(
      () => {
        const done = events.find((e) => e.type === 'completion' && e.requestId === call.requestId);
        if (done?.type !== 'completion') throw new Error(`no completion for ${op} yet`);
        return done.status;
      },
      { timeout: 5000 },
    );
  } finally {
    await backend.close();
  }
}

it("a later run's close closes the data session an earlier run's open opened", async () => {
  expect(served.emulator.dataSessionOpen(SERVICE)).toBe(false);

  expect(await run('open')).toBe(0);
  // The run ended without MBIM CLOSE, so the modem still has the session active.
  expect(receivedTypes()).not.toContain('close');
  expect(served.emulator.dataSessionOpen(SERVICE)).toBe(true);

  expect(await run('close')).toBe(0);
  expect(served.emulator.dataSessionOpen(SERVICE)).toBe(false);
  // The second run opened with MBIM OPEN as any run does, and, holding no data session, ended
  // with MBIM CLOSE.
  const types = receivedTypes();
  expect(types.filter((t) => t === 'open')).toHaveLength(2);
  expect(types.at(-1)).toBe('close');
});
