/**
 * Modems that take few DSS sessions at a time, judged by libmbim: the real mbimcli reads the
 * emulator's MaxDssSessions as the scenario sets it and meets a session ID not below it refused as
 * a strict modem refuses it; the backend, through the real mbim-proxy, opens streaming services
 * under the lowest ID free and refuses one more than the modem takes before anything reaches the
 * proxy, naming the services holding the IDs; and on a modem that takes one session, a technician
 * opens SMS, closes it and opens the vendor service, which gets session 0 in turn.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServedDevice } from '../../electron/backends/mbim/emulator/serve.js';
import { decodeDssConnect } from '../../electron/backends/mbim/info.js';
import type { MbimBackend } from '../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../electron/backends/mbim/message.js';
import { CID_DSS_CONNECT, sameUuid, UUID_DSS } from '../../electron/backends/mbim/uuid.js';
import type { BackendEvent, CallResult } from '../../shared/model.js';
import { connect, loadScenario, serve } from './lib/emulated.js';
import { mbimcli } from './lib/mbimcli.js';
import { startProxy, type RunningProxy } from './lib/proxy.js';
import { runCli } from '../support/run-cli.js';
import { createEngine } from '../../electron/engine/create-engine.js';

const FIRST = '77777777-7777-4777-8777-777777777777';
const SECOND = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const THIRD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';

let twoSessions: ServedDevice;
let oneSession: ServedDevice;
/** The same modem, for the CLI's commands alone. */
let oneSessionCli: ServedDevice;
let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startProxy();
  twoSessions = await serve(loadScenario('test/mbim/scenarios/few-dss-sessions.json'));
  oneSession = await serve(loadScenario('test/mbim/scenarios/one-dss-session.json'));
  oneSessionCli = await serve(loadScenario('test/mbim/scenarios/one-dss-session.json'));
});
afterAll(async () => {
  await twoSessions.close();
  await oneSession.close();
  await oneSessionCli.close();
  await proxy.stop();
});

/** Each DSS_CONNECT the modem received from message `from` on: service, session ID, which way. */
function dssConnects(served: ServedDevice, from: number) {
  return served.emulator.received.slice(from).flatMap((bytes) => {
    const message = decodeMessage(bytes);
    if (message.type !== 'command' || message.cid !== CID_DSS_CONNECT) return [];
    if (!sameUuid(message.service, UUID_DSS)) return [];
    return [decodeDssConnect(message.payload)];
  });
}

/** The completion status of an accepted call. */
async function completed(events: BackendEvent[], call: CallResult): Promise<number> {
  expect(call.hresult).toBe(0);
  return vi.waitFor(
    () => {
      const done = events.find((e) => e.type === 'completion' && e.requestId === call.requestId);
      if (done?.type !== 'completion') throw new Error('no completion yet');
      return done.status;
    },
    { timeout: 10_000 },
  );
}

/** A backend through mbim-proxy with its services listed, its events collected. */
async function through(served: ServedDevice) {
  const backend: MbimBackend = await connect(served.path, true);
  const events: BackendEvent[] = [];
  backend.onEvent((e) => events.push(e));
  await backend.listServices(served.path);
  return { backend, events };
}

