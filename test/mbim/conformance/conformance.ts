/**
 * The MBIM half of conformance: the same plan format and driver as the simulator and the addon
 * under Wine (test/wine/conformance/drive.ts), run once on the simulator and once on the MBIM
 * backend against the emulator serving the same scenario, directly or through mbim-proxy.
 *
 * Beyond what drive.ts already drops (times, request IDs, latencies, names), comparing the two
 * drops what MBIM cannot carry or names differently, each for a stated reason:
 * - `mbim-message` records: the raw bytes exist only on MBIM (they are checked by tshark instead);
 * - the interface ID: the scenario's GUID on the simulator, the device path on MBIM;
 * - `sessionOpenBefore`, `precondition` and the `session-state` records: MBIM cannot ask a modem
 *   whether a DSS session is open, so the MBIM backend starts from "unknown" where the simulator
 *   knows from its scenario, and every state derived from it differs in the same way. (The
 *   completions those states are derived from are compared.)
 * - `event-notification` records are compared on their own (`notifications()`), in order, rather
 *   than in place: the simulator's notifications run from its start, the emulator's from MBIM OPEN,
 *   so where they fall among the requests differs by a few milliseconds of set-up.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../electron/core/clock.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { SimulatorBackend } from '../../../electron/backends/simulator/simulator-backend.js';
import { drive, type Plan } from '../../wine/conformance/drive.js';
import type { Scenario } from '../../../electron/backends/simulator/scenario-schema.js';
import { connect, loadScenario, serve } from '../lib/emulated.js';

export interface Run {
  /** Normalized by drive.ts. */
  journal: Record<string, unknown>[];
  /** Every record as written, for exports. */
  records: Record<string, unknown>[];
  runDir: string;
}

async function finish(journalDir: string, journal: Record<string, unknown>[]): Promise<Run> {
  const runs = readdirSync(journalDir);
  const runDir = join(journalDir, runs[0] ?? '');
  const { records } = await readAll(runDir);
  return { journal, records: records as unknown as Record<string, unknown>[], runDir };
}

export async function runOnSimulator(plan: Plan): Promise<Run> {
  const scenario = loadScenario(plan.scenario);
  const dir = mkdtempSync(join(tmpdir(), 'mbim-conf-sim-'));
  const journal = await drive(new SimulatorBackend(scenario, { clock: systemClock }), plan, dir);
  return finish(dir, journal);
}

/** `scenario`: the plan's, or one a test changed (a command added) for a case of its own. */
export async function runOnMbim(
  plan: Plan,
  proxy: boolean,
  scenario: Scenario = loadScenario(plan.scenario),
): Promise<Run> {
  const served = await serve(scenario);
  try {
    const interfaceId = scenario.devices[0]?.interfaceId ?? '';
    const steps = plan.steps.map((step) =>
      'interfaceId' in step && step.interfaceId === interfaceId
        ? { ...step, interfaceId: served.path }
        : step,
    );
    const dir = mkdtempSync(join(tmpdir(), 'mbim-conf-mbim-'));
    const journal = await drive(await connect(served.path, proxy), { ...plan, steps }, dir);
    return await finish(dir, journal);
  } finally {
    await served.close();
  }
}

const MBIM_ONLY = new Set(['sessionOpenBefore', 'precondition', 'interfaceId']);

export function comparable(journal: Record<string, unknown>[]): Record<string, unknown>[] {
  return journal
    .filter(
      (r) =>
        r.kind !== 'mbim-message' && r.kind !== 'session-state' && r.kind !== 'event-notification',
    )
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !MBIM_ONLY.has(k))));
}

/** The event notifications, in order, without the interface ID (a GUID here, a path there). */
export function notifications(journal: Record<string, unknown>[]): Record<string, unknown>[] {
  return journal
    .filter((r) => r.kind === 'event-notification')
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'interfaceId')));
}
