/**
 * How much of the log the HTML report carries, and the words that say so.
 *
 * A week-long kiosk log of ten million records made a 1.3 GB report that Chromium took minutes to
 * open, and nobody reads ten million lines in a browser: the JSON Lines export (the bundle's
 * mbn-diag-log.jsonl) is the whole log. So the report lists the log's first LOG_RECORDS records
 * (fewer when their text passes LOG_CHARS: a log of very long lines), then every later record
 * with a problem, as the log's "Any problem" finds them (a failure on the sixth day must not be
 * left out for being late), up to PROBLEM_RECORDS of them. The summary, the timeline and every
 * figure still count the whole log. Whatever is left out is said at the top of the report and of
 * its log, never left to be noticed.
 */
import { formatCount } from '../../../shared/format-count.js';
import { PROBLEM_RECORD_OUTCOMES } from '../../../shared/request/story.js';
import { rowOutcomeWords } from '../../../shared/request/words.js';
import { formatTimestamp } from '../../../shared/time.js';
import { BUNDLE_FILES } from './bundle-manifest.js';

// The numbers live apart so the bundle's manifest and README can say them without a cycle
// (this file names the bundle's JSON Lines entry).
export { LOG_CHARS, LOG_RECORDS, PROBLEM_CHARS, PROBLEM_RECORDS } from './html-log-limits.js';

/** What the report's log holds of the whole log. */
export interface LogHeld {
  /** Records in the log (the export's). */
  total: number;
  /** Records listed from its start, and the time of the last of them. */
  listed: number;
  listedTo: string | null;
  /** Records with a problem after those, and how many of them are listed. */
  laterProblems: number;
  problemsListed: number;
}

/** Whether some records are not in the report's log. */
function leftOut(held: LogHeld): boolean {
  return held.listed + held.problemsListed < held.total;
}

const WHOLE_LOG = `The JSON Lines export holds every record (in a bundle, ${BUNDLE_FILES.jsonl}).`;

/**
 * The log's "Any problem", said where the report first uses it: its outcomes in the words of the
 * report's Outcome column, taken from the filter's own list (isProblemRecord's). Written out by
 * hand, the sentence missed "Call failed" and "Given up", which the report then listed as problems.
 */
const PROBLEM = `with a problem (what the log\u2019s Any problem filter finds: the outcomes ${PROBLEM_RECORD_OUTCOMES.map((o) => rowOutcomeWords(o, 'as-logged')).join(', ')}; errors; the backend unavailable)`;

/**
 * "This report's log lists the first 100,000 of 1,000,000 records, and the 1,234 later ones with
 * a problem": the summary's words, where records are left out; empty where none are.
 */
export function heldWords(held: LogHeld): string {
  if (!leftOut(held)) return '';
  const later =
    held.laterProblems === 0
      ? '; none of the later ones has a problem'
      : held.problemsListed === held.laterProblems
        ? `, and the ${formatCount(held.laterProblems)} later ones with a problem`
        : `, and the first ${formatCount(held.problemsListed)} of the ${formatCount(held.laterProblems)} later ones with a problem`;
  return `This report\u2019s log lists the first ${formatCount(held.listed)} of ${formatCount(held.total)} records${to(held)}${later}. The figures, the summary and the timeline count all ${formatCount(held.total)}. ${WHOLE_LOG}`;
}

/** " (to 2026-11-23 14:32:05.123 Z)": how far into the log its listed start reaches. */
function to(held: Pick<LogHeld, 'listedTo'>): string {
  return held.listedTo === null ? '' : ` (to ${formatTimestamp(held.listedTo, 'utc')})`;
}

/**
 * Where the log's listed start ends, said there as well: a reader scrolling down to it from the
 * table reads why the records stop.
 */
export function cutWords(
  held: Pick<LogHeld, 'listed' | 'listedTo'>,
  problemsFollow: boolean,
): string {
  return `The log\u2019s first ${formatCount(held.listed)} records${to(held)} end here: the records after them are left out of this report${problemsFollow ? ', but for those with a problem, listed below' : '; none of them has a problem'}. The JSON Lines export holds them all.`;
}

/** The note at the top of the report's log: what is in it, where, and what is not. */
export function logNoteWords(held: LogHeld, tableRows: number, chunkRows: number): string {
  const sections = `in collapsed sections of ${formatCount(chunkRows)} (click to open; they are not printed)`;
  if (!leftOut(held))
    return held.total <= tableRows
      ? `All ${formatCount(held.total)} records are in the table below.`
      : `${formatCount(held.total)} records: the first ${formatCount(tableRows)} are in the table; the rest are below it as text ${sections}. The CSV and JSON Lines exports hold every record as well.`;
  const layout =
    held.listed <= tableRows
      ? 'all in the table below'
      : `the first ${formatCount(tableRows)} in the table below, the rest as text ${sections}`;
  const after = formatCount(held.total - held.listed);
  const problems =
    held.laterProblems === 0
      ? `None of the ${after} records after them has a problem (what the log\u2019s Any problem filter finds).`
      : held.problemsListed === held.laterProblems
        ? `Of the ${after} records after them, the ${formatCount(held.laterProblems)} ${PROBLEM} follow in sections of their own.`
        : `Of the ${after} records after them, ${formatCount(held.laterProblems)} have a problem; the first ${formatCount(held.problemsListed)} of those (what the log\u2019s Any problem filter finds) follow in sections of their own.`;
  return `Not the whole log: this report lists the first ${formatCount(held.listed)} of ${formatCount(held.total)} records${to(held)}, ${layout}. ${problems} ${WHOLE_LOG}`;
}
