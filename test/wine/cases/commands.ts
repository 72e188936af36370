/**
 * The command half of IMbnDeviceService end to end under Wine: every new method and callback
 * through the production path (addon → fake MBN service → sink → ThreadSafeFunction → JS event),
 * on test/wine/scenarios/commands.json. The fake sends junk arrays with every failed status, so a
 * response or command list shown for one would mean the addon read an array it must not.
 * Extra lines (suite.mjs): a 1 MiB response for command 6, and 8 threads sending 500
 * notifications each, all at once. The runner then holds the fake's own counters to what JS saw:
 * every completion and notification, every QUERY/SET payload, and none of the one the engine
 * refused for its size.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeBackend } from '../../../electron/backends/native/native-backend.js';
import { systemClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import { loadAddon } from '../../../electron/backends/native/load-addon.js';
import type { BackendEvent } from '../../../shared/model.js';
import {
  Recorder,
  assert,
  check,
  equal,
  expectBackendError,
  finish,
  openNative,
  report,
  sleep,
  waitFor,
} from './harness.js';
import { LARGE_RESPONSE_BYTES, STORM, largeResponseByte } from './commands-plan.js';

const E1 = '{E1E1E1E1-0000-4000-8000-0000000000E1}';
const E2 = '{E2E2E2E2-0000-4000-8000-0000000000E2}';
const CMD = '{C1C1C1C1-0000-4000-8000-0000000000C1}';
const LIST_FAILS = 'c2c2c2c2-0000-4000-8000-0000000000c2';
const REMOVABLE = 'c3c3c3c3-0000-4000-8000-0000000000c3';
const MAX_COMMAND_SIZE = 64;

const E_FAIL = 0x80004005;
const E_ACCESSDENIED = 0x80070005;
const ERROR_OPEN_FAILED = 0x8007006e;
const ERROR_NOT_SUPPORTED = 0x80070032;
const ERROR_BUFFER_OVERFLOW = 0x8007006f;

let backend: NativeBackend;
let rec: Recorder;
/** QUERY/SET calls that reached the fake with their payload, and those bytes' sum. */
let commandCalls = 0;
let commandBytes = 0;
let commandChecksum = 0;

type Completion = Extract<BackendEvent, { type: 'completion' }>;

function completionsOf(requestId: number): Completion[] {
  return rec
    .completions(requestId)
    .map((r) => r.event)
    .filter((e): e is Completion => e.type === 'completion');
}

async function completed(requestId: number, count = 1): Promise<Completion> {
  assert(
    await waitFor(() => completionsOf(requestId).length >= count, 3000),
    `completion of request ${requestId}`,
  );
  const [done] = completionsOf(requestId);
  assert(done, 'a completion');
  return done;
}

/** A QUERY or SET the fake receives; its bytes are counted for the fake's own tally. */
async function command(
  op: 'query' | 'set',
  serviceId: string,
  cid: number,
  data = new Uint8Array(0),
  interfaceId = E1,
): Promise<{ hresult: number; requestId: number }> {
  const result =
    op === 'query'
      ? await backend.queryCommand(interfaceId, serviceId, cid, data)
      : await backend.setCommand(interfaceId, serviceId, cid, data);
  commandCalls++;
  if (result.hresult === 0) {
    commandBytes += data.length;
    commandChecksum = (commandChecksum + data.reduce((s, b) => s + b, 0)) >>> 0;
  }
  return result;
}

const hex = (data: Uint8Array | undefined): string =>
  data ? Buffer.from(data).toString('hex') : 'none';

await check('the native backend starts against the fake', async () => {
  const opened = await openNative();
  assert(opened instanceof NativeBackend, 'the native backend');
  backend = opened;
  rec = new Recorder(backend);
  return undefined;
});

await check(
  'listServices: IsCommandSessionOpen per service and the device MaxCommandSize',
  async () => {
    const services = await backend.listServices(E1);
    const cmd = services.find((s) => s.serviceId === CMD);
    equal(cmd?.commandSessionOpen, false, 'command session of a closed service');
    equal(services.find((s) => s.serviceId === LIST_FAILS)?.commandSessionOpen, true, 'open one');
    equal(cmd?.maxCommandSize, MAX_COMMAND_SIZE, 'MaxCommandSize from the scenario');
    equal((await backend.listServices(E2))[0]?.maxCommandSize, 4096, 'the default elsewhere');
    return undefined;
  },
);

