/**
 * `query` or `set` stopped by Ctrl+C after opening the service's command session itself, or while
 * opening it. Left so, the device keeps a session nobody uses, the one thing these commands
 * promise not to do (they close what they opened), and the next `query` finds it open and leaves
 * it so. It is closed before the command exits (an open still on its way is waited for first),
 * within a bound: a technician who pressed Ctrl+C wants out, so all of it gets at most
 * CLOSE_ON_STOP_MS (or --timeout, when shorter), and a second Ctrl+C skips it at once. The one
 * line the stop prints says which of these it came to.
 */
import type { SessionState } from '../../../shared/model.js';
import type { RequestStory } from '../../../shared/request/story.js';
import { OP_WORDS, outcomeHeadline, requestName } from '../../../shared/request/words.js';
import { formatDuration } from '../../../shared/time.js';
import type { DiagnosticsEngine } from '../../engine/diagnostics-engine.js';
import { Interrupted, Stopped, signalName, watchInterrupt } from '../interrupt.js';
import { showStopNote, type StopNote } from '../stop-note.js';

const CLOSE_ON_STOP_MS = 3_000;
const CLOSE = 'close-command-session';

/** What the command had opened, or was opening, on which service. */
export interface OpenedByCommand {
  engine: DiagnosticsEngine;
  service: { interfaceId: string; serviceId: string };
  /** The command session's state as the engine now knows it. */
  state: () => SessionState;
  /** Every request the command made; the close, once sent, is added. */
  made: RequestStory[];
  timeoutMs: number;
  /** --json: stderr stays quiet but for the one line the stop prints. */
  quiet: boolean;
}

/** `stop`, with a sentence on the command session added when there was one to close. */
export async function closeAfterStop(stop: Stopped, opened: OpenedByCommand): Promise<Stopped> {
  const { engine } = opened;
  const boundMs = Math.min(CLOSE_ON_STOP_MS, opened.timeoutMs);
  const interrupt = watchInterrupt();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'bound'>((resolve) => {
    timer = setTimeout(() => resolve('bound'), boundMs);
  });
  const skipped = interrupt.heard.catch((by: unknown) => by as Interrupted);
  const cut = (why: 'bound' | Interrupted, what: string, left: string): string =>
    why === 'bound'
      ? `The command session this command ${left}: ${what} had no completion within ${formatDuration(boundMs)}.`
      : `A second ${signalName(why)} skipped closing the command session: the session this command ${left} (${what} not waited for).`;
  let sentence: string | undefined;
  let note: StopNote | undefined;
  try {
    // Stopped while the open waited: it may still succeed, and then it is this command's to close.
    const opening = stop.waiting === undefined ? undefined : engine.requestStory(stop.waiting);
    const waitedForOpen = opening?.op === 'open-command-session' && opened.state() === 'opening';
    if (!opened.quiet && (waitedForOpen || opened.state() === 'open'))
      note = showStopNote(closingNote(stop, waitedForOpen, boundMs));
    if (opening && waitedForOpen) {
      const ended = await Promise.race([engine.waitForOutcome(opening.ref), bound, skipped]);
      if (ended === 'bound' || ended instanceof Interrupted)
        sentence = cut(ended, requestName(opening), 'was opening may be left open');
    }
    if (sentence === undefined && opened.state() === 'open') {
      const sent = await Promise.race([
        engine.send(CLOSE, opened.service.interfaceId, opened.service.serviceId),
        bound,
        skipped,
      ]);
      if (sent === 'bound' || sent instanceof Interrupted) {
        sentence = cut(sent, OP_WORDS[CLOSE], 'opened may still be open');
      } else {
        const ended = await Promise.race([engine.waitForOutcome(sent.ref), bound, skipped]);
        const story = engine.requestStory(sent.ref) ?? sent.request;
        opened.made.push(story);
        sentence =
          ended === 'bound' || ended instanceof Interrupted
            ? cut(ended, requestName(story), 'opened may still be open')
            : `The command session this command ${waitedForOpen ? 'was opening opened after all, and' : 'opened'} ${story.outcome === 'succeeded' ? 'was then closed' : 'may still be open'} (${outcomeHeadline(story)}).`;
      }
    }
  } catch (error) {
    sentence = `The command session this command opened could not be closed: ${(error as Error).message}`;
  } finally {
    note?.clear();
    clearTimeout(timer);
    interrupt.off();
  }
  return sentence === undefined ? stop : new Stopped(`${stop.message} ${sentence}`, stop.exitCode);
}

/** Said at once when the close starts, so the wait after Ctrl+C is not silent. */
function closingNote(stop: Stopped, opening: boolean, boundMs: number): string {
  const by = signalName(stop);
  const again = by === 'Ctrl+C' ? 'Ctrl+C again' : 'Ctrl+C';
  return `${by}: closing the command session this command ${opening ? 'was opening' : 'opened'} first (at most ${formatDuration(boundMs)}; ${again} to skip)…`;
}
