/**
 * What a whole-log search says besides its matches, in the window and the CLI alike: a damaged
 * line has no record to match, so a count of matches that kept quiet about them would read as
 * "nothing else there" to an engineer who searched a log with a cut-off or garbled stretch.
 */
import { TOKEN_PATTERN } from './identifiers.js';
import { formatBytes } from './format-bytes.js';
import { formatCount } from './format-count.js';
export function damagedLinesNote(count: number): string {
  if (count === 0) return '';
  return `${damagedLines(count)} could not be read, so ${count === 1 ? 'it was' : 'they were'} not searched.`;
}

/** "1 damaged line", "2 damaged lines": lines of a log no record could be read from, as a search and an export count them. */
export function damagedLines(count: number): string {
  return `${formatCount(count)} damaged ${count === 1 ? 'line' : 'lines'}`;
}

/**
 * A search by MBN request ID finds the call's return and its completion, never its sending: the ID
 * is given when the call returns, and the record of its sending (the time it left) holds only the
 * request's reference. Said with that reference, so the technician finds the whole story.
 */
export function sentByRefNote(requestId: number, ref: string): string {
  return `Request #${String(requestId)} was given its number when its call returned, so the entry of its sending is not among these: search for ${ref} to see it too.`;
}

/**
 * The same, of a request ID matched in several runs: each run numbers its requests afresh, so
 * they are different requests, and no one ref finds their sending (a review found none said).
 */
export function sentInRunsNote(requestId: number, runs: number): string {
  return `Request #${String(requestId)} is in ${formatCount(runs)} runs, each numbering its requests afresh: different requests. Each was given its number when its call returned, so the entries of their sending are not among these: search a run for the ref its match shows to see it.`;
}

/**
 * A search for a service the log has no record of: said as such, with the services it has, so a
 * technician who typed "diag" for a log that calls it "Sierra diagnostics stream" sees why
 * nothing matched rather than read "0 matches" as "no failures there".
 */
export function serviceNotInLogNote(asked: string, services: readonly string[]): string {
  const listed = services.length > 0 ? ` Its services: ${services.join(', ')}.` : '';
  return `No service in the log is named or numbered “${asked.trim()}”.${listed}`;
}

/**
 * A search for words that found none. Words are looked for in each entry as it was logged (its
 * names, codes, statuses and messages: what a saved log holds), not in the sentences the log
 * shows for it: "close accepted", copied from a row, found 0 matches in a log holding 85,000 such
 * rows, and read as "it never happened". Said, with what to look for instead.
 */
export function wordsAsLoggedNote(words: string): string {
  // A token copied from an export or a search's lines (IMEI-1): no log holds it (a review).
  const token = new RegExp(`\\b${TOKEN_PATTERN}\\b`).exec(words)?.[0];
  if (token !== undefined)
    return `“${token}” is a token an export or a search writes in place of an identifier it hides (each numbers its own): the log holds the identifier itself. Search for its digits, if you have them.`;
  return `Words are looked for in the entries as they were logged (names, codes, statuses, messages), not in the sentences the log shows for them: “${words.trim()}” may be one of those. Try a status or code (E_ACCESSDENIED, 0x80070005), a name, or the outcome.`;
}

/** How far a whole-log search has got, as it runs. */
export interface SearchProgressCounts {
  /** Building the log's index first (its first search): no match is known yet. */
  indexing: boolean;
  matches: number;
  doneBytes: number;
  totalBytes: number;
  /**
   * Newest first, once every match is counted: how many of the newest are being taken, from where
   * they begin to the log's end (its bytes before that count as done).
   */
  newest?: number;
}

/** How much of the log a running search has dealt with, in whole percent (its bar's value). */
export function searchPercent(p: Pick<SearchProgressCounts, 'doneBytes' | 'totalBytes'>): number {
  return p.totalBytes > 0 ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 0;
}

/**
 * A running search's progress in words, the window's status line and the CLI's alike. A log's
 * first search builds its index (seconds at ten million events) and says so, so that a
 * technician waiting on it knows the next search of that log is quick.
 */
export function searchProgressWords(
  p: SearchProgressCounts,
  /** Whether the index outlives the search; not a CLI search's temporary copy of a bundle's log. */
  indexKept = true,
): string {
  const percent = searchPercent(p);
  if (p.indexing)
    return `Indexing the log to search it${indexKept ? ' (once per log)' : ''}${
      p.totalBytes > 0 ? ` · ${String(percent)}% of ${formatBytes(p.totalBytes)}` : '…'
    }`;
  // The count is whole: at 100% the first time, the bar was left there while the newest were
  // read again from where they begin, for as long as the first time where they were spread thin.
  if (p.newest !== undefined)
    return `${formatCount(p.matches)} ${p.matches === 1 ? 'match' : 'matches'} · taking the newest ${formatCount(p.newest)} · ${String(percent)}% of ${formatBytes(p.totalBytes)}`;
  return `${formatCount(p.matches)} ${p.matches === 1 ? 'match' : 'matches'} so far · ${String(percent)}% of ${formatBytes(p.totalBytes)} searched`;
}

/**
 * A bundle's log is unpacked before it is searched: once per bundle in the window (the copy lasts
 * while the log is open), each time from the command line (the copy is removed at the end).
 */
export function bundleUnpackingWords(oncePerBundle: boolean): string {
  return `Unpacking the bundle’s log to search it${oncePerBundle ? ' (once per bundle)' : ''}…`;
}
