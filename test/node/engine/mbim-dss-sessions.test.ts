/**
 * DSS session IDs on a modem that takes few DSS sessions at a time, as real ones do (MaxDssSessions
 * 1 to 4): a streaming service listed late still opens; an open when every ID is held is refused
 * before anything is sent with words naming the services that hold them (in the window, the CLI,
 * the journal and an export); a modem that takes one session opens each service in turn; and a
 * later CLI run closes a session under the ID an earlier run's open took. The emulator runs in
 * memory and refuses, as a strict modem does, a session ID not below its MaxDssSessions.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ByteLink } from '../../../electron/backends/mbim/bridge.js';
import {
  MbimEmulator,
  type EmulatorOptions,
} from '../../../electron/backends/mbim/emulator/emulator.js';
import { decodeDssConnect } from '../../../electron/backends/mbim/info.js';
import { MbimBackend } from '../../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage } from '../../../electron/backends/mbim/message.js';
import { CID_DSS_CONNECT, sameUuid, UUID_DSS } from '../../../electron/backends/mbim/uuid.js';
import { parseScenario } from '../../../electron/backends/simulator/scenario-loader.js';
import { requestJson, requestLines } from '../../../electron/cli/request-result.js';
import { systemClock } from '../../../electron/core/clock.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { nextStep } from '../../../shared/request/next-steps.js';
import { outcomeDetails } from '../../../shared/request/words.js';

function scenarioDevice(name: string) {
  const path = join(import.meta.dirname, `../../mbim/scenarios/${name}.json`);
  const found = parseScenario(readFileSync(path, 'utf8'), path).devices[0];
  if (!found) throw new Error('no device');
  return found;
}
/** Takes 2 DSS sessions at a time; lists three services that can stream after six that cannot. */
const twoSessions = scenarioDevice('few-dss-sessions');
/** Takes 1 DSS session at a time; SMS and a vendor service can stream. */
const oneSession = scenarioDevice('one-dss-session');
/** The first that can stream, 7th in the list; then the second and the third. */
const FIRST = '77777777-7777-4777-8777-777777777777';
const SECOND = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const THIRD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/**
 * One emulated modem that outlives the backends (CLI runs) that open links to it; `options` as
 * the emulator takes them (a modem that closes its function on an OPEN while open, say).
 */
function emulatedModem(device = twoSessions, options: EmulatorOptions = {}) {
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  const emulator = new MbimEmulator(
    device,
    (bytes) => queueMicrotask(() => toHost(bytes.slice())),
    options,
  );
  const openLink = (): Promise<ByteLink> =>
    Promise.resolve({
      write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
      onData: (listener) => (toHost = listener),
      onLost: () => undefined,
      close: () => Promise.resolve(),
    });
  emulators.push(emulator);
  return { emulator, openLink };
}

const PATH = '/dev/test-mbim0';

/**
 * An engine on the MBIM backend, as one run of the app is, or of the CLI when `dssSessionFile`
 * (the file beside the CLI's journals that keeps the held IDs between commands) is given.
 */
async function run(openLink: () => Promise<ByteLink>, dssSessionFile?: string) {
  const backend = await MbimBackend.connect({
    devicePath: PATH,
    proxy: false,
    openLink,
    ...(dssSessionFile !== undefined ? { dssSessionFile } : {}),
  });
  const journalDir = mkdtempSync(join(tmpdir(), 'engine-mbim-dss-'));
  const engine = new DiagnosticsEngine({
    backend,
    clock: systemClock,
    journalDir,
    backendReason: 'test',
    app: { name: 'mbn-diag', version: 'test' },
  });
  const records: JournalRecord[] = [];
  engine.onRecord((r) => records.push(r));
  engines.push(engine);
  await engine.listDevices();
  await engine.listServices(PATH);
  return { engine, records, journalDir };
}

const engines: DiagnosticsEngine[] = [];
const emulators: MbimEmulator[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  for (const emulator of emulators.splice(0)) emulator.stop();
});

/** Each DSS_CONNECT the modem received: the service it named, its session ID, and which way. */
function dssConnects(emulator: MbimEmulator) {
  return emulator.received.flatMap((bytes) => {
    const message = decodeMessage(bytes);
    if (message.type !== 'command' || message.cid !== CID_DSS_CONNECT) return [];
    if (!sameUuid(message.service, UUID_DSS)) return [];
    return [decodeDssConnect(message.payload)];
  });
}

