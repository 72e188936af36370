/**
 * `mbn-diag close|open <device> <service>`: send the request, wait for its completion, print the
 * outcome and exit with a code a script can act on.
 */
import type { Command } from 'commander';
import { isBackendError } from '../../backends/contract.js';
import type { RequestView } from '../../core/request-view.js';
import type { SessionOp } from '../../core/model.js';
import type { BackendJson, GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { parseMs } from '../parse.js';
import { pickDevice, pickService } from '../pick.js';
import { safe, safeJson } from '../terminal-text.js';
import { showWaiting } from '../waiting.js';

export type CliOutcome = 'completed' | 'failed' | 'rejected' | 'timed-out';

export interface SessionResultJson {
  interfaceId: string;
  serviceId: string;
  serviceName: string;
  op: SessionOp;
  requestId: number | null;
  hresult: string;
  hresultName: string;
  hresultMeaning: string;
  completion: {
    status: string;
    statusName: string;
    statusMeaning: string;
    latencyMs: number | null;
    late: boolean;
  } | null;
  outcome: CliOutcome;
  /** The tracker's own word for it, finer than `outcome` (for example `abandoned`). */
  state: string;
  precondition: string | null;
  journal: string;
  /** Which backend this ran on; `kind: "simulator"` means no real modem was touched. */
  backend: BackendJson;
}

export function registerSessionCommands(program: Command, globals: () => GlobalOptions): void {
  for (const op of ['close', 'open'] as const) {
    program
      .command(op)
      .description(`${op} a device service's data session and wait for the completion`)
      .argument('<device>', 'number in `mbn-diag devices`, interface ID or model')
      .argument('<service>', 'service ID (braces and case optional) or name, as `services` prints')
      .option('--timeout <ms>', 'how long to wait for the completion', '10000')
      .option('--json', 'print one JSON object')
      .action(
        async (
          deviceQuery: string,
          serviceQuery: string,
          options: { timeout: string; json?: boolean },
        ) => {
          const timeoutMs = parseMs(options.timeout, '--timeout');
          const global = globals();
          // Loaded when the command runs, so that --help and --version start fast.
          const { announceBackend, openBackend, openEngine } = await import('../context.js');
          const opened = await openBackend(global);
          const engine = openEngine(opened, global, timeoutMs);
          try {
            const backendError = (error: unknown): never => {
              if (isBackendError(error)) throw new CliError(error.message);
              throw error;
            };
            const device = pickDevice(await engine.listDevices(), deviceQuery);
            const services = await engine.listServices(device.interfaceId).catch(backendError);
            const service = pickService(device, services, serviceQuery);
            if (!options.json) announceBackend(opened.info);
            const sent = await engine
              .send(op, device.interfaceId, service.serviceId)
              .catch(backendError);
            const waiting = options.json ? undefined : showWaiting(op, sent.request, timeoutMs);
            const view = await engine.waitForOutcome(sent.ref).finally(() => waiting?.stop());
            const result: SessionResultJson = {
              ...toJson(view, engine.journal.runDir),
              backend: opened.info,
            };
            await opened.world?.save(opened.backend, view.requestId);
            process.stdout.write(options.json ? `${safeJson(result, 2)}\n` : `${toText(result)}\n`);
            process.exitCode =
              result.outcome === 'completed'
                ? EXIT.ok
                : result.outcome === 'timed-out'
                  ? EXIT.timedOut
                  : EXIT.failed;
          } finally {
            await engine.close();
          }
        },
      );
  }
}

export function outcomeOf(view: RequestView): CliOutcome {
  switch (view.state) {
    case 'succeeded':
      return 'completed';
    case 'rejected':
      return 'rejected';
    case 'overdue':
    case 'pending':
    case 'calling':
      return 'timed-out';
    case 'failed':
    case 'abandoned':
      return 'failed';
  }
}

function toJson(view: RequestView, journal: string): Omit<SessionResultJson, 'backend'> {
  return {
    interfaceId: view.interfaceId,
    serviceId: view.serviceId,
    serviceName: view.serviceName,
    op: view.op,
    requestId: view.requestId,
    hresult: view.hresult?.hex ?? '',
    hresultName: view.hresult?.name ?? '',
    hresultMeaning: view.hresult?.meaning ?? '',
    completion: view.status
      ? {
          status: view.status.hex,
          statusName: view.status.name,
          statusMeaning: view.status.meaning,
          latencyMs: view.latencyMs,
          late: view.late,
        }
      : null,
    outcome: outcomeOf(view),
    state: view.state,
    precondition: view.precondition,
    journal,
  };
}

function toText(r: SessionResultJson): string {
  const lines = [
    `${r.op === 'close' ? 'Close' : 'Open'} data session — ${safe(r.serviceName)} (${safe(r.serviceId)})`,
  ];
  if (r.precondition === 'session-not-open')
    lines.push('  Note: the data session was not open when this was sent.');
  if (r.precondition === 'session-already-open')
    lines.push('  Note: the data session was already open when this was sent.');
  lines.push(`  Call returned: ${r.hresultName} (${r.hresult}) — ${r.hresultMeaning}`);
  if (r.requestId !== null) lines.push(`  Request ID:    ${r.requestId}`);
  if (r.completion) {
    lines.push(
      `  Completion:    ${r.completion.statusName} (${r.completion.status}) — ${r.completion.statusMeaning}`,
    );
    if (r.completion.latencyMs !== null)
      lines.push(`  Latency:       ${r.completion.latencyMs} ms`);
  }
  const verdict: Record<string, string> = {
    completed: 'completed successfully',
    failed:
      r.state === 'abandoned'
        ? 'abandoned: the device was removed before the completion came'
        : 'failed in its completion',
    rejected: 'refused at once; no completion will follow',
    'timed-out': 'no completion within the timeout',
  };
  lines.push(`  Outcome:       ${verdict[r.outcome] ?? r.outcome}`);
  return lines.join('\n');
}
