/**
 * How many matches `mbn-diag search` prints, and what it says when it printed fewer than it
 * found: the limit's reading, its help and its note, oldest first and newest first.
 */
import { formatCount } from '../../shared/format-count.js';
import { CliError } from './exit-codes.js';
import { safe } from './terminal-text.js';

export interface ShownLimit {
  count: number;
  /** Given as --limit (else the default). */
  asked: boolean;
  newestFirst: boolean;
}

const TERMINAL_LIMIT = 1000;
/**
 * Newest first, the matches printed are held until the search has read the log's end (only then
 * is the newest known): a bound on them is a bound on its memory.
 */
const NEWEST_FIRST_MOST = 50_000;

/**
 * How many matches are printed: `--limit`, else 1000 on a terminal (a screenful is read, more
 * scrolls away) and every one piped or redirected, as grep writes them: `--json > hits.jsonl` got
 * 1,000 objects, exit 0, and a script its data cut without knowing. Newest first, 1000 unless
 * --limit says more (NEWEST_FIRST_MOST at most), piped or not.
 */
export function shownAtMost(asked: string | undefined, newestFirst: boolean): ShownLimit {
  if (asked === undefined)
    return {
      count: process.stdout.isTTY || newestFirst ? TERMINAL_LIMIT : Number.MAX_SAFE_INTEGER,
      asked: false,
      newestFirst,
    };
  const count = Number(asked);
  if (asked.trim() === '' || !Number.isInteger(count) || count < 0)
    throw new CliError(`--limit must be a whole number, not "${safe(asked)}"`);
  if (newestFirst && count > NEWEST_FIRST_MOST)
    throw new CliError(
      `--newest-first holds the matches it prints until the search reaches the log's end: --limit ${formatCount(NEWEST_FIRST_MOST)} at most, not ${safe(asked)}`,
    );
  return { count, asked: true, newestFirst };
}

export const LIMIT_HELP = `
Times in --since and --until are UTC unless a zone is written, as the matches
print them: --since "2026-01-06 13:00" --until "2026-01-06 18:00" is that
afternoon in UTC; --since "2026-01-06 13:00 +01:00" reads it in UTC+01:00.

Matches printed: at most 1000 on a terminal unless --limit says otherwise;
piped or redirected, every match is written (--limit caps it). With
--newest-first, the newest 1000 unless --limit says otherwise (50000 at most),
printed once the whole log is searched. When a limit cuts them short, stderr
says so. Exit 0 with matches, 1 with none, 2 for bad input or a run of
--all-runs that could not be searched, 130 for Ctrl+C. In a pipe, writing waits
for the reader; a reader that has gone (| head) is noticed at the next write,
and the search then stops quietly.`;

/** Said on stderr when fewer matches were printed than found: the limit, and how to see more. */
export function cutNote(delivered: number, limit: ShownLimit): string {
  const which = limit.newestFirst ? 'newest' : 'first';
  // "Only the first 1 match was printed" read oddly: one match is no "first".
  const first =
    delivered === 1
      ? `Only ${limit.newestFirst ? 'the newest match was' : '1 match was'} printed`
      : `Only the ${which} ${formatCount(delivered)} matches were printed`;
  if (limit.asked) return `${first} (--limit ${String(limit.count)}).`;
  return limit.newestFirst
    ? `${first}: --limit <n> prints more (up to ${formatCount(NEWEST_FIRST_MOST)}).`
    : `${first}: at most ${formatCount(TERMINAL_LIMIT)} on a terminal; --limit <n> prints more, and piped or redirected every match is written.`;
}
