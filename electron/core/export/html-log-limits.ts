/**
 * How much of the log the HTML report lists (html-log-cap.ts says why, and the words for it).
 * Apart from those words so what describes the report elsewhere (the format list, the bundle's
 * README) says the same numbers.
 */
import { REPORT_LOG_RECORDS } from '../../../shared/report-log-limit.js';

/** Records listed from the log's start: the first TABLE_ROWS as a table, the rest as text. */
export const LOG_RECORDS = REPORT_LOG_RECORDS;
/**
 * Characters of their text at most (about bytes: a log is mostly ASCII): 100,000 everyday
 * records are about 14 MB; a log of long lines stops sooner.
 */
export const LOG_CHARS = 32 << 20;
/** Later records with a problem listed at most, and the characters of their text. */
export const PROBLEM_RECORDS = 50_000;
export const PROBLEM_CHARS = 16 << 20;
