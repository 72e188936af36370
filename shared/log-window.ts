/**
 * Most rows the window holds of a log, live or saved: the newest. Past it the oldest are dropped
 * (still in the journal, paged back or jumped to); of a larger saved log main sends only the
 * newest this many after the first page, not every row to be dropped.
 */
export const WINDOW_ROWS = 250_000;
