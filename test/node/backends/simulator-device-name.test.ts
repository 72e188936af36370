/**
 * The simulator's refusal of a service a device does not have names the device as every view
 * does (shared/device-name.ts): "Device EM7565 has no device service" did not say which of two.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { scenarioSchema } from '../../../electron/backends/simulator/scenario-schema.js';
import { ManualClock } from '../../../electron/core/clock.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/ui-same-model.json');

describe('a service the simulated device does not have', () => {
  it('is refused in words that name the device as every view does', async () => {
    const scenario = scenarioSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
    const backend = new SimulatorBackend(scenario, { clock: new ManualClock() });
    await expect(
      backend.closeDataSession(
        '{0C9D7E11-2A3B-4C5D-8E9F-A0B1C2D3E4F5}',
        '{00000000-0000-4000-8000-000000000000}',
      ),
    ).rejects.toThrow(/^Device EM7565 \(…E4F5\) has no device service/);
    await backend.close();
  });
});