describe('a modem that takes 2 DSS sessions at a time', () => {
  it('lists its MaxDssSessions to mbimcli as the scenario sets it, and refuses an ID not below it', async () => {
    const services = await mbimcli(['-d', twoSessions.path, '-p', '--query-device-services']);
    expect(services.code).toBe(0);
    expect(services.stdout).toMatch(/Max DSS sessions: '2'/);

    const refused = await mbimcli(['-d', twoSessions.path, '-p', `--dss-connect=${FIRST},2`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/operation failed: InvalidParameters/);
  });

  it('opens the 7th and 8th listed services through mbim-proxy under IDs 0 and 1, and refuses a third unsent, naming them', async () => {
    const before = twoSessions.emulator.received.length; // not mbimcli's
    const { backend, events } = await through(twoSessions);
    try {
      expect(await completed(events, await backend.openDataSession(twoSessions.path, FIRST))).toBe(
        0,
      );
      expect(await completed(events, await backend.openDataSession(twoSessions.path, SECOND))).toBe(
        0,
      );
      expect(twoSessions.emulator.dataSessionOpen(FIRST)).toBe(true);
      expect(twoSessions.emulator.dataSessionOpen(SECOND)).toBe(true);

      const third = await backend.openDataSession(twoSessions.path, THIRD);
      expect(third.hresult).toBe(0x80070045); // HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)
      expect(third.message).toBe(
        `This modem allows 2 DSS sessions at a time (MaxDssSessions 2), held now by Vendor service ${FIRST} and Vendor service ${SECOND}: close one of them first; nothing was sent to the modem.`,
      );
      expect(dssConnects(twoSessions, before)).toEqual([
        { serviceId: FIRST, sessionId: 0, linkState: 1 },
        { serviceId: SECOND, sessionId: 1, linkState: 1 },
      ]);
    } finally {
      await backend.close();
    }
  });
});

describe('a modem that takes 1 DSS session at a time', () => {
  it('opens SMS, closes it, then opens the vendor service under session 0, through mbim-proxy', async () => {
    const services = await mbimcli(['-d', oneSession.path, '-p', '--query-device-services']);
    expect(services.stdout).toMatch(/Max DSS sessions: '1'/);
    const before = oneSession.emulator.received.length;
    const { backend, events } = await through(oneSession);
    try {
      expect(await completed(events, await backend.openDataSession(oneSession.path, SMS))).toBe(0);
      // While SMS holds the only session, the vendor service is refused, naming SMS.
      const early = await backend.openDataSession(oneSession.path, FIRST);
      expect(early.message).toBe(
        'This modem allows 1 DSS session at a time (MaxDssSessions 1), held now by SMS: close it first; nothing was sent to the modem.',
      );
      expect(await completed(events, await backend.closeDataSession(oneSession.path, SMS))).toBe(0);
      expect(await completed(events, await backend.openDataSession(oneSession.path, FIRST))).toBe(
        0,
      );

      expect(oneSession.emulator.dataSessionOpen(SMS)).toBe(false);
      expect(oneSession.emulator.dataSessionOpen(FIRST)).toBe(true);
      expect(dssConnects(oneSession, before)).toEqual([
        { serviceId: SMS, sessionId: 0, linkState: 1 },
        { serviceId: SMS, sessionId: 0, linkState: 0 },
        { serviceId: FIRST, sessionId: 0, linkState: 1 },
      ]);
    } finally {
      await backend.close();
    }
  });

  it('closes, after the app is restarted, a session the window opened, under the ID its open took', async () => {
    // A modem of its own: the vendor service's place in the list would give it session 1.
    const served = await serve(loadScenario('test/mbim/scenarios/one-dss-session.json'));
    const journalDir = mkdtempSync(join(tmpdir(), 'mbim-dss-window-'));
    const start = async () => {
      const { engine } = await createEngine({
        select: { choice: 'mbim', mbimDevice: served.path, mbimProxy: true },
        journalDir,
      });
      await engine.listDevices();
      await engine.listServices(served.path);
      return engine;
    };
    try {
      const before = served.emulator.received.length;
      const window = await start();
      const opened = await window.send('open', served.path, FIRST);
      expect((await window.waitForOutcome(opened.ref)).outcome).toBe('succeeded');
      await window.close();
      // The technician quits the app and starts it again on the same journal folder.
      const again = await start();
      const closed = await again.send('close', served.path, FIRST);
      const story = await again.waitForOutcome(closed.ref);
      await again.close();
      expect(story.errorMessage ?? null).toBeNull();
      expect(story.outcome).toBe('succeeded');
      expect(served.emulator.dataSessionOpen(FIRST)).toBe(false);
      expect(dssConnects(served, before)).toEqual([
        { serviceId: FIRST, sessionId: 0, linkState: 1 },
        { serviceId: FIRST, sessionId: 0, linkState: 0 },
      ]);
    } finally {
      await served.close();
    }
  }, 60_000);

  it('does the same as four mbn-diag commands through mbim-proxy, the second refused naming SMS', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'mbim-dss-cli-'));
    const mbnDiag = (...args: string[]) =>
      runCli(['--backend', 'mbim', '--proxy', '--device', oneSessionCli.path, ...args], {
        journalDir,
      });
    const before = oneSessionCli.emulator.received.length;

    const open = await mbnDiag('open', oneSessionCli.path, SMS);
    expect(open.code, open.stderr).toBe(0);
    const refused = await mbnDiag('open', oneSessionCli.path, FIRST);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(
      'This modem allows 1 DSS session at a time (MaxDssSessions 1), held now by SMS: close it first; nothing was sent to the modem.',
    );
    const close = await mbnDiag('close', oneSessionCli.path, SMS);
    expect(close.code, close.stderr).toBe(0);
    const reopen = await mbnDiag('open', oneSessionCli.path, FIRST);
    expect(reopen.code, reopen.stderr).toBe(0);

    expect(oneSessionCli.emulator.dataSessionOpen(SMS)).toBe(false);
    expect(oneSessionCli.emulator.dataSessionOpen(FIRST)).toBe(true);
    expect(dssConnects(oneSessionCli, before)).toEqual([
      { serviceId: SMS, sessionId: 0, linkState: 1 },
      { serviceId: SMS, sessionId: 0, linkState: 0 },
      { serviceId: FIRST, sessionId: 0, linkState: 1 },
    ]);
  }, 120_000);
});
