/**
 * A line on stderr while a stopped command still tidies up (closes a command session it opened):
 * without it, the terminal stays silent for up to 3 s after Ctrl+C, and the technician presses it
 * again or thinks the command hung. On a terminal it is drawn as the waiting line is (waiting.ts),
 * in place, and cleared when the tidying ends, so the one line the stop prints replaces it; piped
 * or redirected, it is a plain line, kept, so a log shows why the exit took its time.
 */
import { clearInPlace, drawInPlace } from './line-in-place.js';

export interface StopNote {
  clear: () => void;
}

export function showStopNote(text: string, err: NodeJS.WriteStream = process.stderr): StopNote {
  if (!err.isTTY) {
    err.write(`mbn-diag: ${text}\n`);
    return { clear: () => undefined };
  }
  drawInPlace(err, text);
  return { clear: () => clearInPlace(err) };
}
