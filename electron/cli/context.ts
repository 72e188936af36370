/**
 * Builds an engine from the CLI's global options: which backend, which scenario and seed, where
 * the journal goes. Each command opens one and closes it before the process exits.
 */
import { systemClock } from '../core/clock.js';
import { isBackendError } from '../backends/contract.js';
import { selectBackend, type BackendChoice } from '../backends/select-backend.js';
import { ScenarioError } from '../backends/simulator/scenario-loader.js';
import { APP_INFO } from '../engine/app-info.js';
import { defaultJournalDir } from '../engine/default-paths.js';
import { DiagnosticsEngine } from '../engine/diagnostics-engine.js';
import { CliError } from './exit-codes.js';

export interface GlobalOptions {
  backend: BackendChoice;
  scenario?: string;
  seed?: number;
  journalDir?: string;
  /** MBIM control device and whether to go through mbim-proxy (--device, --proxy). */
  device?: string;
  proxy?: boolean;
}

export async function openEngine(
  options: GlobalOptions,
  timeoutMs?: number,
): Promise<DiagnosticsEngine> {
  try {
    const selected = await selectBackend({
      choice: options.backend,
      clock: systemClock,
      ...(options.scenario !== undefined ? { scenarioPath: options.scenario } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.device !== undefined ? { mbimDevice: options.device } : {}),
      ...(options.proxy !== undefined ? { mbimProxy: options.proxy } : {}),
    });
    return new DiagnosticsEngine({
      backend: selected.backend,
      clock: systemClock,
      journalDir: options.journalDir ?? defaultJournalDir(),
      backendReason: selected.reason,
      app: APP_INFO,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(error.message);
    if (isBackendError(error)) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
      throw new CliError(
        `The journal directory cannot be written (${code}): ${(error as NodeJS.ErrnoException).path ?? options.journalDir ?? ''}`,
      );
    }
    throw error;
  }
}
