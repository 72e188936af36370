/**
 * The MBIM backend against the emulator wired in memory (no pty, no Python): what a technician
 * sees when answers come fragmented, when stream data is asked for, and when the modem goes away.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ByteLink } from '../../../../electron/backends/mbim/bridge.js';
import { MbimEmulator } from '../../../../electron/backends/mbim/emulator/emulator.js';
import { MbimBackend } from '../../../../electron/backends/mbim/mbim-backend.js';
import { decodeMessage, encodeMessage } from '../../../../electron/backends/mbim/message.js';
import { UUID_DSS } from '../../../../electron/backends/mbim/uuid.js';
import { parseScenario } from '../../../../electron/backends/simulator/scenario-loader.js';
import type { BackendEvent } from '../../../../shared/model.js';
import { decodeHresult } from '../../../../shared/hresult.js';

const path = join(import.meta.dirname, '../../../../test/mbim/scenarios/mbim.json');
const scenario = parseScenario(readFileSync(path, 'utf8'), path);
const device = scenario.devices[0];
if (!device) throw new Error('no device');
const ID = '/dev/test-mbim0';
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** A backend whose link is an in-memory emulator; `unplug()` makes the modem go away. */
async function connected(maxTransfer = 4096, indicationEveryMs = 0, removeAfterMs?: number) {
  let toHost: (bytes: Uint8Array) => void = () => undefined;
  let lost: (reason: string) => void = () => undefined;
  const emulator = new MbimEmulator(
    device as NonNullable<typeof device>,
    (bytes) => queueMicrotask(() => toHost(bytes.slice())),
    { maxTransfer, indicationEveryMs, ...(removeAfterMs === undefined ? {} : { removeAfterMs }) },
    () => lost('unplugged'),
  );
  const link: ByteLink = {
    write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
    onData: (listener) => (toHost = listener),
    onLost: (listener) => (lost = listener),
    close: () => Promise.resolve(),
  };
  const backend = await MbimBackend.connect({
    devicePath: ID,
    proxy: false,
    openLink: () => Promise.resolve(link),
  });
  const events: BackendEvent[] = [];
  backend.onEvent((e) => events.push(e));
  return { backend, emulator, events };
}

const open: { backend: MbimBackend; emulator: MbimEmulator }[] = [];
afterEach(async () => {
  for (const { backend, emulator } of open.splice(0)) {
    emulator.stop();
    await backend.close();
  }
});

