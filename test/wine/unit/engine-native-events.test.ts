/**
 * The two events the native backend added (issue 12) as the engine journals them: a device that
 * changed by itself becomes a device-info record (once per real change), and the service going
 * away and coming back become backend-status records in words. The Wine cases `ready` and
 * `disconnect` show the same through the real addon.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendListener, MbnBackend } from '../../../electron/backends/contract.js';
import { systemClock } from '../../../electron/core/clock.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import type { DeviceInfo } from '../../../shared/model.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';

const device: DeviceInfo = {
  interfaceId: 'a',
  manufacturer: 'M',
  model: '',
  firmware: '',
  deviceId: '',
  readyState: 'probing',
};

function stubBackend() {
  let listener: BackendListener = () => undefined;
  const backend: MbnBackend = {
    describe: () => ({ kind: 'mbn', label: 'stub', reason: 'test' }),
    listDevices: () => Promise.resolve([device]),
    listServices: () => Promise.resolve([]),
    openDataSession: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    closeDataSession: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    writeData: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    querySupportedCommands: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    openCommandSession: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    closeCommandSession: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    queryCommand: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    setCommand: () => Promise.resolve({ hresult: 0, requestId: 1 }),
    onEvent: (l) => {
      listener = l;
      return () => undefined;
    },
    close: () => Promise.resolve(),
  };
  return { backend, emit: (e: Parameters<BackendListener>[0]) => listener(e) };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function engineFor(backend: MbnBackend) {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-engine-'));
  dirs.push(dir);
  const engine = new DiagnosticsEngine({
    backend,
    clock: systemClock,
    journalDir: dir,
    backendReason: 'test',
    app: { name: 'test', version: '0' },
  });
  const records: JournalRecord[] = [];
  engine.onRecord((r) => records.push(r));
  return { engine, records };
}

describe('DiagnosticsEngine with the native backend events', () => {
  it('journals a device that became ready by itself, once per change', async () => {
    const { backend, emit } = stubBackend();
    const { engine, records } = engineFor(backend);
    await engine.listDevices();
    const ready = { ...device, model: 'X', readyState: 'initialized' as const };
    emit({ type: 'device-update', device: ready });
    emit({ type: 'device-update', device: ready });
    const states = records.flatMap((r) => (r.kind === 'device-info' ? [r.readyState] : []));
    expect(states).toEqual(['probing', 'initialized']);
    await engine.close();
  });

  it('journals the service going away and coming back, in words', async () => {
    const { backend, emit } = stubBackend();
    const { engine, records } = engineFor(backend);
    emit({ type: 'backend-status', available: false, message: 'gone (RPC_E_DISCONNECTED)' });
    emit({ type: 'backend-status', available: true, message: 'back' });
    const statuses = records.flatMap((r) =>
      r.kind === 'backend-status' ? [{ available: r.available, message: r.message }] : [],
    );
    expect(statuses).toEqual([
      { available: false, message: 'gone (RPC_E_DISCONNECTED)' },
      { available: true, message: 'back' },
    ]);
    await engine.close();
  });

  it('journals read data dropped over the addon budget, between the reads around the gap', async () => {
    const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
    const { backend, emit } = stubBackend();
    const { engine, records } = engineFor(backend);
    const read = { type: 'read-data', interfaceId: 'a', serviceId: 's', data: new Uint8Array(4) };
    emit({ ...read, type: 'read-data' });
    emit({
      ...{ type: 'read-data-dropped', reads: 3, bytes: 12, limitBytes: 32 * 1024 * 1024 },
      services: [{ interfaceId: 'a', serviceId: SMS, reads: 3, bytes: 12 }],
      ...{ lostWithService: 0, lostWithServiceBytes: 0 },
    });
    emit({ ...read, type: 'read-data' });
    const kinds = records.flatMap((r) =>
      r.kind === 'read-data' || r.kind === 'error' ? [r.kind] : [],
    );
    expect(kinds).toEqual(['read-data', 'error', 'read-data']);
    const error = records.find((r) => r.kind === 'error');
    expect(error?.kind === 'error' && error.context).toBe('read-data');
    expect(error?.kind === 'error' && error.message).toMatch(/^3 reads \(12 bytes\) .* 32 MiB/);
    // Whose data has the gap, by the name the window gives the service.
    expect(error?.kind === 'error' && error.message).toContain('dropped here, all of SMS.');
    await engine.close();
  });

  it('journals notifications dropped over their budget, between those around the gap', async () => {
    const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';
    const { backend, emit } = stubBackend();
    const { engine, records } = engineFor(backend);
    const note = { interfaceId: 'a', serviceId: SMS, eventId: 1, data: new Uint8Array(4) };
    emit({ ...note, type: 'event-notification' });
    emit({
      ...{ type: 'event-notifications-dropped', notifications: 2, bytes: 8 },
      limitBytes: 16 * 1024 * 1024,
      services: [{ interfaceId: 'a', serviceId: SMS, notifications: 2, bytes: 8 }],
      ...{ lostWithService: 0, lostWithServiceBytes: 0 },
    });
    emit({ ...note, type: 'event-notification' });
    const kinds = records.flatMap((r) =>
      r.kind === 'event-notification' || r.kind === 'error' ? [r.kind] : [],
    );
    expect(kinds).toEqual(['event-notification', 'error', 'event-notification']);
    const error = records.find((r) => r.kind === 'error');
    expect(error?.kind === 'error' && error.context).toBe('event-notification');
    expect(error?.kind === 'error' && error.message).toMatch(
      /^2 notifications \(8 bytes\) from the device dropped here, all of SMS\. .* 16 MiB/,
    );
    await engine.close();
  });
});
