/**
 * Device-service commands on the MBIM backend against the emulator wired in memory: what a
 * technician sees when querying a vendor service (its response, a failure named by its MBIM
 * status, an answer that never comes, a response too long for one transfer), which commands it
 * lists, the command session the backend keeps itself, and the service's notifications.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ByteLink } from '../../../../electron/backends/mbim/bridge.js';
import { MbimEmulator } from '../../../../electron/backends/mbim/emulator/emulator.js';
import { decodeMessage } from '../../../../electron/backends/mbim/message.js';
import { MbimBackend } from '../../../../electron/backends/mbim/mbim-backend.js';
import { parseScenario } from '../../../../electron/backends/simulator/scenario-loader.js';
import type { ScenarioDevice } from '../../../../electron/backends/simulator/scenario-schema.js';
import type { BackendEvent } from '../../../../shared/model.js';
import { decodeHresult } from '../../../../shared/hresult.js';

const path = join(import.meta.dirname, '../../../../test/mbim/scenarios/mbim.json');
const scenario = parseScenario(readFileSync(path, 'utf8'), path);
const ID = '/dev/test-mbim0';
const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';
const BASIC = 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df';
const ERROR_OPEN_FAILED = 0x8007006e;

function scenarioDevice(): ScenarioDevice {
  const device = scenario.devices[0];
  if (!device) throw new Error('no device');
  return structuredClone(device);
}

/** A backend talking to an in-memory emulator of `device`. */
async function connected(
  device = scenarioDevice(),
  maxTransfer = 4096,
  indicationEveryMs = 0,
  linkMax?: number,
) {
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  const emulator = new MbimEmulator(
    device,
    (bytes) => queueMicrotask(() => toHost(bytes.slice())),
    { maxTransfer, indicationEveryMs },
  );
  const link: ByteLink = {
    ...(linkMax === undefined ? {} : { maxControlTransfer: linkMax }),
    write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
    onData: (listener) => (toHost = listener),
    onLost: () => undefined,
    close: () => Promise.resolve(),
  };
  const backend = await MbimBackend.connect({
    devicePath: ID,
    proxy: false,
    openLink: () => Promise.resolve(link),
  });
  const events: BackendEvent[] = [];
  backend.onEvent((e) => events.push(e));
  const c = { backend, emulator, events };
  open.push(c);
  await backend.listServices(ID);
  return c;
}

const open: { backend: MbimBackend; emulator: MbimEmulator }[] = [];
afterEach(async () => {
  for (const { backend, emulator } of open.splice(0)) {
    await backend.close();
    emulator.stop();
  }
});

type Completion = Extract<BackendEvent, { type: 'completion' }>;

function completionOf(events: BackendEvent[], requestId: number): Completion[] {
  return events.filter(
    (e): e is Completion => e.type === 'completion' && e.requestId === requestId,
  );
}

/**
 * Waits for what must arrive rather than for a fixed time, which a loaded machine can outlast:
 * polls `found` until it stops throwing, and gives its result (or fails after 5 s).
 */
function arrival<T>(found: () => T): Promise<T> {
  return vi.waitFor(found, { timeout: 5000, interval: 5 });
}

/** The (first) completion of `requestId`, once it has come. */
function nextCompletion(events: BackendEvent[], requestId: number): Promise<Completion> {
  return arrival(() => {
    const [completion] = completionOf(events, requestId);
    if (!completion) throw new Error(`no completion yet for request ${String(requestId)}`);
    return completion;
  });
}

/** Opens the vendor service's command session and waits until it is open. */
async function openVendorSession(c: Awaited<ReturnType<typeof connected>>): Promise<void> {
  const opened = await c.backend.openCommandSession(ID, VENDOR);
  expect(opened.hresult).toBe(0);
  expect((await nextCompletion(c.events, opened.requestId)).status).toBe(0);
}

