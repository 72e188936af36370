/**
 * What `commands`, `query` and `set` do once one runs (see device-commands.ts for the why): the
 * steps around a QUERY or SET, and how the result is printed.
 */
import { parseHex, toHex } from '../../../shared/bytes.js';
import { commandIdByName, commandLabel, commandName } from '../../../shared/commands/names.js';
import type { RequestOp } from '../../../shared/model.js';
import type { RequestStory } from '../../../shared/request/story.js';
import { OP_WORDS, outcomeHeadline } from '../../../shared/request/words.js';
import type { DiagnosticsEngine, SendInput, ServiceView } from '../../engine/diagnostics-engine.js';
import type { BackendJson, GlobalOptions, OpenedBackend } from '../context.js';
import { CliError } from '../exit-codes.js';
import { Stopped } from '../interrupt.js';
import { parseMs } from '../parse.js';
import { Masker, payloadJson, payloadLines, type PayloadJson } from '../payload-text.js';
import { listToPickService } from '../list-to-pick.js';
import {
  asCliError,
  deviceNameLine,
  exitCodeFor,
  lastRequestId,
  requestJson,
  requestLines,
  sendAndWait,
  type OnDeviceJson,
  type RequestResultJson,
} from '../request-result.js';
import { shownInterfaceId } from '../shown-device.js';
import { safe, safeJson } from '../terminal-text.js';
import { closeAfterStop } from './close-on-stop.js';
import { journalLossNote } from '../journal-loss-note.js';

export interface CommonOptions {
  timeout: string;
  json?: boolean;
}

/** What every command here runs on: the engine, the picked service, how to print. */
interface Target {
  engine: DiagnosticsEngine;
  /** What the device is called, as every view calls it. */
  deviceName: string;
  opened: OpenedBackend;
  service: ServiceView;
  timeoutMs: number;
  json: boolean;
  /** --show-ids: identifiers in payloads shown whole. */
  showIds: boolean;
  /** Every request this command made, in order (for the steps and the simulated world). */
  made: RequestStory[];
}

/** One request this command made along the way, in brief. */
interface StepJson {
  op: RequestOp;
  requestId: number | null;
  outcome: RequestResultJson['outcome'];
  state: RequestResultJson['state'];
  /** The shared one-line headline, e.g. `Open command session #7: succeeded in 40 ms`. */
  headline: string;
}

interface CommandsResultJson extends RequestResultJson, OnDeviceJson {
  /** The command IDs the service listed; `null` when it did not answer with a list. */
  commandIds: number[] | null;
  commands: { cid: number; name: string | null; label: string }[] | null;
  backend: BackendJson;
}

interface CommandResultJson extends RequestResultJson, OnDeviceJson {
  /** Which command this was; `op` is the request that decided the outcome (this one, or the open). */
  command: 'query' | 'set';
  commandId: number;
  commandName: string | null;
  commandLabel: string;
  /** Whether the service listed the CID; `null` when its list could not be read. */
  commandListed: boolean | null;
  /** Sent although unlisted, on purpose (--force). */
  forced: boolean;
  sent: PayloadJson;
  /** The QUERY/SET response; `null` when none came (or the command was never sent). */
  response: (PayloadJson & { responseId: number }) | null;
  /**
   * Whether `query`/`set` opened the command session itself (and closed it after), or tried to:
   * when that open did not succeed, it is `op` and the command was not sent.
   */
  openedCommandSession: boolean;
  /** Every request this command made, in order, the QUERY/SET included. */
  steps: StepJson[];
  /** Whether identifiers in `sent`, `response` are masked (no --show-ids). */
  identifiersMasked: boolean;
  /** Whether identifiers were found (and, unless --show-ids, masked) in the hex. */
  identifiersInHex: boolean;
  backend: BackendJson;
}

function step(story: RequestStory): StepJson {
  const json = requestJson(story, '');
  return {
    op: story.op,
    requestId: story.requestId,
    outcome: json.outcome,
    state: json.state,
    headline: outcomeHeadline(story),
  };
}

/** Opens the engine, picks the device and service, runs `body`, and always closes. */
async function onService(
  global: GlobalOptions,
  deviceQuery: string,
  serviceQuery: string,
  options: CommonOptions,
  body: (target: Target) => Promise<void>,
): Promise<void> {
  const timeoutMs = parseMs(options.timeout, '--timeout', 1);
  // Loaded when the command runs, so that --help and --version start fast.
  const { announceBackend, openBackend, openEngine, pickNamingBackend } =
    await import('../context.js');
  const opened = await openBackend(global, true);
  const engine = openEngine(opened, global, timeoutMs);
  const made: RequestStory[] = [];
  // Set inside the pick: an object, as a closure's assignment is not seen by the flow analysis.
  const progress = { listed: false };
  try {
    const { name, service } = await pickNamingBackend(opened.info, options.json === true, () =>
      listToPickService(
        engine,
        deviceQuery,
        serviceQuery,
        { showIds: global.showIds, acts: true },
        () => (progress.listed = true),
      ),
    );
    if (options.json !== true) announceBackend(opened.info);
    await body({
      engine,
      deviceName: name,
      opened,
      service,
      timeoutMs,
      json: options.json === true,
      showIds: global.showIds,
      made,
    });
  } finally {
    // Stopped (Ctrl+C) or refused while listing: nothing was sent, the world is as it was, and
    // listing again to save it would keep a technician waiting on the backend just left.
    // The request waiting when stopped included (it is not among `made`).
    if (progress.listed) await opened.world?.save(opened.backend, lastRequestId(engine));
    await engine.close();
    process.stderr.write(journalLossNote(engine.journal));
  }
}

