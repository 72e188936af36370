/**
 * `query` or `set` stopped by Ctrl+C while the command session it opened itself is open. Left
 * so, the device keeps a session nobody uses, the one thing these commands promise not to do
 * (they close what they opened), and the next `query` finds it open and leaves it so. It is
 * closed before the command exits, within a bound: a technician who pressed Ctrl+C wants out,
 * so the close gets at most CLOSE_ON_STOP_MS (or --timeout, when shorter), and a second Ctrl+C
 * skips it at once. The one line the stop prints says which of these it came to.
 */
import type { RequestStory } from '../../../shared/request/story.js';
import { OP_WORDS, outcomeHeadline } from '../../../shared/request/words.js';
import type { DiagnosticsEngine } from '../../engine/diagnostics-engine.js';
import { formatDuration } from '../../../shared/time.js';
import { Interrupted, Stopped, signalName, watchInterrupt } from '../interrupt.js';

const CLOSE_ON_STOP_MS = 3_000;
const CLOSE = 'close-command-session';

/**
 * Closes the command session on `service` and returns `stop` with a sentence on how that went;
 * the close request, once sent, is added to `made`.
 */
export async function closeAfterStop(
  stop: Stopped,
  engine: DiagnosticsEngine,
  service: { interfaceId: string; serviceId: string },
  made: RequestStory[],
  timeoutMs: number,
): Promise<Stopped> {
  const boundMs = Math.min(CLOSE_ON_STOP_MS, timeoutMs);
  const interrupt = watchInterrupt();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'bound'>((resolve) => {
    timer = setTimeout(() => resolve('bound'), boundMs);
  });
  const skipped = interrupt.heard.catch((by: unknown) => by as Interrupted);
  let sentence: string;
  try {
    const sent = await Promise.race([
      engine.send(CLOSE, service.interfaceId, service.serviceId),
      bound,
      skipped,
    ]);
    if (sent === 'bound' || sent instanceof Interrupted) {
      sentence = notClosed(sent, boundMs, OP_WORDS[CLOSE]);
    } else {
      const ended = await Promise.race([engine.waitForOutcome(sent.ref), bound, skipped]);
      const story = engine.requestStory(sent.ref) ?? sent.request;
      made.push(story);
      const what = `${OP_WORDS[CLOSE]}${story.requestId === null ? '' : ` #${story.requestId}`}`;
      sentence =
        ended === 'bound' || ended instanceof Interrupted
          ? notClosed(ended, boundMs, what)
          : settled(story);
    }
  } catch (error) {
    sentence = `The command session this command opened could not be closed: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
    interrupt.off();
  }
  return new Stopped(`${stop.message} ${sentence}`, stop.exitCode);
}

/** The close ended, or the engine's timeout (--timeout, when shorter) made it overdue. */
function settled(story: RequestStory): string {
  return story.outcome === 'succeeded'
    ? `The command session this command opened was then closed (${outcomeHeadline(story)}).`
    : `The command session this command opened may still be open (${outcomeHeadline(story)}).`;
}

function notClosed(why: 'bound' | Interrupted, boundMs: number, what: string): string {
  return why === 'bound'
    ? `The command session this command opened may still be open: ${what} had no completion within ${formatDuration(boundMs)}.`
    : `A second ${signalName(why)} skipped closing the command session this command opened: it may still be open (${what} not waited for).`;
}
