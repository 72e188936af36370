/**
 * Picks the backend: the native MBN backend where the addon loads and the MBN service answers,
 * otherwise the scenario simulator, always saying why, so the technician is never left guessing
 * whether what they see is a real modem.
 */
import type { Clock } from '../core/clock.js';
import { BackendError, type MbnBackend } from './contract.js';
import { tryCreateNativeBackend } from './native/index.js';
import {
  loadDefaultScenario,
  loadScenarioFile,
  scenarioLabel,
} from './simulator/scenario-loader.js';
import type { Scenario } from './simulator/scenario-schema.js';
import { SimulatorBackend } from './simulator/simulator-backend.js';

export type BackendChoice = 'auto' | 'simulator' | 'mbn';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'simulator', 'mbn'];

export interface SelectBackendOptions {
  choice: BackendChoice;
  clock: Clock;
  scenarioPath?: string;
  seed?: number;
  addonPath?: string;
  /**
   * Applied to the scenario before the simulator starts: the CLI uses it to carry the simulated
   * world (which data sessions are open, the next request ID) from one command to the next.
   */
  adjustScenario?: (scenario: Scenario) => Scenario;
}

export interface SelectedBackend {
  backend: MbnBackend;
  /** Why this backend, in plain words (shown in the window and the journal). */
  reason: string;
}

export async function selectBackend(options: SelectBackendOptions): Promise<SelectedBackend> {
  if (options.choice !== 'simulator') {
    const native = await tryCreateNativeBackend(
      options.addonPath ? { addonPath: options.addonPath } : {},
    );
    if (native.ok)
      return { backend: native.backend, reason: 'The Windows Mobile Broadband service answered.' };
    if (options.choice === 'mbn')
      throw new BackendError('unavailable', `The MBN backend is not available: ${native.reason}`);
    return {
      backend: createSimulator(options),
      reason: `${native.reason} Using the simulator instead.`,
    };
  }
  return { backend: createSimulator(options), reason: 'The simulator was asked for.' };
}

export function createSimulator(
  options: Pick<SelectBackendOptions, 'clock' | 'scenarioPath' | 'seed' | 'adjustScenario'>,
): SimulatorBackend {
  const loaded = options.scenarioPath
    ? loadScenarioFile(options.scenarioPath)
    : loadDefaultScenario();
  const scenario = options.adjustScenario ? options.adjustScenario(loaded) : loaded;
  return new SimulatorBackend(scenario, {
    clock: options.clock,
    source: options.scenarioPath ? scenarioLabel(options.scenarioPath) : 'built-in default',
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
}