describe('DSS session IDs on a modem that takes 2 DSS sessions at a time', () => {
  it('opens a streaming service the modem lists 7th, under a session ID the modem takes', async () => {
    const { emulator, openLink } = emulatedModem();
    const { engine } = await run(openLink);

    const { ref } = await engine.send('open', PATH, FIRST);

    expect((await engine.waitForOutcome(ref)).outcome).toBe('succeeded');
    expect(emulator.dataSessionOpen(FIRST)).toBe(true);
    expect(dssConnects(emulator)).toEqual([{ serviceId: FIRST, sessionId: 0, linkState: 1 }]);
  });

  it('opens the third streaming service alone, under the lowest ID free', async () => {
    const { emulator, openLink } = emulatedModem();
    const { engine } = await run(openLink);

    const { ref } = await engine.send('open', PATH, THIRD);

    expect((await engine.waitForOutcome(ref)).outcome).toBe('succeeded');
    expect(dssConnects(emulator)).toEqual([{ serviceId: THIRD, sessionId: 0, linkState: 1 }]);
  });

  it('refuses a third session at once, before anything is sent, naming the two that hold the IDs everywhere', async () => {
    const { emulator, openLink } = emulatedModem();
    const { engine, records, journalDir } = await run(openLink);
    for (const serviceId of [FIRST, SECOND]) {
      const opened = await engine.send('open', PATH, serviceId);
      expect((await engine.waitForOutcome(opened.ref)).outcome).toBe('succeeded');
    }

    const { ref } = await engine.send('open', PATH, THIRD);
    const story = await engine.waitForOutcome(ref);

    expect(story.outcome).toBe('refused');
    expect(story.requestId).toBeNull();
    expect(story.callHresult).toBe('0x80070045'); // HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)
    expect(dssConnects(emulator).map((c) => c.serviceId)).toEqual([FIRST, SECOND]);
    const why =
      'This modem allows 2 DSS sessions at a time (MaxDssSessions 2), ' +
      `held now by Vendor service ${FIRST} and Vendor service ${SECOND}: close one of them first; nothing was sent to the modem.`;
    // The window's outcome (and the timeline's, the report's), and the CLI's lines and JSON.
    expect(outcomeDetails(story)).toContain(`The backend said: ${why}`);
    const cli = requestJson(story, journalDir);
    expect(cli.outcome).toBe('rejected');
    expect(requestLines(cli).join('\n')).toContain(why);
    // The journal, as the log's row reads it.
    const returned = records.find((r) => r.kind === 'request-returned' && r.ref === ref);
    expect(returned).toMatchObject({ outcome: 'refused', message: why });
    expect(returned && describeRecord(returned)).toMatch(
      /^open refused at once: HRESULT_FROM_WIN32\(ERROR_TOO_MANY_SESS\) \(0x80070045\)\. This modem allows 2 DSS sessions at a time/,
    );

    // A redacted export, read months later, says the same.
    await engine.close();
    for (const format of ['html', 'csv'] as const) {
      const out = join(mkdtempSync(join(tmpdir(), 'mbim-dss-export-')), `log.${format}`);
      await exportFromPath({
        source: journalDir,
        format,
        destination: out,
        app: { name: 'mbn-diag', version: 'test' },
      });
      expect(readFileSync(out, 'utf8')).toContain('This modem allows 2 DSS sessions at a time');
    }
  });

  it('closes, in a later CLI run, under the ID the open took, and does not hand that ID out meanwhile', async () => {
    const { emulator, openLink } = emulatedModem();
    const file = join(mkdtempSync(join(tmpdir(), 'mbim-dss-file-')), 'mbim-dss-sessions.json');
    const first = await run(openLink, file);
    const opened = await first.engine.send('open', PATH, SECOND);
    expect((await first.engine.waitForOutcome(opened.ref)).outcome).toBe('succeeded');
    await first.engine.close(); // no MBIM CLOSE: the run holds a data session

    const second = await run(openLink, file);
    const other = await second.engine.send('open', PATH, FIRST);
    expect((await second.engine.waitForOutcome(other.ref)).outcome).toBe('succeeded');
    await second.engine.close();

    const third = await run(openLink, file);
    await third.engine.listServices(PATH); // listed again
    const closed = await third.engine.send('close', PATH, SECOND);

    expect((await third.engine.waitForOutcome(closed.ref)).outcome).toBe('succeeded');
    expect(emulator.dataSessionOpen(SECOND)).toBe(false);
    expect(emulator.dataSessionOpen(FIRST)).toBe(true);
    expect(dssConnects(emulator)).toEqual([
      { serviceId: SECOND, sessionId: 0, linkState: 1 },
      { serviceId: FIRST, sessionId: 1, linkState: 1 },
      { serviceId: SECOND, sessionId: 0, linkState: 0 },
    ]);
  });
});

const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
const VENDOR = '77777777-7777-4777-8777-777777777777';

