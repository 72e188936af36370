/**
 * Host-side helpers for test/wine/run.mjs (bundled by it with esbuild): scenario files to the
 * fake's configuration, and the simulator's half of a conformance run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../electron/core/clock.js';
import { loadScenarioFile } from '../../electron/backends/simulator/scenario-loader.js';
import { SimulatorBackend } from '../../electron/backends/simulator/simulator-backend.js';
import { drive, type Plan } from './conformance/drive.js';
import { toFakeConfig } from './fake-config.js';

export { firstDifference } from './conformance/drive.js';

export function fakeConfigFor(scenarioPath: string): string {
  return toFakeConfig(loadScenarioFile(scenarioPath));
}

export function readPlan(planPath: string): Plan {
  return JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
}

/** The plan against the TypeScript simulator, on this machine; the normalized journal. */
export async function simulatorJournal(
  root: string,
  planPath: string,
): Promise<Record<string, unknown>[]> {
  const plan = readPlan(planPath);
  const backend = new SimulatorBackend(loadScenarioFile(join(root, plan.scenario)), {
    clock: systemClock,
  });
  const dir = mkdtempSync(join(tmpdir(), 'mbn-conformance-'));
  try {
    return await drive(backend, plan, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
