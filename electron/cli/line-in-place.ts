/**
 * One line of stderr redrawn where it stands on a terminal (carriage return, then erase the line):
 * how the CLI shows what it is waiting on or doing (waiting.ts, stop-note.ts, the export's
 * progress) without scrolling, and leaves nothing behind once it is done.
 */
const ERASE_LINE = '\r\x1b[K';

/** Where the line is drawn: stderr, or a test's stand-in for it. */
export interface LineOut {
  write(text: string): unknown;
}

export function drawInPlace(err: LineOut, text: string): void {
  err.write(`${ERASE_LINE}${text}`);
}

export function clearInPlace(err: LineOut): void {
  err.write(ERASE_LINE);
}
