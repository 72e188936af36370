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
import { dssSessionFileIn } from '../backends/mbim/dss-session-file.js';
import { APP_INFO } from './app-info.js';
import { defaultJournalDir, ownJournalDir } from './default-paths.js';
import { DiagnosticsEngine } from './diagnostics-engine.js';
import { DEFAULT_TIMEOUT_MS } from './request-timeout.js';

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
  // An MBIM modem's DSS session IDs kept beside the journals, as the CLI keeps them: a session
  // the window opened outlives a restart of the app (the MBIM session is left open while one is
  // held), and its close must go out under the ID its open took, not the modem's list order,
  // which a modem taking one session at a time refuses for its second service. The CLI and the
  // window on the same journal folder see the same IDs.
  const select = {
    mbimDssSessionFile: dssSessionFileIn(options.journalDir ?? defaultJournalDir()),
    ...options.select,
    clock: systemClock,
  };
  const selected = options.selected ?? (await selectBackend(select));
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
