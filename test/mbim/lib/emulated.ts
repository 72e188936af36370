/** Test helpers: a scenario device served on a pty, and the MBIM backend connected to it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MbimBackend } from '../../../electron/backends/mbim/mbim-backend.js';
import {
  removalTime,
  serveOnPty,
  type ServedDevice,
} from '../../../electron/backends/mbim/emulator/serve.js';
import type { EmulatorOptions } from '../../../electron/backends/mbim/emulator/emulator.js';
import { parseScenario } from '../../../electron/backends/simulator/scenario-loader.js';
import type { Scenario } from '../../../electron/backends/simulator/scenario-schema.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export function loadScenario(relative: string): Scenario {
  const path = join(ROOT, relative);
  return parseScenario(readFileSync(path, 'utf8'), path);
}

export async function serve(
  scenario: Scenario,
  options: EmulatorOptions = {},
  index = 0,
): Promise<ServedDevice> {
  const device = scenario.devices[index];
  if (!device) throw new Error(`scenario ${scenario.name} has no device ${index}`);
  const removeAfterMs = removalTime(scenario, device);
  return serveOnPty(device, {
    seed: scenario.seed,
    ...(removeAfterMs === undefined ? {} : { removeAfterMs }),
    ...options,
  });
}

export function connect(path: string, proxy = false): Promise<MbimBackend> {
  return MbimBackend.connect({ devicePath: path, proxy, queryTimeoutMs: 5000 });
}
