/**
 * The native backend's adapter logic on any OS, with a scripted stand-in for the addon
 * (support/fake-addon.ts): how HRESULTs and failing steps become BackendErrors, what
 * ERROR_NOT_SUPPORTED and E_PENDING mean, and that one device removal is reported once although
 * both MBN sinks send it. The addon itself is tested under Wine.
 */
import { describe, expect, it } from 'vitest';
import type { AddonCallResult } from '../../../electron/backends/native/addon-types.js';
import type { BackendEvent } from '../../../shared/model.js';
import {
  E_ACCESSDENIED,
  E_PENDING,
  ERROR_NOT_FOUND,
  ERROR_NOT_SUPPORTED,
  code,
  fakeAddon,
} from './support/fake-addon.js';

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
        unreadable: 0,
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