async function run(target: Target, op: RequestOp, input: SendInput = {}): Promise<RequestStory> {
  const story = await sendAndWait(target.engine, op, target.service, input, {
    quiet: target.json,
    timeoutMs: target.timeoutMs,
  });
  target.made.push(story);
  return story;
}

export async function listCommands(
  global: GlobalOptions,
  deviceQuery: string,
  serviceQuery: string,
  options: CommonOptions,
): Promise<void> {
  await onService(global, deviceQuery, serviceQuery, options, async (target) => {
    const story = await run(target, 'supported-commands');
    const ids = story.commandIds;
    const result: CommandsResultJson = {
      ...requestJson(story, target.engine.journal.runDir),
      interfaceId: shownInterfaceId(story.interfaceId, target.showIds),
      deviceName: target.deviceName,
      commandIds: ids,
      commands:
        ids?.map((cid) => ({
          cid,
          name: commandName(target.service.serviceId, cid) ?? null,
          label: commandLabel(target.service.serviceId, cid),
        })) ?? null,
      backend: target.opened.info,
    };
    process.stdout.write(target.json ? `${safeJson(result, 2)}\n` : `${commandsText(result)}\n`);
    process.exitCode = exitCodeFor(result.outcome);
  });
}

export async function sendCommand(
  global: GlobalOptions,
  op: 'query' | 'set',
  deviceQuery: string,
  serviceQuery: string,
  cidText: string,
  options: CommonOptions & { data?: string; force?: boolean },
): Promise<void> {
  const data = parseData(options.data);
  await onService(global, deviceQuery, serviceQuery, options, async (target) => {
    const commandId = parseCid(cidText, target.service.serviceId);
    const result = await runCommand(target, op, commandId, data, options.force === true);
    process.stdout.write(target.json ? `${safeJson(result, 2)}\n` : `${commandText(result)}\n`);
    process.exitCode = exitCodeFor(result.outcome);
  });
}

function parseData(text: string | undefined): Uint8Array {
  if (text === undefined) return new Uint8Array();
  // `--data "$VALUE"` with the variable unset sent an empty SET, exit 0 (a technician's review):
  // no bytes are asked for by leaving --data out.
  if (text.trim() === '')
    throw new CliError(
      '--data is empty: give the bytes to send in hex, or leave --data out to send none. Nothing was sent.',
    );
  const bytes = parseHex(text);
  if (bytes === undefined)
    throw new CliError(
      `--data must be whole bytes in hex (such as "01000000" or "01 00 00 00"), not "${safe(shortened(text))}". Nothing was sent.`,
    );
  return bytes;
}

function parseCid(text: string, serviceId: string): number {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed)
    ? Number(trimmed)
    : /^0x[0-9a-f]+$/i.test(trimmed)
      ? Number.parseInt(trimmed.slice(2), 16)
      : commandIdByName(serviceId, trimmed);
  if (value === undefined)
    throw new CliError(
      `"${safe(text)}" is not a command ID: give a number (3 or 0x3) or, for a well-known service, a command name such as RADIO_STATE.`,
    );
  if (!Number.isSafeInteger(value) || value > 0xffffffff)
    throw new CliError(`The command ID ${safe(text)} is over 4294967295 (32 bits).`);
  return value;
}

