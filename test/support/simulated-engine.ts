/**
 * What most engine, IPC and export tests start from: the engine on the scenario simulator, both
 * driven by one manual clock, its journal in a fresh temporary folder, and every record it writes
 * kept in `records` as it is written.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../../electron/backends/simulator/scenario-schema.js';
import { SimulatorBackend } from '../../electron/backends/simulator/simulator-backend.js';
import { ManualClock } from '../../electron/core/clock.js';
import { DiagnosticsEngine, type EngineOptions } from '../../electron/engine/diagnostics-engine.js';
import type { JournalRecord } from '../../shared/journal/record.js';

export interface SimulatedEngineOptions extends Pick<EngineOptions, 'timeoutMs' | 'journal'> {
  /** The start of the journal folder's name, which says which test left it. */
  tempPrefix?: string;
}

export function simulatedEngine(scenario: Scenario, options: SimulatedEngineOptions = {}) {
  const { tempPrefix = 'mbn-engine-', ...engineOptions } = options;
  const clock = new ManualClock();
  const backend = new SimulatorBackend(scenario, { clock });
  const engine = new DiagnosticsEngine({
    backend,
    clock,
    journalDir: mkdtempSync(join(tmpdir(), tempPrefix)),
    backendReason: 'test',
    app: { name: 'mbn-diag', version: 'test' },
    ...engineOptions,
  });
  const records: JournalRecord[] = [];
  engine.onRecord((record) => records.push(record));
  return { clock, backend, engine, records };
}
