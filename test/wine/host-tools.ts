/**
 * Host-side helpers for test/wine/run.mjs (bundled by it with esbuild): scenario files to the
 * fake's configuration.
 */
import { loadScenarioFile } from '../../electron/backends/simulator/scenario-loader.js';
import { toFakeConfig } from './fake-config.js';

export function fakeConfigFor(scenarioPath: string): string {
  return toFakeConfig(loadScenarioFile(scenarioPath));
}
