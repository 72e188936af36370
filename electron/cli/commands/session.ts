/**
 * `mbn-diag close|open <device> <service>`: send the request, wait for its completion, print the
 * outcome and exit with a code a script can act on.
 */
import type { Command } from 'commander';
import { OP_WORDS } from '../../../shared/request/words.js';
import { DEFAULT_TIMEOUT_MS } from '../../engine/request-timeout.js';
import type { BackendJson, GlobalOptions } from '../context.js';
import { parseMs } from '../parse.js';
import { listToPickService } from '../list-to-pick.js';
import {
  exitCodeFor,
  lastRequestId,
  requestJson,
  deviceNameLine,
  requestLines,
  sendAndWait,
  type OnDeviceJson,
  type RequestResultJson,
} from '../request-result.js';
import { shownInterfaceId } from '../shown-device.js';
import { safe, safeJson } from '../terminal-text.js';
import { journalLossNote } from '../journal-loss-note.js';

interface SessionResultJson extends RequestResultJson, OnDeviceJson {
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
          const timeoutMs = parseMs(options.timeout, '--timeout', 1);
          const global = globals();
          // Loaded when the command runs, so that --help and --version start fast.
          const { announceBackend, openBackend, openEngine, pickNamingBackend } =
            await import('../context.js');
          const opened = await openBackend(global, true);
          const engine = openEngine(opened, global, timeoutMs);
          // Set inside the pick: an object, as the flow analysis does not see a closure's
          // assignment.
          const progress = { listed: false };
          try {
            const { name, service } = await pickNamingBackend(
              opened.info,
              options.json === true,
              () =>
                listToPickService(
                  engine,
                  deviceQuery,
                  serviceQuery,
                  { showIds: global.showIds, acts: true },
                  () => (progress.listed = true),
                ),
            );
            if (!options.json) announceBackend(opened.info);
            const view = await sendAndWait(
              engine,
              op,
              service,
              {},
              { quiet: options.json === true, timeoutMs },
            );
            const result: SessionResultJson = {
              ...requestJson(view, engine.journal.runDir),
              interfaceId: shownInterfaceId(view.interfaceId, global.showIds),
              deviceName: name,
              backend: opened.info,
            };
            process.stdout.write(options.json ? `${safeJson(result, 2)}\n` : `${toText(result)}\n`);
            process.exitCode = exitCodeFor(result.outcome);
          } finally {
            // Saved however the command ends, Ctrl+C while it waited included: saved on the way
            // out of a completed request only, the next command sent the stopped one's request
            // ID again, and two requests in the journals had one ID. Not when stopped while
            // listing: nothing was sent, and listing again would keep the technician waiting.
            if (progress.listed) await opened.world?.save(opened.backend, lastRequestId(engine));
            await engine.close();
            process.stderr.write(journalLossNote(engine.journal));
          }
        },
      );
  }
}

function toText(r: SessionResultJson): string {
  return [
    `${OP_WORDS[r.op]} data session — ${safe(r.serviceName)} (${safe(r.serviceId)})`,
    deviceNameLine(r),
    ...requestLines(r),
  ].join('\n');
}
