/**
 * `mbn-diag close|open <device> <service>`: send the request, wait for its completion, print the
 * outcome and exit with a code a script can act on.
 */
import type { Command } from 'commander';
import { isBackendError } from '../../backends/contract.js';
import { decodeHresult, parseHresult, type DecodedHresult } from '../../../shared/hresult.js';
import type { RequestOp } from '../../../shared/model.js';
import type { RequestOutcome } from '../../../shared/request/outcome.js';
import type { RequestStory } from '../../../shared/request/story.js';
import {
  OP_WORDS,
  OUTCOME_WORDS,
  cliOutcome,
  outcomeDetails,
  type CliOutcome,
} from '../../../shared/request/words.js';
import { DEFAULT_TIMEOUT_MS } from '../../engine/diagnostics-engine.js';
import type { BackendJson, GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { parseMs } from '../parse.js';
import { pickDevice, pickService } from '../pick.js';
import { safe, safeJson } from '../terminal-text.js';
import { showWaiting } from '../waiting.js';

interface SessionResultJson {
  interfaceId: string;
  serviceId: string;
  serviceName: string;
  op: RequestOp;
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
  /** The shared outcome word, finer than `outcome` (for example `abandoned`, `late`). */
  state: RequestOutcome;
  precondition: string | null;
  journal: string;
  /** The shared sentences for the outcome, as the app's services panel shows them. */
  details: string[];
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
      .option('--timeout <ms>', 'how long to wait for the completion', String(DEFAULT_TIMEOUT_MS))
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

function toJson(story: RequestStory, journal: string): Omit<SessionResultJson, 'backend'> {
  const call = decoded(story.callHresult);
  const status = decoded(story.status);
  return {
    interfaceId: story.interfaceId,
    serviceId: story.serviceId,
    serviceName: story.serviceName,
    op: story.op,
    requestId: story.requestId,
    hresult: call?.hex ?? '',
    hresultName: call?.name ?? '',
    hresultMeaning: call?.meaning ?? '',
    completion: status
      ? {
          status: status.hex,
          statusName: status.name,
          statusMeaning: status.meaning,
          latencyMs: story.latencyMs,
          late: story.outcome === 'late',
        }
      : null,
    outcome: cliOutcome(story),
    state: story.outcome,
    precondition: story.precondition,
    journal,
    details: outcomeDetails(story),
  };
}

function decoded(hex: string | null): DecodedHresult | undefined {
  const value = hex === null ? undefined : parseHresult(hex);
  return value === undefined ? undefined : decodeHresult(value);
}

function toText(r: SessionResultJson): string {
  const lines = [`${OP_WORDS[r.op]} data session — ${safe(r.serviceName)} (${safe(r.serviceId)})`];
  if (r.hresult)
    lines.push(`  Call returned: ${r.hresultName} (${r.hresult}) — ${r.hresultMeaning}`);
  if (r.requestId !== null) lines.push(`  Request ID:    ${r.requestId}`);
  if (r.completion) {
    lines.push(
      `  Completion:    ${r.completion.statusName} (${r.completion.status}) — ${r.completion.statusMeaning}`,
    );
    if (r.completion.latencyMs !== null)
      lines.push(`  Latency:       ${r.completion.latencyMs} ms`);
  }
  lines.push(`  Outcome:       ${OUTCOME_WORDS[r.state].label}. ${safe(r.details.join(' '))}`);
  return lines.join('\n');
}
