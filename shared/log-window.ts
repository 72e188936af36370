/**
 * Most rows the window holds of a log, live or saved: the newest. Past it the oldest are dropped
 * (still in the journal, paged back or jumped to); of a larger saved log main sends only the
 * newest this many after the first page, not every row to be dropped.
 */
export const WINDOW_ROWS = 250_000;

/**
 * Most records one page of a log may hold, as a window asks main for them (the contract's bound
 * on every page and seek); the renderer pages in steps of this.
 */
export const MAX_PAGE = 2000;

/**
 * Damaged lines a saved log's page lists at most, by line and words: main cuts the list here, and
 * the window's banner says so when a list reaches it.
 */
export const LISTED_PROBLEMS = 50;

/**
 * What the window calls a log's entries it does not hold (a saved log larger than it: those
 * between its first page, the rows a jump or a line in the log brought in, and its newest),
 * wherever it says so: the timeline's hatching and legend, the saved log's banner, the log's own
 * lines between its rows. One word, so what one view says the others are recognised to say too.
 */
export const NOT_LOADED = 'not loaded';
/** What they are once a line in the log has brought them in (said to a screen reader). */
export const LOADED = 'loaded';
/** Where those entries are: nothing is lost, they are a click away. */
export const STILL_IN_FILE = 'still in the file';
/** Where the live log's are: the run's journal, a click away as long as it keeps them. */
export const STILL_IN_JOURNAL = 'still in the journal';