describe('the MBIM backend', () => {
  it('reads device and services from answers fragmented to 64-byte transfers', async () => {
    const c = await connected(64);
    open.push(c);
    const [info] = await c.backend.listDevices();
    expect(info).toMatchObject({ interfaceId: ID, model: 'EM9191', deviceId: '356938035643809' });
    const services = await c.backend.listServices(ID);
    expect(services.map((s) => s.serviceId)).toContain('77777777-7777-4777-8777-777777777777');
    // The DSS service is the transport for streams, not a device service to open.
    expect(services.map((s) => s.serviceId)).not.toContain('c08a26dd-7718-4382-8482-6e0d583c4d0e');
    const fragmented = c.events.filter((e) => e.type === 'mbim-message' && e.message.fragments > 1);
    expect(fragmented.length).toBeGreaterThan(0);
  });

  it('completes a Close Session with the modem status named, BUSY here', async () => {
    const c = await connected();
    open.push(c);
    const result = await c.backend.closeDataSession(ID, '22222222-2222-4222-8222-222222222222');
    expect(result.hresult).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const completion = c.events.find((e) => e.type === 'completion');
    expect(completion?.type === 'completion' && decodeHresult(completion.status).name).toBe(
      'MBIM_STATUS_BUSY',
    );
  });

  // A FUNCTION_ERROR is the modem refusing the message itself. Its completion read E_FAIL
  // ("Unspecified failure"), and only the mbim-message record named the protocol error.
  it('completes a request the modem refused with a function error with that error named', async () => {
    let toHost: (bytes: Uint8Array) => void = () => undefined;
    const emulator = new MbimEmulator(device, (bytes) => queueMicrotask(() => toHost(bytes)), {});
    let refuse = false;
    const link: ByteLink = {
      write: (bytes) =>
        queueMicrotask(() => {
          const message = decodeMessage(bytes);
          // The DSS CONNECT that closes the session; the services query before it goes through.
          if (refuse && message.type === 'command' && sameBytes(message.service, UUID_DSS)) {
            refuse = false;
            toHost(encodeMessage({ type: 'function-error', tid: message.tid, error: 3 }));
          } else emulator.receive(bytes.slice());
        }),
      onData: (listener) => (toHost = listener),
      onLost: () => undefined,
      close: () => Promise.resolve(),
    };
    const backend = await MbimBackend.connect({
      devicePath: ID,
      proxy: false,
      openLink: () => Promise.resolve(link),
    });
    open.push({ backend, emulator });
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    refuse = true;
    await backend.closeDataSession(ID, '22222222-2222-4222-8222-222222222222');
    await vi.waitFor(() => expect(events.some((e) => e.type === 'completion')).toBe(true));
    const completion = events.find((e) => e.type === 'completion');
    const status = completion?.type === 'completion' ? decodeHresult(completion.status) : undefined;
    expect(status?.name).toBe('MBIM_PROTOCOL_ERROR_LENGTH_MISMATCH');
    expect(status?.meaning).toMatch(/not as long as its header said/);
    expect(status?.succeeded).toBe(false);
  });

  it('refuses stream writes in words: DSS data is not on the control channel', async () => {
    const c = await connected();
    open.push(c);
    await expect(
      c.backend.writeData(ID, '77777777-7777-4777-8777-777777777777', new Uint8Array(4)),
    ).rejects.toThrow(/not available on the MBIM backend.*network device/);
  });

  it('reports the modem going away, and then lists no device', async () => {
    const c = await connected();
    open.push(c);
    c.emulator.goAway();
    expect(c.events.some((e) => e.type === 'interface-removal')).toBe(true);
    expect(await c.backend.listDevices()).toEqual([]);
  });

  it('records unsolicited indications as device events named by service and CID, bytes kept', async () => {
    const c = await connected(4096, 10);
    open.push(c);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const indication = c.events.find(
      (e) => e.type === 'mbim-message' && e.message.type === 'indicate-status',
    );
    expect(indication?.type === 'mbim-message' && indication.message).toMatchObject({
      direction: 'received',
      serviceName: 'Basic Connect',
      cidName: 'SIGNAL_STATE',
      requestId: null,
    });
    expect(indication?.type === 'mbim-message' && indication.message.bytes).toMatch(/^07000080/);
  });

  it("goes away when the scenario's timeline removes the device", async () => {
    const c = await connected(4096, 0, 30);
    open.push(c);
    expect(c.events.some((e) => e.type === 'interface-removal')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(c.events.some((e) => e.type === 'interface-removal')).toBe(true);
  });

  // The modem's session closed under the backend (firmware restart, another program's MBIM
  // CLOSE): it answers NOT_OPENED until a new OPEN (test/mbim/not-opened.test.ts: over a pty and
  // through the real mbim-proxy).
  it('opens a new session when the modem answers NOT_OPENED, and lists the device', async () => {
    const c = await connected();
    open.push(c);
    c.emulator.restart();
    const [info] = await c.backend.listDevices();
    expect(info?.model).toBe('EM9191');
    const sent = c.events.flatMap((e) =>
      e.type === 'mbim-message' && e.message.direction === 'sent' ? [e.message.type] : [],
    );
    expect(sent.filter((t) => t === 'open')).toHaveLength(2);
  });

  it('refuses a service the modem does not list', async () => {
    const c = await connected();
    open.push(c);
    await expect(
      c.backend.closeDataSession(ID, '99999999-9999-4999-8999-999999999999'),
    ).rejects.toThrow(/no device service/);
  });
});

describe('a modem that comes back', () => {
  // A replugged modem gets a new MBIM session. Its transaction IDs must not start again at 1
  // while the backend still remembers the old session's requests by transaction ID: the new
  // session's messages were then journaled as the old requests' (wrong request ID in the log and
  // in the capture's comments), and a late or repeated answer on the new session completed an old
  // request with a stranger's status and bytes.
  it("journals the new session's messages under no request of the old one", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbim-replug-'));
    const node = join(dir, 'cdc-wdm0');
    writeFileSync(node, '');
    const emulators: MbimEmulator[] = [];
    let lost: (reason: string) => void = () => undefined;
    const openLink = (): Promise<ByteLink> => {
      let toHost: (bytes: Uint8Array) => void = () => undefined;
      const emulator = new MbimEmulator(
        device,
        (bytes) => queueMicrotask(() => toHost(bytes.slice())),
        {},
        () => lost('unplugged'),
      );
      emulators.push(emulator);
      return Promise.resolve({
        write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
        onData: (listener) => (toHost = listener),
        onLost: (listener) => (lost = listener),
        close: () => Promise.resolve(),
      });
    };
    const backend = await MbimBackend.connect({ devicePath: node, proxy: false, openLink });
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    try {
      // Requests the old session never answers (the modem leaves first).
      const old = [
        await backend.closeDataSession(node, '44444444-4444-4444-8444-444444444444'),
        await backend.closeDataSession(node, '44444444-4444-4444-8444-444444444444'),
      ].map((r) => r.requestId);
      emulators[0]?.goAway();
      await vi.waitFor(
        () => expect(events.some((e) => e.type === 'interface-arrival')).toBe(true),
        {
          timeout: 5000,
        },
      );
      const from = events.length;
      await backend.listDevices();
      await backend.listServices(node);
      const after = events
        .slice(from)
        .flatMap((e) => (e.type === 'mbim-message' ? [e.message.requestId] : []));
      expect(after.length).toBeGreaterThan(3);
      for (const requestId of after) expect(old).not.toContain(requestId);
    } finally {
      for (const emulator of emulators) emulator.stop();
      await backend.close();
    }
  });
});

