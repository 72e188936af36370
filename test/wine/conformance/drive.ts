/**
 * One conformance run: a backend, wrapped in the real DiagnosticsEngine (tracker + journal), driven
 * through a fixed list of steps; the journal it wrote is read back from disk and normalized. The
 * same code runs on Linux against the simulator and in node.exe under Wine against the addon and
 * the fake MBN service, so the two journals can be compared record for record.
 */
import type { MbnBackend } from '../../../electron/backends/contract.js';
import { systemClock } from '../../../electron/core/clock.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { RequestOp } from '../../../shared/model.js';
import { DiagnosticsEngine } from '../../../electron/engine/diagnostics-engine.js';

export type Step =
  | { do: 'list-devices' }
  | { do: 'list-services'; interfaceId: string }
  | {
      do: RequestOp;
      interfaceId: string;
      serviceId: string;
      /** `write`, `query`, `set`: this many bytes of 0x5a (16 for a write, none for a command). */
      bytes?: number;
      /** `query`, `set`: the command ID. */
      commandId?: number;
      /** `query`, `set`: the bytes as hex (instead of `bytes`). */
      data?: string;
      /** `query`, `set`: send it although the service did not list it. */
      force?: boolean;
    }
  | { do: 'wait'; ms: number };

export interface Plan {
  /** Relative to the repository root. */
  scenario: string;
  /** No completion within this long makes a request overdue. */
  timeoutMs: number;
  /** Pause after each request's outcome, so late duplicates and bursts land before the next. */
  settleMs: number;
  steps: Step[];
}

function payload(op: RequestOp, bytes: number | undefined): Uint8Array | undefined {
  if (op === 'write') return new Uint8Array(bytes ?? 16).fill(0x5a);
  if (op === 'query' || op === 'set') return new Uint8Array(bytes ?? 0).fill(0x5a);
  return undefined;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export async function drive(
  backend: MbnBackend,
  plan: Plan,
  journalDir: string,
): Promise<Record<string, unknown>[]> {
  const engine = new DiagnosticsEngine({
    backend,
    clock: systemClock,
    journalDir,
    backendReason: 'conformance run',
    app: { name: 'mbn-diag-conformance', version: '0' },
    timeoutMs: plan.timeoutMs,
  });
  for (const step of plan.steps) {
    switch (step.do) {
      case 'list-devices':
        await engine.listDevices();
        break;
      case 'list-services':
        await engine.listServices(step.interfaceId);
        break;
      case 'wait':
        await sleep(step.ms);
        break;
      default: {
        const sent = await engine.send(step.do, step.interfaceId, step.serviceId, {
          data:
            step.data === undefined
              ? payload(step.do, step.bytes)
              : new Uint8Array(Buffer.from(step.data, 'hex')),
          ...(step.commandId === undefined ? {} : { commandId: step.commandId }),
          ...(step.force === undefined ? {} : { force: step.force }),
        });
        await engine.waitForOutcome(sent.ref);
        await sleep(plan.settleMs);
      }
    }
  }
  await engine.close();
  const { records } = await readAll(engine.journal.runDir);
  return normalize(records as unknown as Record<string, unknown>[]);
}

/**
 * What may differ between backends is dropped: times and sequence numbers, request IDs (each
 * service numbers its own), measured latencies, the run's identity and platform, read-data
 * payloads (random bytes in the simulator, a counter in the fake) and service display names (the
 * MBN API carries no name; the simulator shows the scenario's).
 */
const DROPPED = new Set([
  'v',
  'seq',
  'time',
  'mono',
  'requestId',
  'callMs',
  'latencyMs',
  'preview',
  'serviceName',
]);

export function normalize(records: Record<string, unknown>[]): Record<string, unknown>[] {
  const kept = records
    .filter((r) => r.kind !== 'run-start' && r.kind !== 'backend-status')
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !DROPPED.has(k))
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    );
  // A notification comes on the service's own clock (the scenario's `afterMs`), so where it lands
  // among the requests is timing, not behaviour: notifications are compared after the rest, in
  // one fixed order, so each one and their number must still match.
  const notifications = kept
    .filter((r) => r.kind === 'event-notification')
    .map((r) => JSON.stringify(r))
    .sort()
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  return [...kept.filter((r) => r.kind !== 'event-notification'), ...notifications];
}

/** The first difference between two normalized journals, in words, or undefined. */
export function firstDifference(
  expected: Record<string, unknown>[],
  actual: Record<string, unknown>[],
): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(expected[i] ?? null);
    const b = JSON.stringify(actual[i] ?? null);
    if (a !== b) {
      return `record ${i + 1} of ${expected.length} (simulator) / ${actual.length} (addon):\n  simulator: ${a}\n  addon:     ${b}`;
    }
  }
  return undefined;
}
