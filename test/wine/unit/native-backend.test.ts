/**
 * The native backend's adapter logic on any OS, with a scripted stand-in for the addon: how
 * HRESULTs and failing steps become BackendErrors, what ERROR_NOT_SUPPORTED and E_PENDING mean,
 * that one device removal is reported once although both MBN sinks send it, and what
 * tryCreateNativeBackend says where there is no MBN service. The addon itself is tested under Wine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../../../electron/backends/contract.js';
import type {
  AddonCallResult,
  AddonClient,
  AddonCloseResult,
  AddonEvent,
  AddonInterfacesResult,
  AddonServicesResult,
  AddonStartResult,
} from '../../../electron/backends/native/addon-types.js';
import { tryCreateNativeBackend } from '../../../electron/backends/native/index.js';
import {
  NativeBackend,
  type NativeBackendOptions,
} from '../../../electron/backends/native/native-backend.js';
import type { BackendEvent } from '../../../shared/model.js';

const ERROR_NOT_FOUND = 0x80070490;
const ERROR_NOT_SUPPORTED = 0x80070032;
const E_PENDING = 0x8000000a;
const E_ACCESSDENIED = 0x80070005;

interface Script {
  start?: AddonStartResult;
  interfaces?: AddonInterfacesResult;
  services?: AddonServicesResult;
  call?: AddonCallResult;
}

function fakeAddon(script: Script, options: NativeBackendOptions = {}) {
  let emit: (e: AddonEvent) => void = () => undefined;
  let closed = false;
  const calls: string[] = [];
  const guard = <T>(value: T | undefined, fallback: T): Promise<T> =>
    closed
      ? Promise.reject(Object.assign(new Error('closed'), { code: 'backend-closed' }))
      : Promise.resolve(value ?? fallback);
  const callResult: AddonCallResult = { stage: 'call', hresult: 0, requestId: 7, open: true };
  class Client implements AddonClient {
    constructor(onEvent: (e: AddonEvent) => void) {
      emit = onEvent;
    }
    get closed(): boolean {
      return closed;
    }
    start = (): Promise<AddonStartResult> => guard(script.start, { hresult: 0, step: '' });
    listInterfaces = (): Promise<AddonInterfacesResult> =>
      guard(script.interfaces, { hresult: 0, interfaces: [] });
    listServices = (): Promise<AddonServicesResult> =>
      guard(script.services, { stage: '', hresult: 0, services: [] });
    openDataSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`open ${i} ${s}`);
      return guard(script.call, callResult);
    };
    closeDataSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`close ${i} ${s}`);
      return guard(script.call, callResult);
    };
    writeData = (): Promise<AddonCallResult> => guard(script.call, callResult);
    isDataSessionOpen = (): Promise<AddonCallResult> => guard(script.call, callResult);
    querySupportedCommands = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`supported-commands ${i} ${s}`);
      return guard(script.call, callResult);
    };
    openCommandSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`open-command-session ${i} ${s}`);
      return guard(script.call, callResult);
    };
    closeCommandSession = (i: string, s: string): Promise<AddonCallResult> => {
      calls.push(`close-command-session ${i} ${s}`);
      return guard(script.call, callResult);
    };
    queryCommand = (i: string, s: string, cid: number, d: Uint8Array): Promise<AddonCallResult> => {
      calls.push(`query ${i} ${s} ${cid} ${d.length}`);
      return guard(script.call, callResult);
    };
    setCommand = (i: string, s: string, cid: number, d: Uint8Array): Promise<AddonCallResult> => {
      calls.push(`set ${i} ${s} ${cid} ${d.length}`);
      return guard(script.call, callResult);
    };
    isCommandSessionOpen = (): Promise<AddonCallResult> => guard(script.call, callResult);
    close = (): Promise<AddonCloseResult> => {
      closed = true;
      return Promise.resolve({ released: true, threadStopped: true });
    };
  }
  const backend = new NativeBackend(
    Client,
    { kind: 'mbn', label: 'test', reason: 'test' },
    options,
  );
  return { backend, emit: (e: AddonEvent) => emit(e), calls };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof BackendError ? e.code : `not a BackendError: ${String(e)}`),
  );

describe('NativeBackend', () => {
  it('reports a failed start with the step and the HRESULT by name', async () => {
    const { backend } = fakeAddon({
      start: { hresult: 0x80040154, step: 'CoCreateInstance(MbnInterfaceManager)' },
    });
    await expect(backend.start()).rejects.toThrow(
      /CoCreateInstance\(MbnInterfaceManager\) returned 0x80040154/,
    );
  });

  it('maps ready states, and E_PENDING to probing', async () => {
    const base = {
      capsHresult: 0,
      manufacturer: 'M',
      model: 'X',
      firmware: 'F',
      deviceId: 'D',
      cellularClass: 1,
      dataClass: 0,
    };
    const { backend } = fakeAddon({
      interfaces: {
        hresult: 0,
        interfaces: [
          { ...base, interfaceId: 'a', readyStateHresult: 0, readyState: 1 },
          { ...base, interfaceId: 'b', readyStateHresult: E_PENDING, readyState: 0 },
          { ...base, interfaceId: 'c', readyStateHresult: 0, readyState: 6 },
          { ...base, interfaceId: 'd', readyStateHresult: 0, readyState: 42 },
        ],
      },
    });
    const states = (await backend.listDevices()).map((d) => d.readyState);
    expect(states).toEqual(['initialized', 'probing', 'device-locked', 'unknown']);
  });

  it('treats ERROR_NOT_SUPPORTED as no services and E_PENDING as try again', async () => {
    expect(
      await fakeAddon({
        services: { stage: 'enumerate', hresult: ERROR_NOT_SUPPORTED, services: [] },
      }).backend.listServices('a'),
    ).toEqual([]);
    await expect(
      fakeAddon({
        services: { stage: 'enumerate', hresult: E_PENDING, services: [] },
      }).backend.listServices('a'),
    ).rejects.toThrow(/still probing/);
  });

  it('turns a missing device or service into BackendErrors, and keeps call HRESULTs', async () => {
    const noDevice = { stage: 'context', hresult: ERROR_NOT_FOUND, requestId: 0, open: false };
    const noService = { stage: 'lookup', hresult: ERROR_NOT_FOUND, requestId: 0, open: false };
    const denied = { stage: 'call', hresult: E_ACCESSDENIED, requestId: 0, open: false };
    expect(
      await code(
        fakeAddon({ call: noDevice as AddonCallResult }).backend.closeDataSession('x', 's'),
      ),
    ).toBe('unknown-device');
    expect(
      await code(
        fakeAddon({ call: noService as AddonCallResult }).backend.openDataSession('x', 's'),
      ),
    ).toBe('unknown-service');
    expect(
      await fakeAddon({ call: denied as AddonCallResult }).backend.closeDataSession('x', 's'),
    ).toEqual({ hresult: E_ACCESSDENIED, requestId: 0 });
    expect(
      await code(fakeAddon({}).backend.writeData('x', 's', 'nope' as unknown as Uint8Array)),
    ).toBe('invalid-argument');
    expect(await code(fakeAddon({}).backend.closeDataSession('', 's'))).toBe('invalid-argument');
  });

  it('refuses data longer than a SAFEARRAY holds as a bad argument, not an addon failure', async () => {
    const { backend } = fakeAddon({});
    // What the addon throws for more than 4 GiB (a ULONG element count would wrap).
    (backend as unknown as { client: { writeData: () => never } }).client.writeData = () => {
      throw new RangeError('data is longer than a SAFEARRAY can hold (4 GiB)');
    };
    expect(await code(backend.writeData('x', 's', new Uint8Array(1)))).toBe('invalid-argument');
  });

  it('reports one removal and one arrival although both MBN sinks send each', () => {
    const { backend, emit } = fakeAddon({});
    const seen: BackendEvent[] = [];
    backend.onEvent((e) => seen.push(e));
    emit({ type: 'interface-removal', interfaceId: 'a', source: 'device-services' });
    emit({ type: 'interface-removal', interfaceId: 'a', source: 'interface-manager' });
    emit({ type: 'interface-arrival', interfaceId: 'a', source: 'interface-manager' });
    emit({ type: 'interface-arrival', interfaceId: 'a', source: 'device-services' });
    emit({ type: 'interface-removal', interfaceId: 'a', source: 'interface-manager' });
    expect(seen.map((e) => e.type)).toEqual([
      'interface-removal',
      'interface-arrival',
      'interface-removal',
    ]);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { backend, emit } = fakeAddon({});
    const seen: number[] = [];
    backend.onEvent(() => {
      throw new Error('listener bug');
    });
    backend.onEvent((e) => seen.push(e.type === 'completion' ? e.requestId : -1));
    emit({
      type: 'completion',
      op: 'close',
      interfaceId: 'a',
      serviceId: 's',
      status: 0,
      requestId: 9,
    });
    expect(seen).toEqual([9]);
  });

  it('after close(), calls are BackendError backend-closed and events stop', async () => {
    const { backend, emit } = fakeAddon({});
    const seen: BackendEvent[] = [];
    backend.onEvent((e) => seen.push(e));
    await backend.close();
    await backend.close();
    expect(await code(backend.listDevices())).toBe('backend-closed');
    emit({ type: 'interface-arrival', interfaceId: 'a', source: 'interface-manager' });
    expect(seen).toEqual([]);
  });
});

describe('NativeBackend, device-service commands', () => {
  const service = {
    serviceId: 's',
    dataReadSupported: false,
    dataWriteSupported: false,
    sessionHresult: 0,
    dataSessionOpen: false,
    commandSessionHresult: 0,
    commandSessionOpen: true,
    maxCommandSizeHresult: 0,
    maxCommandSize: 4096,
  };

  it('lists the command session state and MaxCommandSize, null where the service did not say', async () => {
    const { backend } = fakeAddon({
      services: {
        stage: '',
        hresult: 0,
        services: [
          service,
          {
            ...service,
            serviceId: 't',
            commandSessionHresult: E_ACCESSDENIED,
            maxCommandSizeHresult: E_ACCESSDENIED,
            maxCommandSize: 0,
          },
        ],
      },
    });
    const listed = await backend.listServices('a');
    expect(listed.map((s) => [s.commandSessionOpen, s.maxCommandSize])).toEqual([
      [true, 4096],
      [null, null],
    ]);
  });

  it('passes each command call on with its command ID and bytes, and refuses a bad ID', async () => {
    const { backend, calls } = fakeAddon({});
    await backend.querySupportedCommands('a', 's');
    await backend.openCommandSession('a', 's');
    await backend.queryCommand('a', 's', 0xffffffff, new Uint8Array(3));
    await backend.setCommand('a', 's', 0, new Uint8Array(0));
    await backend.closeCommandSession('a', 's');
    expect(calls).toEqual([
      'supported-commands a s',
      'open-command-session a s',
      'query a s 4294967295 3',
      'set a s 0 0',
      'close-command-session a s',
    ]);
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN, '1' as unknown as number])
      expect(await code(backend.queryCommand('a', 's', bad, new Uint8Array(1)))).toBe(
        'invalid-argument',
      );
    expect(await code(backend.setCommand('a', 's', 1, [1] as unknown as Uint8Array))).toBe(
      'invalid-argument',
    );
    expect(calls).toHaveLength(5);
  });

  it('carries listed command IDs, responses and notifications to listeners', () => {
    const { backend, emit } = fakeAddon({});
    const seen: BackendEvent[] = [];
    backend.onEvent((e) => seen.push(e));
    const base = { type: 'completion', interfaceId: 'a', serviceId: 's', status: 0 } as const;
    emit({ ...base, op: 'supported-commands', requestId: 1, commandIds: [1, 0xfffffffe] });
    emit({
      ...base,
      op: 'query',
      requestId: 2,
      response: { responseId: 5, data: Uint8Array.of(9) },
    });
    emit({
      type: 'event-notification',
      interfaceId: 'a',
      serviceId: 's',
      eventId: 3,
      data: Uint8Array.of(1, 2),
    });
    expect(seen).toEqual([
      { ...base, op: 'supported-commands', requestId: 1, commandIds: [1, 0xfffffffe] },
      { ...base, op: 'query', requestId: 2, response: { responseId: 5, data: Uint8Array.of(9) } },
      {
        type: 'event-notification',
        interfaceId: 'a',
        serviceId: 's',
        eventId: 3,
        data: Uint8Array.of(1, 2),
      },
    ]);
  });

  it('a command list of an unread element type is a completion without a list, and a warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { backend, emit } = fakeAddon({});
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      emit({
        type: 'completion',
        op: 'supported-commands',
        interfaceId: 'a',
        serviceId: 's',
        status: 0,
        requestId: 4,
        commandListVartype: 8,
      });
      expect(seen).toEqual([
        {
          type: 'completion',
          op: 'supported-commands',
          interfaceId: 'a',
          serviceId: 's',
          status: 0,
          requestId: 4,
        },
      ]);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/VARTYPE 8.*VT_UI4 or VT_I4/);
    } finally {
      warn.mockRestore();
    }
  });
});

const iface = (id: string, readyState: number, readyStateHresult = 0) => ({
  interfaceId: id,
  capsHresult: readyStateHresult,
  manufacturer: 'M',
  model: readyStateHresult ? '' : 'X',
  firmware: 'F',
  deviceId: 'D',
  cellularClass: 1,
  dataClass: 0,
  readyStateHresult,
  readyState,
});

describe('NativeBackend, when the MBN service is less friendly', () => {
  it('turns a ready-state callback into one device-update per device that really changed', async () => {
    const { backend, emit } = fakeAddon({
      interfaces: { hresult: 0, interfaces: [iface('a', 0, E_PENDING), iface('b', 1)] },
    });
    await backend.listDevices();
    const seen: BackendEvent[] = [];
    backend.onEvent((e) => seen.push(e));
    const now = [iface('a', 1), iface('b', 1)];
    emit({ type: 'interfaces-changed', reason: 'ready-state', hresult: 0, interfaces: now });
    emit({ type: 'interfaces-changed', reason: 'capability', hresult: 0, interfaces: now });
    expect(seen).toEqual([
      {
        type: 'device-update',
        device: {
          interfaceId: 'a',
          manufacturer: 'M',
          model: 'X',
          firmware: 'F',
          deviceId: 'D',
          readyState: 'initialized',
        },
      },
    ]);
  });

  it('says in words when the service is lost, refuses calls meanwhile, and says when it is back', async () => {
    vi.useFakeTimers();
    try {
      const script: Script = {
        start: { hresult: 0x800706ba, step: 'CoCreateInstance(MbnInterfaceManager)' },
      };
      const { backend, emit } = fakeAddon(script, { reconnectIntervalMs: 1000 });
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      emit({ type: 'service-lost', hresult: 0x80010108, step: 'OpenDataSession' });
      emit({ type: 'service-lost', hresult: 0x80010108, step: 'WriteData' });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ type: 'backend-status', available: false });
      expect(seen[0]?.type === 'backend-status' ? seen[0].message : '').toMatch(
        /stopped answering: OpenDataSession returned 0x80010108 \(RPC_E_DISCONNECTED\)/,
      );
      script.call = { stage: 'context', hresult: 0x80010108, requestId: 0, open: false };
      expect(await code(backend.closeDataSession('x', 's'))).toBe('unavailable');
      await vi.advanceTimersByTimeAsync(1000); // still away: RPC_S_SERVER_UNAVAILABLE
      expect(seen).toHaveLength(1);
      script.start = { hresult: 0, step: '' };
      await vi.advanceTimersByTimeAsync(1000);
      expect(seen).toHaveLength(2);
      expect(seen[1]).toMatchObject({ type: 'backend-status', available: true });
      await backend.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('after an outage, reports the devices that went or came while nobody was subscribed', async () => {
    vi.useFakeTimers();
    try {
      const script: Script = {
        interfaces: { hresult: 0, interfaces: [iface('a', 1), iface('b', 1)] },
        start: { hresult: 0x800706ba, step: 'CoCreateInstance(MbnInterfaceManager)' },
      };
      const { backend, emit } = fakeAddon(script, { reconnectIntervalMs: 1000 });
      await backend.listDevices();
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      emit({ type: 'service-lost', hresult: 0x80010108, step: 'WriteData' });
      // Away: 'a' is unplugged, 'c' plugged in, 'b' locked; no sink hears any of it.
      script.interfaces = { hresult: 0, interfaces: [iface('b', 6), iface('c', 1)] };
      script.start = { hresult: 0, step: '' };
      await vi.advanceTimersByTimeAsync(1000);
      expect(
        seen.map((e) => (e.type === 'backend-status' ? `${e.type} ${e.available}` : e)),
      ).toEqual([
        'backend-status false',
        'backend-status true',
        { type: 'interface-removal', interfaceId: 'a' },
        { type: 'interface-arrival', interfaceId: 'c' },
        {
          type: 'device-update',
          device: expect.objectContaining({ interfaceId: 'b', readyState: 'device-locked' }),
        },
      ]);
      await backend.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('finds out that the service went away while nobody called it, and subscribes again', async () => {
    vi.useFakeTimers();
    try {
      const script: Script = {};
      const { backend } = fakeAddon(script, { heartbeatMs: 10_000, reconnectIntervalMs: 1000 });
      await backend.start();
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen).toEqual([]); // alive: nothing to say
      // The service restarts; no call is made, and no sink will ever fire again.
      script.interfaces = { hresult: 0x80010108, interfaces: [] };
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen.map((e) => (e.type === 'backend-status' ? e.message : e.type))).toEqual([
        expect.stringMatching(/stopped answering: GetInterfaces returned 0x80010108/),
      ]);
      script.interfaces = { hresult: 0, interfaces: [] };
      await vi.advanceTimersByTimeAsync(1000);
      expect(seen[1]).toMatchObject({ type: 'backend-status', available: true });
      await backend.close();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a call the service never returns from fails in words after the call limit', async () => {
    const { backend } = fakeAddon({}, { callLimitMs: 50 });
    (
      backend as unknown as { client: { openDataSession: () => Promise<never> } }
    ).client.openDataSession = () => new Promise<never>(() => undefined);
    const started = Date.now();
    const failure = await backend.openDataSession('x', 's').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(failure).toBeInstanceOf(BackendError);
    expect((failure as BackendError).code).toBe('unavailable');
    expect((failure as BackendError).message).toMatch(/not returned from this call in 0\.05 s/);
    await backend.close();
  });

  it('close() is bounded: an addon that never settles does not hold the caller', async () => {
    const { backend } = fakeAddon({}, { closeLimitMs: 50 });
    (backend as unknown as { client: { close: () => Promise<never> } }).client.close = () =>
      new Promise<never>(() => undefined);
    const started = Date.now();
    expect(await backend.closeOutcome()).toEqual({ released: false, threadStopped: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('tryCreateNativeBackend', () => {
  it.skipIf(process.platform === 'win32')(
    'says in plain words that there is no MBN service here',
    async () => {
      const saved = process.env.MBN_DIAG_ADDON;
      delete process.env.MBN_DIAG_ADDON;
      try {
        const result = await tryCreateNativeBackend();
        expect(result).toEqual({
          ok: false,
          reason: `The Windows Mobile Broadband service does not exist on ${process.platform}.`,
        });
      } finally {
        if (saved !== undefined) process.env.MBN_DIAG_ADDON = saved;
      }
    },
  );

  it('says the addon is missing when the path given does not exist', async () => {
    const result = await tryCreateNativeBackend({ addonPath: '/nonexistent/mbn_diag.node' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/not built.*nonexistent/);
  });

  it('says the addon is not an addon when the file cannot be loaded', async () => {
    const result = await tryCreateNativeBackend({ addonPath: 'package.json' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/not the mbn-diag addon|could not be loaded/);
  });

  /** A stand-in addon file (a CommonJS module loads like a `.node` one) with this MbnClient body. */
  function withAddon<T>(clientBody: string, run: (path: string) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-addon-'));
    const path = join(dir, 'mbn_diag.cjs');
    writeFileSync(
      path,
      `let closes = 0;
class MbnClient { ${clientBody} }
module.exports = { platformSupported: true, MbnClient, counters: () => ({ closes }) };`,
    );
    return run(path).finally(() => {
      rmSync(dir, { recursive: true, force: true });
    });
  }

  it('gives up on an MBN service that never answers, closes the client, and says so', async () => {
    await withAddon(
      `constructor() { this.closed = false; }
       start() { return new Promise(() => undefined); }
       close() { closes++; this.closed = true; return Promise.resolve({ released: true, threadStopped: false }); }`,
      async (path) => {
        const started = Date.now();
        const result = await tryCreateNativeBackend({ addonPath: path, probeLimitMs: 100 });
        expect(Date.now() - started).toBeLessThan(2000);
        expect(result.ok ? '' : result.reason).toMatch(
          /did not answer within 0\.1 s \(subscribing to it and listing its interfaces\)/,
        );
        // The same module instance the backend loaded (Node's require cache, not vitest's).
        const { counters } = createRequire(path)(path) as { counters: () => { closes: number } };
        expect(counters().closes).toBe(1);
      },
    );
  });

  it('reports an addon whose client cannot be made, instead of rejecting', async () => {
    await withAddon(
      `constructor() { throw new Error('cannot create the COM thread'); }`,
      async (path) => {
        const result = await tryCreateNativeBackend({ addonPath: path });
        expect(result.ok ? '' : result.reason).toMatch(
          /could not start: cannot create the COM thread/,
        );
      },
    );
  });
});
