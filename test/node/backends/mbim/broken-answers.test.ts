/**
 * A device service's request (Close, Query, ...) whose answer the modem botches: an answer whose
 * information buffer length lies, or a fragmented answer missing a fragment. libmbim fails such a
 * transaction at once (mbim-device.c); README says the backend does too. Before, only the
 * backend's own Basic Connect queries did: a Query or Close waited out the whole time-out and
 * ended "timed out", as if the modem had said nothing, and the malformed answer was journaled
 * without the request it answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ByteLink } from '../../../../electron/backends/mbim/bridge.js';
import { MbimEmulator } from '../../../../electron/backends/mbim/emulator/emulator.js';
import { MbimBackend } from '../../../../electron/backends/mbim/mbim-backend.js';
import { MESSAGE_TYPE } from '../../../../electron/backends/mbim/message.js';
import { parseScenario } from '../../../../electron/backends/simulator/scenario-loader.js';
import type { BackendEvent } from '../../../../shared/model.js';
import { decodeHresult } from '../../../../shared/hresult.js';

const path = join(import.meta.dirname, '../../../../test/mbim/scenarios/mbim.json');
const scenario = parseScenario(readFileSync(path, 'utf8'), path);
const ID = '/dev/test-mbim0';
const VENDOR = '9a0c1b2d-5e3f-4a6b-8c7d-0e1f2a3b4c5d';

/** A backend on an in-memory emulator; `tamper` sees each frame to the host and may change it. */
async function connected(
  tamper: (frame: Uint8Array) => Uint8Array | null,
  maxTransfer = 4096,
  response?: string,
) {
  const device = structuredClone(scenario.devices[0]);
  const query = device?.services.find((s) => s.serviceId === VENDOR)?.commands.list[0]?.query;
  if (!device || !query) throw new Error('the scenario lost its vendor command');
  if (response !== undefined) query.response = response;
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  const emulator = new MbimEmulator(
    device,
    (bytes) =>
      queueMicrotask(() => {
        const frame = tamper(bytes.slice());
        if (frame) toHost(frame);
      }),
    { maxTransfer, indicationEveryMs: 0 },
  );
  const link: ByteLink = {
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
  open.push({ backend, emulator });
  await backend.listServices(ID);
  const opened = await backend.openCommandSession(ID, VENDOR);
  await completion(events, opened.requestId);
  return { backend, events };
}

const open: { backend: MbimBackend; emulator: MbimEmulator }[] = [];
afterEach(async () => {
  for (const { backend, emulator } of open.splice(0)) {
    await backend.close();
    emulator.stop();
  }
});

type Completion = Extract<BackendEvent, { type: 'completion' }>;

function completion(events: BackendEvent[], requestId: number): Promise<Completion> {
  return vi.waitFor(
    () => {
      const found = events.find(
        (e): e is Completion => e.type === 'completion' && e.requestId === requestId,
      );
      if (!found) throw new Error(`no completion yet for request ${String(requestId)}`);
      return found;
    },
    { timeout: 3000, interval: 5 },
  );
}

const u32 = (frame: Uint8Array, at: number): number =>
  new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(at, true);

/** A COMMAND_DONE (or a fragment of one) on the vendor service's CID 1. */
const isVendorAnswer = (frame: Uint8Array): boolean =>
  u32(frame, 0) === MESSAGE_TYPE.commandDone && u32(frame, 12) >= 1 && frame.length >= 40;

describe("a device service's request whose answer is botched", () => {
  it('fails at once, named LENGTH_MISMATCH, when the information buffer length lies', async () => {
    let armed = false;
    const c = await connected((frame) => {
      if (armed && isVendorAnswer(frame) && u32(frame, 36) === 1)
        new DataView(frame.buffer, frame.byteOffset).setUint32(44, 1000, true);
      return frame;
    });
    armed = true;
    const started = Date.now();
    const sent = await c.backend.queryCommand(ID, VENDOR, 1, new Uint8Array(0));
    const done = await completion(c.events, sent.requestId);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(decodeHresult(done.status).name).toBe('MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH');
    expect(done.response).toBeUndefined();
    // The malformed answer is journaled under the request it answered, with what was wrong.
    const record = c.events.find(
      (e) =>
        e.type === 'mbim-message' &&
        e.message.direction === 'received' &&
        e.message.type === 'undecodable',
    );
    expect(record?.type === 'mbim-message' && record.message).toMatchObject({
      requestId: sent.requestId,
      error: expect.stringMatching(/information buffer says 1000 bytes/) as unknown,
    });
  });

  it.each([
    ['the last', 'TIMEOUT_FRAGMENT', (current: number, total: number) => current === total - 1],
    ['the second', 'FRAGMENT_OUT_OF_SEQUENCE', (current: number) => current === 1],
  ] as const)(
    'fails at once when %s fragment of the answer never comes (%s)',
    async (_which, error, lost) => {
      let armed = false;
      // A 200-byte answer in 64-byte transfers comes in several fragments.
      const c = await connected(
        (frame) =>
          armed &&
          u32(frame, 0) === MESSAGE_TYPE.commandDone &&
          u32(frame, 12) > 1 &&
          lost(u32(frame, 16), u32(frame, 12))
            ? null
            : frame,
        64,
        '00'.repeat(200),
      );
      armed = true;
      const started = Date.now();
      const sent = await c.backend.queryCommand(ID, VENDOR, 1, new Uint8Array(0));
      const done = await completion(c.events, sent.requestId);
      // At most libmbim's 1250 ms between fragments, not the request's time-out.
      expect(Date.now() - started).toBeLessThan(2500);
      expect(decodeHresult(done.status).name).toBe(`MBIM_PROTOCOL_ERROR_${error}`);
    },
  );
});
