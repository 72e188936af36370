/**
 * One request from the command line, as `open`, `close`, `commands`, `query` and `set` all run
 * it: send, show the wait on a terminal, and describe the outcome the same way (JSON fields, text
 * lines, exit code), so a script reads every command's result alike.
 */
import { isBackendError } from '../backends/contract.js';
import type { DiagnosticsEngine, SendInput } from '../engine/diagnostics-engine.js';
import { decodeHresult, parseHresult, type DecodedHresult } from '../../shared/hresult.js';
import type { RequestRef } from '../../shared/journal/record.js';
import type { RequestOp } from '../../shared/model.js';
import type { RequestOutcome } from '../../shared/request/outcome.js';
import { nextStep, overdueThenClosedStep, type NextStep } from '../../shared/request/next-steps.js';
import type { RequestStory } from '../../shared/request/story.js';
import { formatDuration } from '../../shared/time.js';
import {
  OUTCOME_WORDS,
  backendGaveReason,
  cliOutcome,
  outcomeDetails,
  requestName,
  type CliOutcome,
} from '../../shared/request/words.js';
import { CliError, EXIT } from './exit-codes.js';
import { safe } from './terminal-text.js';
import { Interrupted, Stopped, signalName, watchInterrupt } from './interrupt.js';
import { showWaiting, type Waiting } from './waiting.js';

export interface RequestResultJson {
  interfaceId: string;
  serviceId: string;
  serviceName: string;
  op: RequestOp;
  requestId: number | null;
  hresult: string;
  hresultName: string;
  /** What the code means for any call (hresultMeaning is kept even when the backend said why). */
  hresultMeaning: string;
  /**
   * The backend's own reason for refusing the call, when it gave one (the MBIM backend's, sent
   * nowhere): the text line shows it in place of the code's meaning for any call.
   */
  backendReason: string | null;
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
  /**
   * What to try next, from the table the services panel and the HTML report read (null when
   * nothing went wrong, or when the command stopped waiting first): at a terminal as much as in
   * the window, the technician's next move.
   */
  nextStep: NextStep | null;
}

/** A backend's refusal (unknown service, a command refused before sending) in words, exit 2. */
export function asCliError(error: unknown): never {
  if (isBackendError(error)) throw new CliError(error.message);
  throw error;
}

/**
 * Sends one request and waits until it has ended or become overdue. A refusal before anything
 * was sent becomes a CliError (exit 2); the wait is drawn on a terminal unless `quiet`. Ctrl+C
 * stops the wait with a Stopped error that says which request was left waiting (exit 130), so the
 * caller's clean-up still closes the engine and ends the journal run.
 */
export async function sendAndWait(
  engine: DiagnosticsEngine,
  op: RequestOp,
  target: { interfaceId: string; serviceId: string },
  input: SendInput,
  display: { quiet: boolean; timeoutMs: number },
): Promise<RequestStory> {
  const interrupt = watchInterrupt();
  let requestId: number | null = null;
  let ref: RequestRef | undefined;
  let waiting: Waiting | undefined;
  try {
    const sent = await Promise.race([
      engine.send(op, target.interfaceId, target.serviceId, input).catch(asCliError),
      interrupt.heard,
    ]);
    requestId = sent.request.requestId;
    ref = sent.ref;
    waiting = display.quiet ? undefined : showWaiting(op, sent.request, display.timeoutMs);
    return await Promise.race([engine.waitForOutcome(sent.ref), interrupt.heard]);
  } catch (error) {
    if (error instanceof Interrupted)
      throw new Stopped(leftWaiting(op, requestId, error), error.exitCode, ref);
    throw error;
  } finally {
    waiting?.stop();
    interrupt.off();
  }
}

/**
 * The newest request ID this run's requests were given, the one still waiting when the command
 * was stopped included: what the simulator's world saves as the last one sent (simulator-world.ts).
 */
