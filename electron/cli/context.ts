/**
 * Opens what a command runs on, from the CLI's global options. Commands that only look (devices,
 * services) get the backend alone and record nothing; commands that act or watch (close, open,
 * watch) get an engine, which starts a journal run. Either way the command says which backend it
 * is on, so a technician never acts on simulated hardware without knowing.
 */
import { systemClock } from '../core/clock.js';
import { isBackendError, type BackendKind, type MbnBackend } from '../backends/contract.js';
import { JournalDirError } from '../core/journal-files.js';
import { ConnectStopped } from '../backends/connect-stopped.js';
import type { BackendChoice } from '../backends/backend-choice.js';
import { selectBackend, type SelectedBackend } from '../backends/select-backend.js';
import { ScenarioError } from '../backends/simulator/scenario-loader.js';
import { engineFor } from '../engine/create-engine.js';
import { defaultJournalDir } from '../engine/default-paths.js';
import type { DiagnosticsEngine } from '../engine/diagnostics-engine.js';
import { CliError } from './exit-codes.js';
import { Interrupted, Stopped, signalName, watchInterrupt } from './interrupt.js';
import { SimulatorWorld } from './simulator-world.js';
import { dssSessionFileIn } from '../backends/mbim/dss-session-file.js';
import { safe } from './terminal-text.js';

export interface GlobalOptions {
  backend: BackendChoice;
  scenario?: string;
  seed?: number;
  journalDir?: string;
  /** Show device IDs (IMEI) in full; masked by default, as in the app. */
  showIds: boolean;
  /** Start the simulator from the scenario, not from where earlier commands left it. */
  resetSimulator: boolean;
  /** MBIM control device and whether to go through mbim-proxy (--device, --proxy). */
  device?: string;
  proxy?: boolean;
}

/** The `backend` field of every command's JSON. */
export interface BackendJson {
  kind: BackendKind;
  /** Which MBN service, or which scenario. */
  label: string;
  /** Why this backend was chosen. */
  reason: string;
  /** Simulator only: when the simulated sessions come from an earlier command, since when. */
  simulatedStateSince?: string;
}

export interface OpenedBackend {
  backend: MbnBackend;
  info: BackendJson;
  /** The simulated world carried between commands; undefined on the real MBN backend. */
  world: SimulatorWorld | undefined;
}

/**
 * `acts`: the command sends requests once the backend is open, so a stop here is said to come
 * before anything was sent (as list-to-pick.ts says it).
 */
export async function openBackend(options: GlobalOptions, acts = false): Promise<OpenedBackend> {
  const journalDir = options.journalDir ?? defaultJournalDir();
  const world = SimulatorWorld.inJournalDir(journalDir, options.resetSimulator, options.seed);
  // A modem that never answers OPEN keeps the command waiting up to 30 s: Ctrl+C stops it.
  const stopper = new AbortController();
  const interrupt = watchInterrupt();
  const selection = selectBackend({
    choice: options.backend,
    clock: systemClock,
    adjustScenario: world.adjust,
    mbimDssSessionFile: dssSessionFileIn(journalDir),
    signal: stopper.signal,
    ...(options.scenario !== undefined ? { scenarioPath: options.scenario } : {}),
    // No `seed` here: the world puts it in the scenario (SimulatorWorld.adjust), --seed's or the
    // one the world goes on with, and a seed given here would override that.
    ...(options.device !== undefined ? { mbimDevice: options.device } : {}),
    ...(options.proxy !== undefined ? { mbimProxy: options.proxy } : {}),
  });
  try {
    const selected = await Promise.race([selection, interrupt.heard]);
    const description = selected.backend.describe();
    const simulated = description.kind === 'simulator';
    const since = simulated ? world.carriedSince : undefined;
    return {
      backend: selected.backend,
      info: {
        kind: description.kind,
        label: description.label,
        reason: selected.reason,
        ...(since !== undefined ? { simulatedStateSince: since } : {}),
      },
      world: simulated ? world : undefined,
    };
  } catch (error) {
    if (error instanceof Interrupted) {
      stopper.abort();
      throw await stoppedWhileOpening(error, selection, acts);
    }
    if (error instanceof ScenarioError) throw new CliError(error.message);
    if (isBackendError(error)) throw new CliError(error.message);
    throw error;
  } finally {
    interrupt.off();
  }
}

/**
 * The one line for a stop while the backend was being chosen, once what was under way has ended:
 * an MBIM connect ends at once, having closed the device file it opened; a backend chosen all the
 * same is closed. A second Ctrl+C meanwhile ends the process the default way (interrupt.ts).
 */
async function stoppedWhileOpening(
  by: Interrupted,
  selection: Promise<SelectedBackend>,
  acts: boolean,
): Promise<Stopped> {
  const outcome = await selection.then(
    (selected) => selected.backend.close().then(() => undefined),
    (error: unknown) => error,
  );
  const doing =
    outcome instanceof ConnectStopped ? `waiting for ${outcome.waitingFor}` : 'opening the backend';
  const before = acts ? ', before anything was sent' : '';
  return new Stopped(`Stopped by ${signalName(by)} while ${doing}${before}.`, by.exitCode);
}

/** An engine on an opened backend: this starts a journal run. */
export function openEngine(
  opened: OpenedBackend,
  options: GlobalOptions,
  timeoutMs?: number,
): DiagnosticsEngine {
  try {
    return engineFor(
      { backend: opened.backend, reason: opened.info.reason },
      {
        ...(options.journalDir !== undefined ? { journalDir: options.journalDir } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      },
    ).engine;
  } catch (error) {
    void opened.backend.close();
    if (error instanceof JournalDirError) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
      throw new CliError(
        `The journal directory cannot be written (${code}): ${(error as NodeJS.ErrnoException).path ?? options.journalDir ?? ''}`,
      );
    }
    throw error;
  }
}

/**
 * The line on stderr that says where the command runs. Text output only: with --json the same
 * facts are in the `backend` field, and stderr stays quiet for scripts.
 */
/**
 * Runs `pick` (finding the device and service a technician named); when it fails, says first
 * where the command runs: a name that matched none listed the simulator's modems as if real, the
 * SIMULATOR line not said (it comes once a device is picked, just before the first request).
 */
export async function pickNamingBackend<T>(
  info: BackendJson,
  json: boolean,
  pick: () => Promise<T>,
): Promise<T> {
  try {
    return await pick();
  } catch (error) {
    if (!json && error instanceof CliError && !(error instanceof Stopped)) announceBackend(info);
    throw error;
  }
}

export function announceBackend(info: BackendJson): void {
  const line =
    info.kind === 'simulator'
      ? `SIMULATOR, no real modem is used. ${info.label}. ${info.reason}${
          info.simulatedStateSince !== undefined
            ? ` Data sessions as earlier commands left them (since ${info.simulatedStateSince}); --reset-simulator starts afresh.`
            : ''
        }`
      : `backend: ${info.label}. ${info.reason}`;
  process.stderr.write(`mbn-diag: ${safe(line)}\n`);
}
