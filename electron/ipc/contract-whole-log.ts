/**
 * The contract's channels that reach a whole log (the live one or a saved one) through its index,
 * not the rows in the window's memory: search it, seek to a place in it, and its overview. Apart
 * because they share how a log is named (`logSource`) and a search's query is the contract's
 * largest schema, checked here so the engine gets only values it can trust.
 */
import { z } from 'zod';
import { REQUEST_OUTCOMES } from '../../shared/request/outcome.js';
import { MAX_PAGE, type LogRow } from './contract-log.js';
import { logId } from './contract-saved-logs.js';
import { OVERVIEW_MAX_COLUMNS } from '../../shared/overview-columns.js';
import type { OtherRun, OtherRunsReached } from '../../shared/other-runs-count.js';

const searchId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
/** What a log row's outcome can be (shared/request/story.ts RecordOutcome): the shared words. */
const SEARCH_OUTCOMES = [...REQUEST_OUTCOMES, 'unmatched'] as const;
/** Which log a search or a jump is about: the live session's, or the saved log open by id. */
const logSource = z.union([
  z.object({ log: z.literal('live') }).strict(),
  z.object({ log: z.literal('saved'), logId }).strict(),
]);
/**
 * Every condition must hold; at least one is given (a time range alone is one). Values are checked
 * here, not in the engine.
 */
