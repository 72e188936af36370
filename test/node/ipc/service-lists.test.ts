/**
 * Main tells the window each service list the engine makes, its re-read after an outage too, on
 * mbn:service-lists, in a frame before the log rows (which then move the sessions on).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { ManualClock } from '../../../electron/core/clock.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';
import type { EventMap, ServiceList } from '../../../electron/ipc/contract.js';
import { IpcHost } from '../../../electron/ipc/ipc-host.js';
import { DEV, restartingModemScenario } from '../../support/scenario-builder.js';

describe('IPC host: service lists', () => {
  it('sends the list a modem came back with, unasked, ahead of the same frame’s log rows', async () => {
    const clock = new ManualClock();
    const engine = new DiagnosticsEngine({
      backend: new SimulatorBackend(restartingModemScenario(), { clock }),
      clock,
      journalDir: mkdtempSync(join(tmpdir(), 'ipc-service-lists-')),
      backendReason: 'test',
      app: { name: 'mbn-diag', version: '0' },
    });
    const host = new IpcHost<string>({
      engine,
      reason: 'test',
      timeoutMs: 10_000,
      app: { name: 'mbn-diag', version: '0' },
      isTrustedSender: (s) => s === 'window',
    });
    const batches: { channel: string; batch: EventMap[keyof EventMap] }[] = [];
    host.subscribe((channel, batch) => batches.push({ channel, batch }));
    await host.invoke('mbn:list-devices', {}, 'window');
    await host.invoke('mbn:list-services', { interfaceId: DEV }, 'window');
    await vi.waitFor(() =>
      expect(batches.some((b) => b.channel === 'mbn:service-lists')).toBe(true),
    );
    batches.length = 0;

    clock.advance(1500); // the outage, and the modem back on other firmware
    await vi.waitFor(() =>
      expect(batches.some((b) => b.channel === 'mbn:service-lists')).toBe(true),
    );
    const lists = batches
      .filter((b) => b.channel === 'mbn:service-lists')
      .flatMap((b) => b.batch as ServiceList[]);
    expect(lists.map((l) => l.services.map((s) => s.name))).toEqual([
      ['Kept', 'New firmware only'],
    ]);
    // The session the re-read found closed is a log row of the same frame, sent after the list
    // (whose states are as listed): the window then moves it on, never back.
    const at = batches.findIndex((b) => b.channel === 'mbn:service-lists');
    const next = batches[at + 1];
    expect(next?.channel).toBe('mbn:log-rows');
    expect(
      (next?.batch as EventMap['mbn:log-rows']).some(
        (r) =>
          r.kind === 'session-state' && r.serviceName === 'Kept' && r.sessionState === 'closed',
      ),
    ).toBe(true);
    host.dispose();
    await engine.close();
  });
});
