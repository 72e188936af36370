/**
 * One line of stderr redrawn where it stands on a terminal (carriage return, then erase the line):
 * how the CLI shows what it is waiting on or doing (waiting.ts, stop-note.ts, the export's
 * progress) without scrolling, and leaves nothing behind once it is done.
 */
const ERASE_LINE = '\r\x1b[K';

/** Where the line is drawn: stderr, or a test's stand-in for it. */
export interface LineOut {
  write(text: string): unknown;
  /** The terminal's width; 0 or unset where it does not tell (`script` run from a pipe). */
  columns?: number;
}

/** Columns assumed where the terminal does not tell its width. */
const DEFAULT_COLUMNS = 80;

/** The most characters a line drawn in place may have: one fewer than the terminal's width. */
export function lineWidth(err: LineOut): number {
  const columns = err.columns !== undefined && err.columns > 0 ? err.columns : DEFAULT_COLUMNS;
  return Math.max(20, columns - 1);
}

export function drawInPlace(err: LineOut, text: string): void {
  // Kept within the width: a line that wraps is redrawn below itself, not in place.
  err.write(`${ERASE_LINE}${text.slice(0, lineWidth(err))}`);
}

export function clearInPlace(err: LineOut): void {
  err.write(ERASE_LINE);
}

/**
 * A progress line redrawn at most every `redrawMs` (a search or an export reports far more often)
 * unless told to draw at once, and erased only when something is drawn: the search's and the
 * export's lines (search-progress.ts, export-progress.ts) are this, with their own words.
 */
export class ThrottledLine {
  private drawnAt = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly err: LineOut,
    private readonly redrawMs: number,
    private readonly now: () => number,
  ) {}

  /** Whether a draw now would be shown (not within `redrawMs` of the last), so words need making. */
  due(): boolean {
    return this.now() - this.drawnAt >= this.redrawMs;
  }

  draw(text: string): void {
    this.drawnAt = this.now();
    this.shown = true;
    drawInPlace(this.err, text);
  }

  erase(): void {
    if (!this.shown) return;
    clearInPlace(this.err);
    this.shown = false;
  }
}