export function lastRequestId(engine: DiagnosticsEngine): number | null {
  const ids = engine.latestRequests().flatMap((story) => story.requestId ?? []);
  return ids.length === 0 ? null : Math.max(...ids);
}

/** The request named as every view names it (`Close #1004`, `Open command session #1002`). */
function leftWaiting(op: RequestOp, requestId: number | null, by: Interrupted): string {
  const what = requestName({ op, requestId });
  return `Stopped by ${signalName(by)} while waiting for the completion of ${what}: the request is left waiting, and its completion, if it comes, is not watched any more.`;
}

export function requestJson(story: RequestStory, journal: string): RequestResultJson {
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
    backendReason: backendGaveReason(story) ? story.errorMessage : null,
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
    details: timedOut(story)
      ? [TIMED_OUT_WORDS, ...outcomeDetails(story).slice(1)]
      : outcomeDetails(story),
    // Not the window's advice for a request still in flight ("keep waiting a little"): a command
    // that has exited waits for nothing, and its journal ends the request as abandoned.
    nextStep: timedOut(story)
      ? overdueThenClosedStep(story.op)
      : cliOutcome(story) === 'timed-out'
        ? null
        : (nextStep(story) ?? null),
  };
}

/**
 * What an overdue request's outcome means once the command stops: the window's words ("it may
 * still come, it is then marked late") told a technician of something the exiting command never
 * does.
 */
const TIMED_OUT_WORDS =
  'No completion within the timeout. This command ends here: a completion that comes later is not recorded.';

function timedOut(story: RequestStory): boolean {
  return story.outcome === 'overdue';
}

function decoded(hex: string | null): DecodedHresult | undefined {
  const value = hex === null ? undefined : parseHresult(hex);
  return value === undefined ? undefined : decodeHresult(value);
}

/**
 * What a command's result says of the device it ran on: its name as every view gives it
 * (shared/device-name.ts), so a transcript reads beside a report or a screenshot.
 */
export interface OnDeviceJson {
  deviceName: string;
}

/** The line under a command's title that names the device (escaped: the model is the device's). */
export function deviceNameLine(r: OnDeviceJson): string {
  return `  Device:        ${safe(r.deviceName)}`;
}

/** The indented lines under a command's title: call, request ID, completion, latency, outcome. */
export function requestLines(r: RequestResultJson): string[] {
  const lines: string[] = [];
  if (r.hresult)
    lines.push(
      `  Call returned: ${r.hresultName} (${r.hresult})${r.backendReason === null ? ` — ${r.hresultMeaning}` : ''}`,
    );
  if (r.requestId !== null) lines.push(`  Request ID:    ${r.requestId}`);
  if (r.completion) {
    lines.push(
      `  Completion:    ${r.completion.statusName} (${r.completion.status}) — ${r.completion.statusMeaning}`,
    );
    if (r.completion.latencyMs !== null)
      lines.push(`  Latency:       ${latencyText(r.completion.latencyMs)}`);
  }
  lines.push(`  Outcome:       ${OUTCOME_WORDS[r.state].label}. ${safe(r.details.join(' '))}`);
  if (r.nextStep) lines.push(`  What to try:   ${safe(`${r.nextStep.cause} ${r.nextStep.check}`)}`);
  return lines;
}

/** "30.0 s (30012.418 ms)": as every view writes it, and exactly for a support engineer. */
function latencyText(ms: number): string {
  const shown = formatDuration(ms);
  const exact = `${String(ms)} ms`;
  return shown === exact ? shown : `${shown} (${exact})`;
}

/**
 * 0 completed, 3 no completion in time, 1 anything else (refused at once, failed, abandoned).
 * Ctrl+C while waiting does not get here: it leaves as a CliError with EXIT.interrupted.
 */
export function exitCodeFor(outcome: CliOutcome): number {
  return outcome === 'completed' ? EXIT.ok : outcome === 'timed-out' ? EXIT.timedOut : EXIT.failed;
}