describe('closing while the modem comes back', () => {
  // The backend re-attaches in the background once a removed modem's node is back. If it is
  // closed meanwhile, the link that attach opens late must be closed too: on the real transport it
  // is a bridge process, which would keep the CLI from exiting.
  it('closes the link a late re-attach opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbim-late-'));
    const node = join(dir, 'cdc-wdm0');
    writeFileSync(node, '');
    const emulators: MbimEmulator[] = [];
    const closed: boolean[] = [];
    let lost: (reason: string) => void = () => undefined;
    let release: () => void = () => undefined;
    const makeLink = (): ByteLink => {
      let toHost: (bytes: Uint8Array) => void = () => undefined;
      const emulator = new MbimEmulator(
        device,
        (bytes) => queueMicrotask(() => toHost(bytes.slice())),
        {},
        () => lost('unplugged'),
      );
      emulators.push(emulator);
      const index = closed.push(false) - 1;
      return {
        write: (bytes) => queueMicrotask(() => emulator.receive(bytes.slice())),
        onData: (listener) => (toHost = listener),
        onLost: (listener) => (lost = listener),
        close: () => {
          closed[index] = true;
          return Promise.resolve();
        },
      };
    };
    let calls = 0;
    const openLink = (): Promise<ByteLink> => {
      calls += 1;
      if (calls === 1) return Promise.resolve(makeLink());
      // The second link (the re-attach) opens only when the test says so.
      return new Promise((resolve) => (release = () => resolve(makeLink())));
    };
    const backend = await MbimBackend.connect({ devicePath: node, proxy: false, openLink });
    try {
      emulators[0]?.goAway();
      await vi.waitFor(() => expect(calls).toBe(2), { timeout: 5000 });
      await backend.close();
      release();
      // The first link ended with the modem; the one opened after close() must be closed too.
      await vi.waitFor(() => expect(closed[1]).toBe(true), { timeout: 2000 });
    } finally {
      for (const emulator of emulators) emulator.stop();
    }
  });
});

describe('closing while a returned modem is being checked', () => {
  // Once a removed modem is back, the backend asks it DEVICE_CAPS before saying it is back. Closed
  // meanwhile, that question must not stay waiting for its 5 s time-out: its timer would hold the
  // CLI's exit.
  it('leaves no question waiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbim-check-'));
    const node = join(dir, 'cdc-wdm0');
    writeFileSync(node, '');
    const emulators: MbimEmulator[] = [];
    let lost: (reason: string) => void = () => undefined;
    const openLink = (): Promise<ByteLink> => {
      let toHost: (bytes: Uint8Array) => void = () => undefined;
      const emulator = new MbimEmulator(
        device,
        (bytes) => queueMicrotask(() => toHost(bytes.slice())),
        {},
        () => lost('unplugged'),
      );
      const mute = emulators.push(emulator) > 1;
      return Promise.resolve({
        // The returned modem answers OPEN and CLOSE, and nothing else.
        write: (bytes) =>
          queueMicrotask(() => {
            if (!mute || decodeMessage(bytes).type !== 'command') emulator.receive(bytes.slice());
          }),
        onData: (listener) => (toHost = listener),
        onLost: (listener) => (lost = listener),
        close: () => Promise.resolve(),
      });
    };
    const backend = await MbimBackend.connect({ devicePath: node, proxy: false, openLink });
    const events: BackendEvent[] = [];
    backend.onEvent((e) => events.push(e));
    const timeouts = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    try {
      emulators[0]?.goAway();
      await vi.waitFor(
        () => expect(events.some((e) => e.type === 'interface-arrival')).toBe(true),
        {
          timeout: 5000,
        },
      );
      const waiting = timeouts();
      await backend.close();
      expect(timeouts()).toBeLessThan(waiting);
      expect(events.some((e) => e.type === 'backend-status' && e.available)).toBe(false);
    } finally {
      for (const emulator of emulators) emulator.stop();
    }
  });
});
