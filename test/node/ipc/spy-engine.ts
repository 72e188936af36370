/** An engine stand-in that counts every call, to prove refused requests never reach it. */
import { vi } from 'vitest';
import type { HostEngine } from '../../../electron/ipc/ipc-host.js';

export function spyEngine() {
  const engine = {
    listDevices: vi.fn(() => Promise.resolve([])),
    listServices: vi.fn(() => Promise.resolve([])),
    knownServices: vi.fn(() => []),
    send: vi.fn(() => Promise.reject(new Error('not in this test'))),
    giveUp: vi.fn(() => {
      throw new Error('not in this test');
    }),
    latestRequests: vi.fn(() => []),
    onRecord: vi.fn(() => () => undefined),
    onRequestChange: vi.fn(() => () => undefined),
    onServiceList: vi.fn(() => () => undefined),
    journal: {
      readPage: vi.fn(() => []),
      flush: vi.fn(),
      onFilesDropped: vi.fn(() => () => undefined),
      firstSeq: 1,
      lastSeq: 0,
      runId: 'run',
      runDir: '/tmp/run',
    },
    backend: {
      describe: vi.fn(() => ({ kind: 'simulator' as const, label: 'sim', reason: '' })),
    },
  };
  const calls = () =>
    engine.listDevices.mock.calls.length +
    engine.listServices.mock.calls.length +
    engine.knownServices.mock.calls.length +
    engine.send.mock.calls.length +
    engine.giveUp.mock.calls.length +
    engine.latestRequests.mock.calls.length +
    engine.journal.readPage.mock.calls.length +
    engine.journal.flush.mock.calls.length;
  return { engine: engine as unknown as HostEngine, spies: engine, calls };
}