async function runCommand(
  target: Target,
  op: 'query' | 'set',
  commandId: number,
  data: Uint8Array,
  force: boolean,
): Promise<CommandResultJson> {
  const { engine, service } = target;
  const known = (): ServiceView | undefined =>
    engine.knownServices(service.interfaceId).find((s) => s.serviceId === service.serviceId);
  // A fresh process knows no service's list: ask, so that an unlisted CID is caught here.
  if ((known()?.supportedCommands ?? null) === null) await run(target, 'supported-commands');
  const listedIds = known()?.supportedCommands ?? null;
  try {
    engine.checkCommand(service.interfaceId, service.serviceId, { commandId, data, force });
  } catch (error) {
    const unlisted = listedIds !== null && !listedIds.includes(commandId) && !force;
    asCliError(
      unlisted && error instanceof Error
        ? Object.assign(error, { message: error.message.replace(/\.$/, ' (--force).') })
        : error,
    );
  }

  const sessionOpen = known()?.commandSessionState === 'open';
  let decisive: RequestStory | undefined;
  let command: RequestStory | undefined;
  try {
    if (!sessionOpen) {
      const opening = await run(target, 'open-command-session');
      if (requestJson(opening, '').outcome !== 'completed') decisive = opening;
    }
    if (decisive === undefined) {
      command = await run(target, op, { commandId, data, force });
      decisive = command;
    }
  } catch (error) {
    // Stopped by Ctrl+C: what this command opened (or was opening) is closed all the same.
    if (error instanceof Stopped && !sessionOpen)
      throw await closeAfterStop(error, {
        engine,
        service,
        state: () => known()?.commandSessionState ?? 'unknown',
        made: target.made,
        timeoutMs: target.timeoutMs,
        quiet: target.json,
      });
    throw error;
  }
  if (!sessionOpen && known()?.commandSessionState === 'open')
    await run(target, 'close-command-session');

  const masker = new Masker(target.showIds);
  const where = { serviceId: service.serviceId, commandId };
  const response = command?.response ?? null;
  return {
    ...requestJson(decisive, engine.journal.runDir),
    interfaceId: shownInterfaceId(decisive.interfaceId, target.showIds),
    deviceName: target.deviceName,
    command: op,
    commandId,
    commandName: commandName(service.serviceId, commandId) ?? null,
    commandLabel: commandLabel(service.serviceId, commandId),
    commandListed:
      command?.commandListed ?? (listedIds === null ? null : listedIds.includes(commandId)),
    forced: force,
    sent: payloadJson(
      masker,
      { ...where, role: op === 'query' ? 'query-request' : 'set-request' },
      { hex: toHex(data), byteLength: data.length },
    ),
    response:
      response === null
        ? null
        : {
            responseId: response.responseId,
            ...payloadJson(
              masker,
              { ...where, role: 'response' },
              { hex: response.data, byteLength: response.byteLength },
            ),
          },
    openedCommandSession: !sessionOpen,
    steps: target.made.map(step),
    identifiersMasked: !target.showIds,
    identifiersInHex: masker.foundInHex,
    backend: target.opened.info,
  };
}

function commandsText(r: CommandsResultJson): string {
  const lines = [
    `${OP_WORDS[r.op]} — ${safe(r.serviceName)} (${safe(r.serviceId)})`,
    deviceNameLine(r),
    ...requestLines(r),
  ];
  if (r.commands !== null) {
    lines.push(`  Commands:      ${r.commands.length} listed`);
    for (const command of r.commands) lines.push(`    ${safe(command.label)}`);
  }
  return lines.join('\n');
}

function commandText(r: CommandResultJson): string {
  const what = `${OP_WORDS[r.command]} ${safe(r.commandLabel)}`;
  const lines = [`${what} — ${safe(r.serviceName)} (${safe(r.serviceId)})`, deviceNameLine(r)];
  const at = r.steps.findIndex((s) => s.op === 'query' || s.op === 'set');
  const before = at === -1 ? r.steps : r.steps.slice(0, at);
  const after = at === -1 ? [] : r.steps.slice(at + 1);
  for (const [index, s] of before.entries())
    lines.push(`  ${index === 0 ? 'Before:' : '       '}        ${safe(s.headline)}`);
  const sent = r.op === 'query' || r.op === 'set';
  if (r.openedCommandSession && sent)
    lines.push(
      '                 (the command session was not open: this command opened it, and closes it after)',
    );
  if (r.commandListed === false) lines.push('  Listed:        NO — sent anyway (--force)');
  if (r.commandListed === null)
    lines.push("  Listed:        unknown — the service's supported commands could not be read");
  if (!sent)
    lines.push(
      `  Not sent:      the command session could not be opened, so ${safe(r.commandLabel)} was not sent. The open:`,
    );
  lines.push(...requestLines(r));
  lines.push(
    `  ${sent ? 'Sent:      ' : 'Not sent:  '}    ${r.sent.byteLength === 0 ? 'no bytes' : bytesWords(r.sent.byteLength)}`,
  );
  lines.push(...payloadLines(r.sent, '    '));
  if (r.response !== null) {
    lines.push(
      `  Response:      ${bytesWords(r.response.byteLength)}, response ID ${r.response.responseId}`,
    );
    lines.push(...payloadLines(r.response, '    '));
  }
  for (const [index, s] of after.entries())
    lines.push(`  ${index === 0 ? 'After: ' : '       '}        ${safe(s.headline)}`);
  if (r.identifiersMasked && hasIdentifiers(r))
    lines.push('  (identifiers masked; --show-ids shows them whole)');
  return lines.join('\n');
}

function hasIdentifiers(r: CommandResultJson): boolean {
  const personal = (p: PayloadJson | null): boolean =>
    p?.decoded?.fields.some((f) => f.personal !== undefined) === true;
  return r.identifiersInHex || personal(r.sent) || personal(r.response);
}

/** "1 byte", "4 bytes" (it said "Sent: 1 bytes"). */
function bytesWords(n: number): string {
  return `${String(n)} ${n === 1 ? 'byte' : 'bytes'}`;
}

/**
 * What of an unreadable --data is quoted back: a review's 120,001 characters were printed whole
 * in the error, scrolling the terminal away.
 */
function shortened(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 80)}… (${String(text.length)} characters)`;
}