await check(
  'no command session: QUERY, SET and CloseCommandSession answer ERROR_OPEN_FAILED at once',
  async () => {
    const before = rec.events.length;
    equal((await command('query', CMD, 1)).hresult, ERROR_OPEN_FAILED, 'QueryCommand');
    equal((await command('set', CMD, 1)).hresult, ERROR_OPEN_FAILED, 'SetCommand');
    equal((await backend.closeCommandSession(E1, CMD)).hresult, ERROR_OPEN_FAILED, 'Close');
    await sleep(200);
    equal(rec.events.length, before, 'events after refused calls');
    return undefined;
  },
);

await check(
  'QuerySupportedCommands: the listed command IDs, in order, up to 0xFFFFFFFF',
  async () => {
    const result = await backend.querySupportedCommands(E1, CMD);
    equal(result.hresult, 0, 'hresult');
    const done = await completed(result.requestId);
    equal(done.op, 'supported-commands', 'op');
    equal(done.status, 0, 'status');
    equal(done.serviceId, CMD, 'serviceId');
    equal(JSON.stringify(done.commandIds), '[1,2,3,4,5,6,4294967295]', 'commandIds');
    return `request ${result.requestId}: ${JSON.stringify(done.commandIds)}`;
  },
);

await check(
  'QuerySupportedCommands failing: no list, although the fake sent junk with the status',
  async () => {
    const result = await backend.querySupportedCommands(E1, LIST_FAILS);
    const done = await completed(result.requestId);
    equal(done.status, E_FAIL, 'status');
    equal(done.commandIds, undefined, 'commandIds');
    return undefined;
  },
);

await check('OpenCommandSession: completion, then IsCommandSessionOpen says so', async () => {
  const result = await backend.openCommandSession(E1, CMD);
  equal(result.hresult, 0, 'hresult');
  const done = await completed(result.requestId);
  equal(done.op, 'open-command-session', 'op');
  equal(done.status, 0, 'status');
  equal(await backend.isCommandSessionOpen(E1, CMD), true, 'IsCommandSessionOpen');
  equal(
    (await backend.listServices(E1)).find((s) => s.serviceId === CMD)?.commandSessionOpen,
    true,
    'listed as open',
  );
  return undefined;
});

await check('QueryCommand: the response ID and bytes arrive; the payload arrived', async () => {
  const result = await command('query', CMD, 1, Uint8Array.of(9, 8, 7));
  equal(result.hresult, 0, 'hresult');
  const done = await completed(result.requestId);
  equal(done.op, 'query', 'op');
  equal(done.response?.responseId, 1, 'responseId (the command ID)');
  equal(hex(done.response?.data), '0102030405', 'response bytes');
  return undefined;
});

await check('SetCommand: a completion carrying a 0-length SAFEARRAY', async () => {
  const result = await command('set', CMD, 1, Uint8Array.of(1));
  const done = await completed(result.requestId);
  equal(done.op, 'set', 'op');
  equal(done.status, 0, 'status');
  equal(done.response?.data.length, 0, 'response length');
  equal(done.response?.responseId, 1, 'responseId');
  return undefined;
});

await check(
  `QueryCommand: a completion carrying a large SAFEARRAY (${LARGE_RESPONSE_BYTES} bytes), intact`,
  async () => {
    const result = await command('query', CMD, 6);
    const done = await completed(result.requestId);
    const data = done.response?.data;
    equal(done.response?.responseId, 4660, 'responseId from the scenario');
    equal(data?.length, LARGE_RESPONSE_BYTES, 'length');
    assert(data, 'data');
    for (let k = 0; k < data.length; k++) {
      if (data[k] !== largeResponseByte(k)) throw new Error(`byte ${k} is ${data[k]}`);
    }
    return undefined;
  },
);

