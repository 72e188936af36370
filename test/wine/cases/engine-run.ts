/** The real engine (tracker + journal) on the native backend, for cases that read the journal. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MbnBackend } from '../../../electron/backends/contract.js';
import { systemClock } from '../../../electron/core/clock.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';

export function engineOn(backend: MbnBackend): {
  engine: DiagnosticsEngine;
  records: JournalRecord[];
} {
  const engine = new DiagnosticsEngine({
    backend,
    clock: systemClock,
    journalDir: mkdtempSync(join(tmpdir(), 'mbn-wine-')),
    backendReason: 'wine case',
    app: { name: 'mbn-diag-wine', version: '0' },
    timeoutMs: 5000,
  });
  const records: JournalRecord[] = [];
  engine.onRecord((r) => records.push(r));
  return { engine, records };
}
