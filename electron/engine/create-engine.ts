/**
 * Backend selection and engine construction, written once for the three places that start an
 * engine: the Electron main process, the browser preview and the CLI. Each says what the
 * technician chose; the defaults (system clock, per-user journal folder, overdue timeout) live here.
 */
import { systemClock } from '../core/clock.js';
import {
  selectBackend,
  type SelectBackendOptions,
  type SelectedBackend,
} from '../backends/select-backend.js';
import { APP_INFO } from './app-info.js';
import { defaultJournalDir, ownJournalDir } from './default-paths.js';
import { DEFAULT_TIMEOUT_MS, DiagnosticsEngine } from './diagnostics-engine.js';

export interface CreateEngineOptions {
  /** Which backend (and its scenario, seed…), as `selectBackend` takes it. */
  select: Omit<SelectBackendOptions, 'clock'>;
  /** A backend chosen already (tests, the preview's stand-ins), instead of selecting one. */
  selected?: SelectedBackend;
  journalDir?: string;
  timeoutMs?: number;
}

export interface CreatedEngine {
  engine: DiagnosticsEngine;
  /** Why this backend, in plain words: shown in the window and written into the journal. */
  reason: string;
  timeoutMs: number;
}

export async function createEngine(options: CreateEngineOptions): Promise<CreatedEngine> {
  const selected =
    options.selected ?? (await selectBackend({ ...options.select, clock: systemClock }));
  return engineFor(selected, options);
}

/** An engine on a backend already chosen (the CLI opens the backend first, to look or to act). */
export function engineFor(
  selected: SelectedBackend,
  options: Pick<CreateEngineOptions, 'journalDir' | 'timeoutMs'>,
): CreatedEngine {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const journalDir = options.journalDir ?? defaultJournalDir();
  ownJournalDir(journalDir);
  const engine = new DiagnosticsEngine({
    backend: selected.backend,
    clock: systemClock,
    journalDir,
    backendReason: selected.reason,
    app: APP_INFO,
    timeoutMs,
  });
  return { engine, reason: selected.reason, timeoutMs };
}