describe('DSS session IDs on a modem that takes 1 DSS session at a time', () => {
  async function sent(engine: DiagnosticsEngine, op: 'open' | 'close', serviceId: string) {
    const { ref } = await engine.send(op, PATH, serviceId);
    return engine.waitForOutcome(ref);
  }

  it('opens the second streaming service once the first is closed, under session 0', async () => {
    const { emulator, openLink } = emulatedModem(oneSession);
    const { engine } = await run(openLink);

    expect((await sent(engine, 'open', SMS)).outcome).toBe('succeeded');
    expect((await sent(engine, 'close', SMS)).outcome).toBe('succeeded');
    expect((await sent(engine, 'open', VENDOR)).outcome).toBe('succeeded');

    expect(emulator.dataSessionOpen(VENDOR)).toBe(true);
    expect(dssConnects(emulator)).toEqual([
      { serviceId: SMS, sessionId: 0, linkState: 1 },
      { serviceId: SMS, sessionId: 0, linkState: 0 },
      { serviceId: VENDOR, sessionId: 0, linkState: 1 },
    ]);
  });

  it('refuses the second while the first is open, naming it, in this run and in the next CLI command', async () => {
    const { emulator, openLink } = emulatedModem(oneSession);
    const file = join(mkdtempSync(join(tmpdir(), 'mbim-dss-file-')), 'mbim-dss-sessions.json');
    const why =
      'This modem allows 1 DSS session at a time (MaxDssSessions 1), held now by SMS: close it first; nothing was sent to the modem.';
    const first = await run(openLink, file);
    expect((await sent(first.engine, 'open', SMS)).outcome).toBe('succeeded');
    const refused = await sent(first.engine, 'open', VENDOR);
    expect(refused.outcome).toBe('refused');
    expect(refused.errorMessage).toBe(why);
    await first.engine.close();

    const second = await run(openLink, file);
    const again = await sent(second.engine, 'open', VENDOR);
    expect(again.outcome).toBe('refused');
    expect(again.errorMessage).toBe(why);
    expect((await sent(second.engine, 'close', SMS)).outcome).toBe('succeeded');
    await second.engine.close();

    const third = await run(openLink, file);
    expect((await sent(third.engine, 'open', VENDOR)).outcome).toBe('succeeded');
    expect(dssConnects(emulator)).toEqual([
      { serviceId: SMS, sessionId: 0, linkState: 1 },
      { serviceId: SMS, sessionId: 0, linkState: 0 },
      { serviceId: VENDOR, sessionId: 0, linkState: 1 },
    ]);
  });

  it('frees the IDs an earlier command held when the modem closes its function on the next OPEN', async () => {
    // A modem that answers an OPEN while open with CLOSE_DONE (libmbim then says CLOSE and OPEN):
    // the session the first command left open is gone, and its ID must not block the next open.
    const { emulator, openLink } = emulatedModem(oneSession, { closeDoneToOpenWhileOpen: true });
    const file = join(mkdtempSync(join(tmpdir(), 'mbim-dss-file-')), 'mbim-dss-sessions.json');
    const first = await run(openLink, file);
    expect((await sent(first.engine, 'open', SMS)).outcome).toBe('succeeded');
    await first.engine.close();

    const second = await run(openLink, file);
    expect(emulator.dataSessionOpen(SMS)).toBe(false);
    const story = await sent(second.engine, 'open', VENDOR);

    expect(story.errorMessage ?? null).toBeNull();
    expect(story.outcome).toBe('succeeded');
    expect(dssConnects(emulator)).toEqual([
      { serviceId: SMS, sessionId: 0, linkState: 1 },
      { serviceId: VENDOR, sessionId: 0, linkState: 1 },
    ]);
  });

  it('refuses a close no session ID can be given, with advice that fits, here and in an export', async () => {
    const { emulator, openLink } = emulatedModem(oneSession);
    const { engine, journalDir } = await run(openLink);

    const story = await sent(engine, 'close', VENDOR);

    expect(story.outcome).toBe('refused');
    expect(dssConnects(emulator)).toEqual([]);
    expect(story.errorMessage).toMatch(/^mbn-diag holds no DSS session ID for Vendor service /);
    const advice = nextStep(story);
    expect(advice?.cause).toMatch(
      /holds a DSS session ID only for a data session it opened itself/,
    );
    expect(advice?.check).not.toMatch(/open the session first/);
    // The CLI names the code it was refused with, not what that code means for any close.
    const lines = requestLines(requestJson(story, journalDir)).join('\n');
    expect(lines).toContain('Call returned: HRESULT_FROM_WIN32(ERROR_OPEN_FAILED) (0x8007006e)\n');
    expect(lines).toContain('The backend said: mbn-diag holds no DSS session ID');
    expect(lines).not.toContain('The data session is not open');
    await engine.close();
    const out = join(mkdtempSync(join(tmpdir(), 'mbim-dss-export-')), 'log.html');
    await exportFromPath({
      source: journalDir,
      format: 'html',
      destination: out,
      app: { name: 'mbn-diag', version: 'test' },
    });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('holds a DSS session ID only for a data session it opened itself');
    expect(html).not.toContain('open the session first');
    // The backend's reason, not what the code means for any close.
    expect(html).toContain('MaxDssSessions 1) refuses: nothing was sent to the modem.');
    expect(html).not.toContain('The data session is not open');
  });
});