describe('device-service commands on the MBIM backend', () => {
  it('lists the CIDs the modem gives for the service in DEVICE_SERVICES, after the call returns', async () => {
    const c = await connected();
    const result = await c.backend.querySupportedCommands(ID, VENDOR);
    expect(result.hresult).toBe(0);
    // Nothing yet: the completion comes as an event once the call has returned.
    expect(completionOf(c.events, result.requestId)).toEqual([]);
    const completion = await nextCompletion(c.events, result.requestId);
    expect(completion).toMatchObject({ op: 'supported-commands', status: 0, serviceId: VENDOR });
    // CID 9 answers but is not listed, as the scenario says.
    expect(completion.commandIds).toEqual([1, 2, 3, 5]);
  });

  it('keeps the command session itself: QUERY is refused until it is opened, then allowed', async () => {
    const c = await connected();
    const before = (await c.backend.listServices(ID)).find((s) => s.serviceId === VENDOR);
    expect(before?.commandSessionOpen).toBe(false);
    // One COMMAND_MSG header (48 bytes) less than the 4096-byte control transfer.
    expect(before?.maxCommandSize).toBe(4048);
    const refused = await c.backend.queryCommand(ID, VENDOR, 1, new Uint8Array(0));
    expect(refused).toEqual({ hresult: ERROR_OPEN_FAILED, requestId: 0 });
    const sentBefore = c.emulator.received.length;
    const opened = await c.backend.openCommandSession(ID, VENDOR);
    expect((await nextCompletion(c.events, opened.requestId)).status).toBe(0);
    // Opening a command session is nothing MBIM carries: no message went to the modem.
    expect(c.emulator.received.length).toBe(sentBefore);
    const after = (await c.backend.listServices(ID)).find((s) => s.serviceId === VENDOR);
    expect(after?.commandSessionOpen).toBe(true);
    const closed = await c.backend.closeCommandSession(ID, VENDOR);
    expect((await nextCompletion(c.events, closed.requestId)).status).toBe(0);
    expect(await c.backend.closeCommandSession(ID, VENDOR)).toEqual({
      hresult: ERROR_OPEN_FAILED,
      requestId: 0,
    });
  });

  it('sends a QUERY as an MBIM COMMAND on the service UUID and completes with the response', async () => {
    const c = await connected();
    await openVendorSession(c);
    const data = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
    const result = await c.backend.queryCommand(ID, VENDOR, 1, data);
    expect(result.hresult).toBe(0);
    const completion = await nextCompletion(c.events, result.requestId);
    const sent = decodeMessage(c.emulator.received.at(-1) ?? new Uint8Array(0));
    expect(sent).toMatchObject({ type: 'command', cid: 1, commandType: 0, payload: data });
    expect(completion).toMatchObject({ op: 'query', status: 0 });
    expect(completion.response?.responseId).toBe(1);
    expect(Buffer.from(completion.response?.data ?? []).toString('hex')).toBe(
      '010000002a00000076656e646f72',
    );
    // The message record carries the request ID and the MBIM status in words.
    const done = c.events.find(
      (e) =>
        e.type === 'mbim-message' &&
        e.message.type === 'command-done' &&
        e.message.requestId === result.requestId,
    );
    expect(done?.type === 'mbim-message' && done.message).toMatchObject({
      serviceName: 'Vendor service',
      cid: 1,
      statusName: 'MBIM_STATUS_SUCCESS',
    });
  });

  it('sends a SET with CommandType 1', async () => {
    const c = await connected();
    await openVendorSession(c);
    const result = await c.backend.setCommand(ID, VENDOR, 1, new Uint8Array([1]));
    const completion = await nextCompletion(c.events, result.requestId);
    expect(decodeMessage(c.emulator.received.at(-1) ?? new Uint8Array(0))).toMatchObject({
      type: 'command',
      commandType: 1,
    });
    expect(completion).toMatchObject({ op: 'set', status: 0, response: { responseId: 1 } });
  });

  it('names a failure by its MBIM status, with no response data', async () => {
    const c = await connected();
    await openVendorSession(c);
    const failed = await c.backend.queryCommand(ID, VENDOR, 2, new Uint8Array(0));
    const unknown = await c.backend.queryCommand(ID, VENDOR, 77, new Uint8Array(0));
    const a = await nextCompletion(c.events, failed.requestId);
    const b = await nextCompletion(c.events, unknown.requestId);
    expect(decodeHresult(a.status).name).toBe('MBIM_STATUS_OPERATION_NOT_ALLOWED');
    expect(a.response).toBeUndefined();
    expect(decodeHresult(b.status).name).toBe('MBIM_STATUS_NO_DEVICE_SUPPORT');
  });

  it('leaves a command the modem never answers without a completion', async () => {
    const c = await connected();
    await openVendorSession(c);
    const lost = await c.backend.queryCommand(ID, VENDOR, 3, new Uint8Array(0));
    expect(lost.hresult).toBe(0);
    // A QUERY sent after it, answered 20 ms later: by the time that one has completed, a
    // completion wrongly given to the lost one (its own, or the later answer taken for it) has too.
    const after = await c.backend.queryCommand(ID, VENDOR, 1, new Uint8Array(0));
    expect((await nextCompletion(c.events, after.requestId)).status).toBe(0);
    expect(completionOf(c.events, lost.requestId)).toEqual([]);
  });

  it('reassembles a response longer than one control transfer, byte for byte', async () => {
    const device = scenarioDevice();
    const vendor = device.services.find((s) => s.serviceId === VENDOR);
    const big = Buffer.alloc(10_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const query = vendor?.commands.list[0]?.query;
    if (!query) throw new Error('the scenario lost its vendor command');
    query.response = big.toString('hex');
    const c = await connected(device, 4096);
    await openVendorSession(c);
    const result = await c.backend.queryCommand(ID, VENDOR, 1, new Uint8Array(0));
    const completion = await nextCompletion(c.events, result.requestId);
    expect(Buffer.from(completion.response?.data ?? []).equals(big)).toBe(true);
    const done = c.events.find(
      (e) =>
        e.type === 'mbim-message' &&
        e.message.requestId === result.requestId &&
        e.message.type === 'command-done',
    );
    expect(done?.type === 'mbim-message' && done.message.fragments).toBe(3);
  });

  it("turns the vendor service's INDICATE_STATUS into event notifications, not Basic Connect's", async () => {
    // Basic Connect SIGNAL_STATE every 50 ms as well: the backend speaks for Basic Connect itself.
    const c = await connected(scenarioDevice(), 4096, 50);
    const isSignal = (e: BackendEvent) =>
      e.type === 'mbim-message' && e.message.type === 'indicate-status' && e.message.cid === 11;
    // The scenario sends event 5 three times, 250 ms apart. Wait for the three, then for a
    // SIGNAL_STATE after the last of them: had Basic Connect's indications become notifications
    // too, that one would have made a fourth.
    await arrival(() => {
      expect(c.events.filter((e) => e.type === 'event-notification').length).toBeGreaterThan(2);
      const last = c.events.findLastIndex((e) => e.type === 'event-notification');
      expect(c.events.slice(last + 1).some(isSignal)).toBe(true);
    });
    const signal = c.events.filter(isSignal);
    expect(signal.length).toBeGreaterThan(3);
    const notes = c.events.filter((e) => e.type === 'event-notification');
    expect(notes).toHaveLength(3);
    for (const note of notes)
      expect(note).toMatchObject({ serviceId: VENDOR, eventId: 5, interfaceId: ID });
    expect(
      notes[0]?.type === 'event-notification' && Buffer.from(notes[0].data).toString('hex'),
    ).toBe('0500000001000000');
    // The backend asked for the vendor service's indications, keeping libmbim's standard list.
    const subscribe = c.emulator.received
      .map((bytes) => decodeMessage(bytes))
      .find((m) => m.type === 'command' && m.cid === 19);
    expect(subscribe).toBeDefined();
    const text = Buffer.from(subscribe?.type === 'command' ? subscribe.payload : []).toString(
      'hex',
    );
    expect(text).toContain(VENDOR.replaceAll('-', ''));
    expect(text).toContain(BASIC.replaceAll('-', ''));
  });

  it("keeps to the device's own control transfer size when the kernel tells it", async () => {
    const c = await connected(scenarioDevice(), 4096, 0, 512);
    const vendor = (await c.backend.listServices(ID)).find((s) => s.serviceId === VENDOR);
    expect(vendor?.maxCommandSize).toBe(512 - 48);
    const received = c.emulator.received.map((bytes) => decodeMessage(bytes));
    expect(received.find((m) => m.type === 'open')).toMatchObject({ maxControlTransfer: 512 });
    // A longer SET still goes out, fragmented to the device's size, and arrives whole.
    const frames: Uint8Array[] = [];
    const receive = c.emulator.receive.bind(c.emulator);
    c.emulator.receive = (bytes: Uint8Array) => {
      frames.push(bytes);
      receive(bytes);
    };
    await openVendorSession(c);
    const data = new Uint8Array(1000).fill(0xab);
    const set = await c.backend.setCommand(ID, VENDOR, 1, data);
    // The modem answers only once the whole SET has arrived.
    await nextCompletion(c.events, set.requestId);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(512);
    expect(c.emulator.received.map((b) => decodeMessage(b)).at(-1)).toMatchObject({
      payload: data,
    });
  });

  it('refuses a command ID that is not a u32, in words', async () => {
    const c = await connected();
    await expect(c.backend.queryCommand(ID, VENDOR, -1, new Uint8Array(0))).rejects.toThrow(
      /command ID is a whole number/,
    );
  });
});
