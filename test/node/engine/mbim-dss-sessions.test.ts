/**
 * DSS session IDs on a modem that takes few DSS sessions at a time, as real ones do (MaxDssSessions
 * 1 to 4): a streaming service listed late still opens, a streaming service past the modem's limit
 * is refused before anything is sent with words saying why (in the window, the CLI, the journal and
 * an export), and a service keeps its ID from one listing, and one run, to the next. The emulator
 * runs in memory and refuses, as a strict modem does, a session ID not below its MaxDssSessions.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ByteLink } from '../../../electron/backends/mbim/bridge.js';
import { MbimEmulator } from '../../../electron/backends/mbim/emulator/emulator.js';
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
import { outcomeDetails } from '../../../shared/request/words.js';

/** Takes 2 DSS sessions at a time; lists three services that can stream after six that cannot. */
const scenarioPath = join(import.meta.dirname, '../../mbim/scenarios/few-dss-sessions.json');
const device = parseScenario(readFileSync(scenarioPath, 'utf8'), scenarioPath).devices[0];
if (!device) throw new Error('no device');
/** The first that can stream, 7th in the list; then the second and the third. */
const FIRST = '77777777-7777-4777-8777-777777777777';
const SECOND = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const THIRD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/** One emulated modem that outlives the backends (CLI runs) that open links to it. */
function emulatedModem() {
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  const emulator = new MbimEmulator(
    device as NonNullable<typeof device>,
    (bytes) => queueMicrotask(() => toHost(bytes.slice())),
    {},
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

/** An engine on the MBIM backend, as one run of the app or the CLI is. */
async function run(openLink: () => Promise<ByteLink>) {
  const backend = await MbimBackend.connect({ devicePath: PATH, proxy: false, openLink });
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

  it('refuses the third streaming service at once, before anything is sent, and says why everywhere', async () => {
    const { emulator, openLink } = emulatedModem();
    const { engine, records, journalDir } = await run(openLink);

    const { ref } = await engine.send('open', PATH, THIRD);
    const story = await engine.waitForOutcome(ref);

    expect(story.outcome).toBe('refused');
    expect(story.requestId).toBeNull();
    expect(story.callHresult).toBe('0x80070045'); // HRESULT_FROM_WIN32(ERROR_TOO_MANY_SESS)
    expect(dssConnects(emulator)).toEqual([]);
    const why =
      "This modem allows 2 DSS sessions at a time (MaxDssSessions 2); mbn-diag numbers the services that can stream first, in the modem's list order, " +
      `so Vendor service ${FIRST} has session 0 and Vendor service ${SECOND} session 1. ` +
      `Vendor service ${THIRD}, the 3rd that can stream, would need session 2, which the modem would refuse: nothing was sent, and closing another service's session does not free one for it.`;
    // The window's outcome (and the timeline's, the report's), and the CLI's lines and JSON.
    expect(outcomeDetails(story)).toContain(`The backend said: ${why}`);
    const cli = requestJson(story, journalDir);
    expect(cli.outcome).toBe('rejected');
    expect(requestLines(cli).join('\n')).toContain(why);
    // The journal, as the log's row reads it.
    const returned = records.find((r) => r.kind === 'request-returned');
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

  it('keeps each service its session ID across a relisting and from one run to the next', async () => {
    const { emulator, openLink } = emulatedModem();
    const first = await run(openLink);
    const opened = await first.engine.send('open', PATH, SECOND);
    expect((await first.engine.waitForOutcome(opened.ref)).outcome).toBe('succeeded');
    await first.engine.close(); // no MBIM CLOSE: the run holds a data session

    const second = await run(openLink);
    await second.engine.listServices(PATH); // listed again
    const closed = await second.engine.send('close', PATH, SECOND);

    expect((await second.engine.waitForOutcome(closed.ref)).outcome).toBe('succeeded');
    expect(emulator.dataSessionOpen(SECOND)).toBe(false);
    expect(dssConnects(emulator)).toEqual([
      { serviceId: SECOND, sessionId: 1, linkState: 1 },
      { serviceId: SECOND, sessionId: 1, linkState: 0 },
    ]);
  });
});