await check(
  'failed QUERY: status E_FAIL and no response, although the fake sent junk bytes',
  async () => {
    const result = await command('query', CMD, 2);
    const done = await completed(result.requestId);
    equal(done.status, E_FAIL, 'status');
    equal(done.response, undefined, 'response');
    return undefined;
  },
);

await check('refused SET: E_ACCESSDENIED at once, no completion', async () => {
  const result = await command('set', CMD, 2);
  equal(result.hresult, E_ACCESSDENIED, 'hresult');
  await sleep(200);
  equal(rec.ofType('completion').filter((c) => c.op === 'set' && c.status !== 0).length, 0, 'none');
  return undefined;
});

await check('lost QUERY completion: S_OK, then nothing', async () => {
  const result = await command('query', CMD, 3);
  equal(result.hresult, 0, 'hresult');
  await sleep(300);
  equal(completionsOf(result.requestId).length, 0, 'completions');
  return undefined;
});

await check('QUERY completing before the call returns: the event comes first', async () => {
  const result = await command('query', CMD, 4);
  const returnedAt = rec.mark();
  const [done] = rec.completions(result.requestId);
  assert(done, 'completion already delivered');
  assert(done.order < returnedAt, 'ordered before the result');
  equal(hex(completionsOf(result.requestId)[0]?.response?.data), 'aa', 'its response');
  return undefined;
});

await check('duplicate QUERY completion: twice, each with the response', async () => {
  const result = await command('query', CMD, 5);
  await completed(result.requestId, 2);
  await sleep(100);
  const both = completionsOf(result.requestId);
  equal(both.length, 2, 'completions');
  equal(both.map((c) => hex(c.response?.data)).join(' '), 'bb bb', 'responses');
  return undefined;
});

await check(
  'an unlisted command answers; one without behaviour is ERROR_NOT_SUPPORTED',
  async () => {
    const unlisted = await completed((await command('query', CMD, 7)).requestId);
    equal(hex(unlisted.response?.data), '07', 'unlisted response');
    const unknown = await completed((await command('query', CMD, 99)).requestId);
    equal(unknown.status, ERROR_NOT_SUPPORTED, 'status');
    equal(unknown.response, undefined, 'response');
    const top = await completed((await command('query', CMD, 0xffffffff)).requestId);
    equal(top.response?.responseId, 0xffffffff, 'responseId 0xFFFFFFFF');
    return undefined;
  },
);

await check(
  `payload size: exactly MaxCommandSize (${MAX_COMMAND_SIZE}) goes through; one more byte does not`,
  async () => {
    const atLimit = new Uint8Array(MAX_COMMAND_SIZE).map((_, i) => i + 1);
    const at = await command('query', CMD, 1, atLimit);
    equal(at.hresult, 0, 'at the limit');
    await completed(at.requestId);
    // Straight to the backend, past the engine's own refusal: the fake answers as the docs say.
    const over = await command('set', CMD, 1, new Uint8Array(MAX_COMMAND_SIZE + 1));
    equal(over.hresult, ERROR_BUFFER_OVERFLOW, 'over the limit, from the service');
    return undefined;
  },
);

let engine: DiagnosticsEngine | undefined;

await check(
  'through the engine: a QUERY at MaxCommandSize is sent; one byte over is refused in words, never sent',
  async () => {
    engine = new DiagnosticsEngine({
      backend,
      clock: systemClock,
      journalDir: mkdtempSync(join(tmpdir(), 'mbn-commands-')),
      backendReason: 'wine commands case',
      app: { name: 'mbn-diag-wine', version: '0' },
      timeoutMs: 2000,
    });
    const data = new Uint8Array(MAX_COMMAND_SIZE).fill(2);
    const sent = await engine.send('query', E1, CMD, { commandId: 1, data });
    // It reached the fake: counted with the others for the runner's check of the fake's tally.
    commandCalls++;
    commandBytes += data.length;
    commandChecksum = (commandChecksum + 2 * data.length) >>> 0;
    equal((await engine.waitForOutcome(sent.ref)).outcome, 'succeeded', 'at the limit');
    const refused = await expectBackendError(
      engine.send('query', E1, CMD, { commandId: 1, data: new Uint8Array(MAX_COMMAND_SIZE + 1) }),
      'invalid-argument',
    );
    assert(refused.includes(`at most ${MAX_COMMAND_SIZE} bytes`), `in words: ${refused}`);
    return refused;
  },
);

