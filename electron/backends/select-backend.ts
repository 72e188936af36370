/**
 * Picks the backend: the native MBN backend where the addon loads and the MBN service answers,
 * otherwise the scenario simulator, always saying why, so the technician is never left guessing
 * whether what they see is a real modem.
 */
import type { Clock } from '../core/clock.js';
import type { BackendChoice } from './backend-choice.js';
import { ConnectStopped } from './connect-stopped.js';
import { BackendError, type MbnBackend } from './contract.js';
import { findMbimDevices, modemManagerOrProxyRunning } from './mbim/find-devices.js';
import { MbimBackend } from './mbim/mbim-backend.js';
import { tryCreateNativeBackend } from './native/index.js';
import {
  loadDefaultScenario,
  loadScenarioFile,
  scenarioLabel,
} from './simulator/scenario-loader.js';
import type { Scenario } from './simulator/scenario-schema.js';
import { SimulatorBackend } from './simulator/simulator-backend.js';

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
  /** MBIM control device (`--device`); else MBN_DIAG_MBIM_DEVICE; else the one auto finds. */
  mbimDevice?: string;
  /** Through mbim-proxy (`--proxy`); else MBN_DIAG_MBIM_PROXY=1. */
  mbimProxy?: boolean;
  /**
   * Where an MBIM modem's held DSS session IDs are kept between commands and app runs (a session
   * one opens outlives the process; mbim/dss-session-ids.ts): beside the journals.
   */
  mbimDssSessionFile?: string;
  /** Where MBN_DIAG_MBIM_* are read from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /**
   * How long `auto` lets a found MBIM modem take to answer OPEN before it falls back to the
   * simulator (default 10 s, the native MBN probe's limit). `--backend mbim` waits as mbimcli
   * does (30 s): there the technician asked for that modem, and one still starting up answers late.
   */
  autoOpenLimitMs?: number;
  /**
   * Stops a wait for an MBIM modem (the CLI's Ctrl+C): the connect rejects with ConnectStopped,
   * which `auto` passes on rather than falling back to the simulator.
   */
  signal?: AbortSignal;
}

const AUTO_OPEN_LIMIT_MS = 10_000;

export interface SelectedBackend {
  backend: MbnBackend;
  /** Why this backend, in plain words (shown in the window and the journal). */
  reason: string;
}

export async function selectBackend(options: SelectBackendOptions): Promise<SelectedBackend> {
  if (options.choice === 'mbim') return selectMbim(options);
  if (options.choice !== 'simulator') {
    const native = await tryCreateNativeBackend(
      options.addonPath ? { addonPath: options.addonPath } : {},
    );
    if (native.ok)
      return { backend: native.backend, reason: 'The Windows Mobile Broadband service answered.' };
    if (options.choice === 'mbn')
      throw new BackendError('unavailable', `The MBN backend is not available: ${native.reason}`);
    const mbim = await tryAutoMbim(options);
    if (mbim?.backend) return { backend: mbim.backend, reason: `${native.reason} ${mbim.reason}` };
    return {
      backend: createSimulator(options),
      reason: `${native.reason}${mbim ? ` ${mbim.reason}` : ''} Using the simulator instead.`,
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

function mbimSettings(options: SelectBackendOptions): { device?: string; proxy?: boolean } {
  const env = options.env ?? process.env;
  const device = options.mbimDevice ?? (env.MBN_DIAG_MBIM_DEVICE || undefined);
  const proxyEnv = env.MBN_DIAG_MBIM_PROXY;
  const proxy =
    options.mbimProxy ?? (proxyEnv === undefined ? undefined : /^(1|true|yes)$/i.test(proxyEnv));
  return { ...(device ? { device } : {}), ...(proxy === undefined ? {} : { proxy }) };
}

/** `--backend mbim`: the given device, or the only one found; refused in words otherwise. */
async function selectMbim(options: SelectBackendOptions): Promise<SelectedBackend> {
  const settings = mbimSettings(options);
  let device = settings.device;
  let why = 'The MBIM backend was asked for';
  if (!device) {
    const found = process.platform === 'linux' ? findMbimDevices() : [];
    if (found.length === 0)
      throw new BackendError(
        'unavailable',
        'No MBIM control device was found (/dev/cdc-wdm* with the cdc_mbim driver, /dev/wwan*mbim*); name one with --device.',
      );
    device = found[0] ?? '';
    why += `; ${device} was found${found.length > 1 ? ` (of ${found.join(', ')}; choose with --device)` : ''}`;
  }
  // Opened directly while ModemManager (or an mbim-proxy) holds the device, both would read the
  // same answers and MBIM OPEN and CLOSE would go under its feet: through the proxy unless told.
  const shared =
    settings.proxy === undefined && process.platform === 'linux' && modemManagerOrProxyRunning();
  const proxy = settings.proxy ?? shared;
  const reason = `${why}${proxy ? `, shared through mbim-proxy${shared ? ' (ModemManager or mbim-proxy is running; --no-proxy opens it directly)' : ''}` : ''}.`;
  const backend = await MbimBackend.connect(
    { devicePath: device, proxy, reason, ...dssSessionFile(options) },
    options.signal,
  );
  return { backend, reason };
}

/**
 * `auto` on Linux: an MBIM device when one is present (through mbim-proxy when ModemManager runs).
 * A device that is present but cannot be used gives the reason, and auto falls back to the
 * simulator saying so, rather than leaving the technician with no window at all.
 */
async function tryAutoMbim(
  options: SelectBackendOptions,
): Promise<{ backend?: MbimBackend; reason: string } | undefined> {
  if (process.platform !== 'linux') return undefined;
  const settings = mbimSettings(options);
  const found = settings.device ? [settings.device] : findMbimDevices();
  const device = found[0];
  if (device === undefined) return undefined;
  const shared = modemManagerOrProxyRunning();
  const proxy = settings.proxy ?? shared;
  const reason = `Using the MBIM modem at ${device}${proxy ? ` through mbim-proxy${shared ? ' (ModemManager or mbim-proxy is running)' : ''}` : ''}${found.length > 1 ? `; others: ${found.slice(1).join(', ')}` : ''}.`;
  try {
    const openTimeoutMs = options.autoOpenLimitMs ?? AUTO_OPEN_LIMIT_MS;
    return {
      backend: await MbimBackend.connect(
        { devicePath: device, proxy, reason, openTimeoutMs, ...dssSessionFile(options) },
        options.signal,
      ),
      reason,
    };
  } catch (error) {
    if (error instanceof ConnectStopped) throw error;
    return { reason: `${(error as Error).message}.` };
  }
}

function dssSessionFile(options: SelectBackendOptions): { dssSessionFile?: string } {
  return options.mbimDssSessionFile !== undefined
    ? { dssSessionFile: options.mbimDssSessionFile }
    : {};
}
