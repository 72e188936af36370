/**
 * Builds an engine from the CLI's global options: which backend, which scenario and seed, where
 * the journal goes. Each command opens one and closes it before the process exits.
 */
import { isBackendError } from '../backends/contract.js';
import type { BackendChoice } from '../backends/select-backend.js';
import { ScenarioError } from '../backends/simulator/scenario-loader.js';
import { createEngine } from '../engine/create-engine.js';
import type { DiagnosticsEngine } from '../engine/diagnostics-engine.js';
import { CliError } from './exit-codes.js';

export interface GlobalOptions {
  backend: BackendChoice;
  scenario?: string;
  seed?: number;
  journalDir?: string;
}

export async function openEngine(
  options: GlobalOptions,
  timeoutMs?: number,
): Promise<DiagnosticsEngine> {
  try {
    const { engine } = await createEngine({
      select: {
        choice: options.backend,
        ...(options.scenario !== undefined ? { scenarioPath: options.scenario } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      },
      ...(options.journalDir !== undefined ? { journalDir: options.journalDir } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    return engine;
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
