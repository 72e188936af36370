/**
 * While `close`/`open` waits for a completion, a terminal shows that it is waiting: which
 * request, for how long, and until when, updated in place on stderr. A lost completion otherwise
 * looks like a hung command for the whole timeout. Nothing is written when stderr is not a
 * terminal (piped, redirected, a script) or with --json.
 */
import type { RequestOp } from '../../shared/model.js';
import { hasEnded } from '../../shared/request/outcome.js';
import type { RequestStory } from '../../shared/request/story.js';
import { requestName } from '../../shared/request/words.js';
import { clearInPlace, drawInPlace } from './line-in-place.js';

const REFRESH_MS = 100;

export interface Waiting {
  stop: () => void;
}

export function showWaiting(
  op: RequestOp,
  request: RequestStory,
  timeoutMs: number,
  err: NodeJS.WriteStream = process.stderr,
): Waiting | undefined {
  // Refused at once, or already complete: there is nothing to wait for.
  if (!err.isTTY || hasEnded(request.outcome)) return undefined;
  const started = Date.now();
  const name = requestName({ op, requestId: request.requestId });
  const draw = (): void => {
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    drawInPlace(
      err,
      `waiting for the completion of ${name}: ${elapsed} s of ${(timeoutMs / 1000).toFixed(1)} s`,
    );
  };
  draw();
  const timer = setInterval(draw, REFRESH_MS);
  return {
    stop: () => {
      clearInterval(timer);
      clearInPlace(err);
    },
  };
}
