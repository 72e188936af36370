/**
 * One line of stderr redrawn where it stands on a terminal (carriage return, then erase the line):
 * how the CLI shows what it is waiting on or doing (waiting.ts, stop-note.ts, the export's
 * progress) without scrolling, and leaves nothing behind once it is done.
 */
const ERASE_LINE = '\r\x1b[K';

export function drawInPlace(err: NodeJS.WritableStream, text: string): void {
  err.write(`${ERASE_LINE}${text}`);
}

export function clearInPlace(err: NodeJS.WritableStream): void {
  err.write(ERASE_LINE);
}