await check('invalid command arguments are BackendErrors, never sent', async () => {
  await expectBackendError(
    backend.queryCommand(E1, CMD, -1, new Uint8Array(0)),
    'invalid-argument',
  );
  await expectBackendError(
    backend.queryCommand(E1, CMD, 2 ** 32, new Uint8Array(0)),
    'invalid-argument',
  );
  await expectBackendError(
    backend.setCommand(E1, CMD, 1, 'x' as unknown as Uint8Array),
    'invalid-argument',
  );
  await expectBackendError(
    backend.queryCommand(E1, 'nope', 1, new Uint8Array(0)),
    'unknown-service',
  );
  return undefined;
});

await check('the scenario notifications: three OnEventNotification, with the bytes', async () => {
  const scenario = () =>
    rec.ofType('event-notification').filter((n) => n.eventId === 16 && n.serviceId === CMD);
  assert(await waitFor(() => scenario().length >= 3, 4000), 'three notifications');
  await sleep(300);
  equal(scenario().length, 3, 'count');
  equal(
    scenario()
      .map((n) => hex(n.data))
      .join(' '),
    'cafe cafe cafe',
    'bytes',
  );
  equal(scenario()[0]?.interfaceId, E1, 'interfaceId');
  return undefined;
});

await check(
  `notifications from ${STORM.threads} threads at once, ${STORM.count} each: none lost, none doubled`,
  async () => {
    const total = STORM.threads * STORM.count;
    const storm = () => rec.ofType('event-notification').filter((n) => n.eventId >= 0x5000);
    assert(await waitFor(() => storm().length >= total, 20_000), `${total} storm notifications`);
    await sleep(200);
    const seen = new Set<string>();
    for (const n of storm()) {
      const view = new DataView(n.data.buffer, n.data.byteOffset, n.data.byteLength);
      const thread = view.getUint32(0, true);
      equal(n.eventId, 0x5000 + thread, 'eventId names the thread');
      seen.add(`${thread}:${view.getUint32(4, true)}`);
    }
    equal(storm().length, total, 'notifications');
    equal(seen.size, total, 'distinct (thread, sequence) pairs');
    return `${total} notifications`;
  },
);

await check('CloseCommandSession: completion, then IsCommandSessionOpen is false', async () => {
  const result = await backend.closeCommandSession(E1, CMD);
  const done = await completed(result.requestId);
  equal(done.op, 'close-command-session', 'op');
  equal(await backend.isCommandSessionOpen(E1, CMD), false, 'IsCommandSessionOpen');
  return undefined;
});

await check(
  'device removed with a QUERY pending: no completion; back with its command session closed',
  async () => {
    const result = await command('query', REMOVABLE, 1, new Uint8Array(0), E2);
    equal(result.hresult, 0, 'hresult');
    assert(await waitFor(() => rec.ofType('interface-arrival').length > 0, 3000), 'returned');
    await sleep(400);
    equal(completionsOf(result.requestId).length, 0, 'completion');
    equal(await backend.isCommandSessionOpen(E2, REMOVABLE), false, 'command session after return');
    return undefined;
  },
);

await check('close(): no call into the service from any sink', async () => {
  report('completionsSeen', rec.ofType('completion').length);
  report('notificationsSeen', rec.ofType('event-notification').length);
  report('commandCalls', commandCalls);
  report('commandBytes', commandBytes);
  report('commandChecksum', commandChecksum);
  await engine?.close(); // closes the backend too
  await backend.close();
  const loaded = loadAddon();
  assert(loaded.ok && loaded.addon.platformSupported, 'addon');
  equal(loaded.addon.counters().sinkOutgoingCalls, 0, 'calls into the service from sinks');
  // Under the fake's fresh-service switch the runner checks this is above 0.
  report('deferredIdLookups', loaded.addon.counters().deferredIdLookups);
  return undefined;
});

finish();
