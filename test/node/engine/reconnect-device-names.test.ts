/**
 * The words a re-read after an outage writes name each modem as the report, the window and the
 * CLI do (shared/device-name.ts): with two modems of one model, "EM7565" alone would not say which
 * one's session the restart closed, and a modem without a model was named by its bare GUID.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { scenarioSchema } from '../../../electron/backends/simulator/scenario-schema.js';
import { deviceNames } from '../../../shared/device-name.js';
import { simulatedEngine } from '../../support/simulated-engine.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/ui-same-model.json');

describe('re-read words after an outage', () => {
  it('name two modems of one model, and one without a model, as every other view does', async () => {
    const scenario = scenarioSchema.parse({
      ...(JSON.parse(readFileSync(FIXTURE, 'utf8')) as object),
      timeline: [{ action: 'service-outage', atMs: 1000, lastsMs: 500 }],
    });
    const { clock, engine, records } = simulatedEngine(scenario, {
      timeoutMs: 10_000,
      tempPrefix: 'engine-names-',
    });
    const devices = await engine.listDevices();
    for (const d of devices) await engine.listServices(d.interfaceId);
    clock.advance(1500);
    const reread = (): string | undefined =>
      records
        .map((r) => (r.kind === 'backend-status' ? r.message : ''))
        .findLast((m) => m.startsWith('Re-read'));
    await vi.waitFor(() => expect(reread()).toBeDefined());
    const message = reread();
    expect(message).toContain(
      'EM7565 (…8E47) Sierra diagnostics stream data session open → closed',
    );
    expect(message).toContain(
      'EM7565 (…E4F5) Sierra diagnostics stream data session open → closed',
    );
    expect(message).toContain('unknown model (…2B30) Vendor diagnostics stream data session');
    // The same names the window's device list and the report read from the same devices.
    for (const name of deviceNames(devices).values()) expect(message).toContain(name);
    await engine.close();
  });
});