const searchQuery = z
  .object({
    outcomes: z.array(z.enum(SEARCH_OUTCOMES)).min(1).max(SEARCH_OUTCOMES.length).optional(),
    /** "Any problem": shared isProblemRecord, which outages and errors are too. */
    problems: z.literal(true).optional(),
    kinds: z
      .array(
        z
          .string()
          .min(1)
          .max(64)
          .regex(/^[a-z][a-z-]*$/, 'a record kind such as completion'),
      )
      .min(1)
      .max(32)
      .optional(),
    // Trimmed first: spaces alone are no condition, and asked for every record.
    service: z.string().trim().min(1).max(200).optional(),
    hresult: z
      .string()
      .regex(/^(0[xX])?[0-9a-fA-F]{1,8}$/, 'an HRESULT such as 0x80070005')
      .optional(),
    ref: z
      .string()
      .regex(/^r[1-9][0-9]{0,15}$/, 'a request reference such as r12')
      .optional(),
    requestId: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    text: z.string().min(1).max(200).optional(),
    /**
     * A time range: records whose `time` is at or after `since`, and before `until` (left out).
     * Either alone is a condition too: every record from, or up to, that time.
     */
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((q) => Object.values(q).some((v: unknown) => v !== undefined), 'at least one condition')
  .refine(
    (q) =>
      q.since === undefined || q.until === undefined || Date.parse(q.since) < Date.parse(q.until),
    { message: "the search's start must be before its end", path: ['until'] },
  );

export const searchLogRequest = z
  .object({
    searchId,
    source: logSource,
    query: searchQuery,
    /**
     * The first row searched (numbered as the log numbers them), the rows before it neither read
     * nor counted: the row after the last hit an earlier search of the same query listed, so the
     * technician can go on past the SEARCH_MAX_ROWS it sends. Absent: the log's first row.
     */
    fromRow: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /**
     * The newest matches first (newest-first.ts): the last SEARCH_MAX_ROWS of them, sent once the
     * log is read, the newest first; `beforeRow` then bounds the rows searched from above (the
     * oldest hit an earlier such search listed: Older matches), as `fromRow` bounds them from
     * below oldest first.
     */
    newestFirst: z.literal(true).optional(),
    beforeRow: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .refine((r) => r.newestFirst === undefined || r.fromRow === undefined, {
    message: 'a search newest first goes on below a row (beforeRow), not from one (fromRow)',
    path: ['fromRow'],
  })
  .refine((r) => r.beforeRow === undefined || r.newestFirst === true, {
    message: 'beforeRow bounds a search newest first only',
    path: ['beforeRow'],
  });
export const cancelSearchRequest = z.object({ searchId }).strict();
/**
 * After a search of a saved run of a journal folder, or of the live session: the same query
 * counted in the folder's other runs (a kiosk restarted each night leaves a run a night, and the
 * window shows one), under the search's id, so a new search or its Stop stops the count too.
 */
export const searchOtherRunsRequest = z
  .object({ searchId, source: logSource, query: searchQuery })
  .strict();
export const seekLogRequest = z
  .object({
    source: logSource,
    to: z.union([
      z.object({ end: z.literal(true) }).strict(),
      z.object({ time: z.iso.datetime({ offset: true }) }).strict(),
      z.object({ row: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
    ]),
    limit: z.number().int().min(1).max(MAX_PAGE),
  })
  .strict();
/**
 * The whole log's overview, in bins for a strip `columns` pixels wide: it holds one bin per column
 * at most (log-overview.ts), so the bound on columns bounds the answer too.
 */
export const logOverviewRequest = z
  .object({ source: logSource, columns: z.number().int().min(1).max(OVERVIEW_MAX_COLUMNS) })
  .strict();

export type SearchQueryPayload = z.input<typeof searchQuery>;
export type LogSourcePayload = z.input<typeof logSource>;

interface SearchCounts {
  searchId: number;
  /**
   * Matches found so far (all of them, though at most SEARCH_MAX_ROWS rows are sent), from the
   * row the search started at.
   */
  matches: number;
  /** Bytes of the log dealt with (read, or skipped by the index), of all. */
  doneBytes: number;
  totalBytes: number;
}

export interface SearchProgressEvent extends SearchCounts {
  /**
   * Rows found since the last event, numbered as the log numbers them (seq, or position + 1): a
   * few hundred at most (log-search-jobs.ts HITS_PER_EVENT).
   */
  hits: LogRow[];
  /** Set while a .zip bundle's log is copied out once, before its first search can start. */
  unpacking?: true;
  /** Set while the log's index is built once (bytes indexed of all), before the search reads it. */
  indexing?: true;
  /**
   * Newest first, every match counted (`matches` is all of them): this many of the newest are
   * being taken, the bytes from where they begin to the log's end (newest-first.ts).
   */
  newest?: number;
  /**
   * Set on the events of a count in the other runs (`mbn:search-other-runs`, under the search's
   * id): how many of them it has searched; nothing else of such an event is the search's.
   */
  otherRuns?: OtherRunsReached;
}

export interface SearchDone extends SearchCounts {
  /** Rows sent; fewer than `matches` when there were more than SEARCH_MAX_ROWS. */
  delivered: number;
  /** Lines of the log no record could be read from: not searched (damagedLinesNote says so). */
  damagedLines: number;
  /** Set when the service asked for is none of the log's: what was asked, and those it has. */
  serviceNotInLog?: { asked: string; services: string[] };
  bucketsRead: number;
  bucketsSkipped: number;
  /**
   * The log's first and last record times, epoch ms (a range's export's within its range); null
   * when no record has a time. What the window says beside a time range that matched nothing
   * ("The log’s entries run from … to …"), carried here so it asks nothing more for it: the
   * search passed every bucket of the index, and their times, on its way.
   */
  firstMs: number | null;
  lastMs: number | null;
}

/** Most rows a search sends; the count goes on past it. */
export const SEARCH_MAX_ROWS = 5000;

export interface SeekAnswer {
  rows: LogRow[];
  /** The row asked for (the last, the first at that time, that row); null for an empty log. */
  target: number | null;
  /**
   * A time asked for that the clock showed more than once (set back in between, as a time sync
   * does): each place's first row, in order, `target` the first (IndexedLog.timesAt).
   */
  times?: number[];
  /**
   * A time asked for that a run folder of several does not hold, and another of its runs does:
   * which (its folder's name, place and start), for the window to offer it.
   */
  inRun?: OtherRun & { of: number };
}
