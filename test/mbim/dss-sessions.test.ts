/**
 * A modem that takes 2 DSS sessions at a time, judged by libmbim: the real mbimcli reads the
 * emulator's MaxDssSessions as the scenario sets it and meets a session ID not below it refused as
 * a strict modem refuses it; the backend, through the real mbim-proxy, opens the first streaming
 * service (the 7th listed) under an ID the modem takes, and refuses the third before anything
 * reaches the proxy.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { decodeDssConnect } from '../../electron/backends/mbim/info.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import { CID_DSS_CONNECT, sameUuid, UUID_DSS } from '../../electron/backends/mbim/uuid.js';
import type { BackendEvent } from '../../shared/model.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';

const scenario = loadScenario('test/mbim/scenarios/few-dss-sessions.json');
const FIRST = '77777777-7777-4777-8777-777777777777';
const THIRD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

let served: ServedDevice;
let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startProxy();
  served = await serve(scenario);
});
afterAll(async () => {
  await served.close();
  await proxy.stop();
});

/** The session IDs of the DSS_CONNECTs the modem received for `serviceId`, from message `from` on. */
function sessionIdsSent(serviceId: string, from: number): number[] {
  return served.emulator.received.slice(from).flatMap((bytes) => {
    const message = decodeMessage(bytes);
    if (message.type !== 'command' || message.cid !== CID_DSS_CONNECT) return [];
    if (!sameUuid(message.service, UUID_DSS)) return [];
    const request = decodeDssConnect(message.payload);
    return request.serviceId === serviceId ? [request.sessionId] : [];
  });
}

describe('a modem that takes 2 DSS sessions at a time', () => {
  it('lists its MaxDssSessions to mbimcli as the scenario sets it, and refuses an ID not below it', async () => {
    const services = await mbimcli(['-d', served.path, '-p', '--query-device-services']);
    expect(services.code).toBe(0);
    expect(services.stdout).toMatch(/Max DSS sessions: '2'/);

    const refused = await mbimcli(['-d', served.path, '-p', `--dss-connect=${FIRST},2`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/operation failed: InvalidParameters/);
  });

  it('opens the 7th listed service through mbim-proxy under an ID below it, and refuses the third streaming one unsent', async () => {
    const before = served.emulator.received.length; // not mbimcli's
    const backend: MbimBackend = await connect(served.path, true);
    try {
      const events: BackendEvent[] = [];
      backend.onEvent((e) => events.push(e));
      await backend.listServices(served.path);

      const opened = await backend.openDataSession(served.path, FIRST);
      expect(opened.hresult).toBe(0);
      const done = await vi.waitFor(
        () => {
          const completion = events.find(
            (e) => e.type === 'completion' && e.requestId === opened.requestId,
          );
          if (completion?.type !== 'completion') throw new Error('no completion yet');
          return completion;
        },
        { timeout: 10_000 },
      );
      expect(done.status).toBe(0);
      expect(served.emulator.dataSessionOpen(FIRST)).toBe(true);
      expect(sessionIdsSent(FIRST, before)).toEqual([0]);

      const third = await backend.openDataSession(served.path, THIRD);
      expect(third.hresult).toBe(0x80070045); // HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)
      expect(third.message).toMatch(/^This modem allows 2 DSS sessions at a time/);
      expect(sessionIdsSent(THIRD, before)).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
