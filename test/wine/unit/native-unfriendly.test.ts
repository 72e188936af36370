/**
 * The native backend when the MBN service is less friendly, with a scripted stand-in for the
 * addon: ready-state noise, the service lost and back, changes made while nobody was subscribed,
 * a call never returned from, and a close that never settles.
 */
import { describe, expect, it, vi } from 'vitest';
import { BackendError } from '../../../electron/backends/contract.js';
import type { BackendEvent } from '../../../shared/model.js';
import { E_PENDING, code, fakeAddon, type Script } from './support/fake-addon.js';

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
      interfaces: {
        hresult: 0,
        interfaces: [iface('a', 0, E_PENDING), iface('b', 1)],
        unreadable: 0,
      },
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
        interfaces: { hresult: 0, interfaces: [iface('a', 1), iface('b', 1)], unreadable: 0 },
        start: { hresult: 0x800706ba, step: 'CoCreateInstance(MbnInterfaceManager)' },
      };
      const { backend, emit } = fakeAddon(script, { reconnectIntervalMs: 1000 });
      await backend.listDevices();
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      emit({ type: 'service-lost', hresult: 0x80010108, step: 'WriteData' });
      // Away: 'a' is unplugged, 'c' plugged in, 'b' locked; no sink hears any of it.
      script.interfaces = { hresult: 0, interfaces: [iface('b', 6), iface('c', 1)], unreadable: 0 };
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

  it('after an outage, does not call a device gone when the listing could not read an ID', async () => {
    vi.useFakeTimers();
    try {
      const script: Script = {
        interfaces: { hresult: 0, interfaces: [iface('a', 1), iface('b', 1)], unreadable: 0 },
        start: { hresult: 0x800706ba, step: 'CoCreateInstance(MbnInterfaceManager)' },
      };
      const { backend, emit } = fakeAddon(script, { reconnectIntervalMs: 1000 });
      await backend.listDevices();
      const seen: BackendEvent[] = [];
      backend.onEvent((e) => seen.push(e));
      emit({ type: 'service-lost', hresult: 0x80010108, step: 'WriteData' });
      // Back, but one interface's get_InterfaceID fails: 'a' may well be that one.
      script.interfaces = { hresult: 0, interfaces: [iface('b', 1)], unreadable: 1 };
      script.start = { hresult: 0, step: '' };
      await vi.advanceTimersByTimeAsync(1000);
      expect(seen.map((e) => e.type)).toEqual(['backend-status', 'backend-status']);
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
      script.interfaces = { hresult: 0x80010108, interfaces: [], unreadable: 0 };
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen.map((e) => (e.type === 'backend-status' ? e.message : e.type))).toEqual([
        expect.stringMatching(/stopped answering: GetInterfaces returned 0x80010108/),
      ]);
      script.interfaces = { hresult: 0, interfaces: [], unreadable: 0 };
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
