/**
 * The whole-log search of one log (the live session's, or the saved log's): what the technician
 * asked, the rows found so far with the running count and progress, and how it ended. One store
 * per log source, so a search of a saved log never shows in the live view. Changed only by
 * ./search-actions.ts.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type {
  LogOutcome,
  LogRow,
  OtherRunsCount,
  OtherRunsReached,
  SeekAnswer,
  SearchDone,
  SearchQueryPayload,
} from '../../../electron/ipc/contract';
import type { LogSource } from '../store/log-source';

export interface SearchForm {
  /** One outcome, any problem (as the log's filter offers), or any. */
  outcome: LogOutcome | 'problems' | '';
  service: string;
  hresult: string;
  /** A request reference (r12) or an MBN request ID (1004, #1004). */
  request: string;
  text: string;
  /**
   * The time range, as typed (shared/typed-time.ts, in the zone the log shows): entries at or
   * after From, and before To; either may be left empty. Absent in a form carried from the log's
   * filters, which have no range: a range typed stays.
   */
  since?: string;
  until?: string;
}

const EMPTY_FORM: SearchForm = {
  outcome: '',
  service: '',
  hresult: '',
  request: '',
  text: '',
};

interface SearchState {
  open: boolean;
  form: SearchForm;
  running: { searchId: number; cancelling: boolean } | null;
  /** The rows main sent (SEARCH_MAX_ROWS at most), all of them listed. */
  hits: LogRow[];
  /**
   * Where the search whose hits are listed began: the log's first row, or the row after the last
   * hit of the one before it (Next), with the count of matches that one listed before it, so the
   * list says which of all the matches it holds ("5,001–10,000 of 142,310").
   */
  page: SearchPage;
  matches: number;
  doneBytes: number;
  totalBytes: number;
  /** A bundle's log is being copied out before its first search (main says so). */
  unpacking: boolean;
  /** The log's index is being built once before the search reads it (main says how far). */
  indexing: boolean;
  /** Newest first, every match counted: how many of the newest are being taken (else null). */
  newest: number | null;
  done: SearchDone | null;
  /** Words for a search that could not run, or that the technician stopped. */
  error: string | null;
  /**
   * The form a search was refused for (a box holds no time, no HRESULT…): its problem is said in
   * the zone the log shows now (formProblem), as its boxes' labels are. Kept as words, "From
   * (local): … is not a time" stayed under boxes relabelled "From (UTC)" once Times was UTC.
   */
  refused: SearchForm | null;
  stopped: string | null;
  /** The hit last jumped to, marked in the list. */
  jumpedTo: number | null;
  /** What the panel says of the entry Go to time went to (TimeNote.tsx). */
  timeNote: TimeNote | null;
  /** The form the results answer, as it was when the search ran (null before any). */
  searched: SearchForm | null;
  /**
   * What that search asked main: Next matches asks it again, its range the same moments even
   * when the Times setting has changed since (a typed time is read in the zone shown).
   */
  searchedQuery: SearchQueryPayload | null;
  /**
   * Of a saved run among its journal folder's runs, or of the live session: the search's matches
   * counted in the other runs once it is done (other-runs.ts), for the technician to open the run
   * that holds them.
   */
  otherRuns: OtherRuns | null;
}

/**
 * The count in the other runs of the search `searchId`: running, done, stopped before it was done
 * (Stop, a search of another page or of the live log: main runs one at a time), or why it failed.
 */
type OtherRuns = { searchId: number } & (
  | { counting: true; reached?: OtherRunsReached }
  /** `openFailed`: a run its button could not open (deleted since, damaged), said in its place. */
  | { counting: false; count: OtherRunsCount; openFailed?: { name: string; why: string } }
  /** `asked`: by the technician's Stop (not by another search), whose place Count them takes. */
  | { counting: false; stopped: true; asked?: true }
  | { counting: false; failed: string }
);

/**
 * Go to time found no entry at the time asked (the entry it went to instead: the next one, or the
 * last when the log ends before), or found the time more than once: both times as ISO, so the
 * panel says so in its own zone.
 */
export interface TimeNote {
  asked: string;
  found: string;
  pastEnd: boolean;
  /** The entry gone to (the note is about it only while it is the one selected). */
  seq: number;
  /**
   * Where the clock showed the time asked, in order (SeekAnswer.times), when it did more than once:
   * it was set back in between, and `seq` is one of them.
   */
  times: number[];
  /** Of a run of several, the run that holds the time asked, when it is another (SeekAnswer.inRun). */
  inRun?: SeekAnswer['inRun'];
}

export interface SearchPage {
  /**
   * The first row searched (null: the log's first); newest first, the row the search went on
   * below (null: the log's last).
   */
  fromRow: number | null;
  /** Matches listed by the searches before this one (older ones; newest first, newer ones). */
  before: number;
  /** The newest matches first, the list running down from the newest (newest-first.ts). */
  newestFirst?: true;
}

/** A search of the whole log, from its first row. */
export const FIRST_PAGE: SearchPage = { fromRow: null, before: 0 };
/** A search of the whole log, its newest matches first. */
export const NEWEST_PAGE: SearchPage = { fromRow: null, before: 0, newestFirst: true };

export type SearchStore = UseBoundStore<StoreApi<SearchState>>;

/** A search's results before it runs: what a new search, and a newly opened log, start from. */
export const NO_RESULTS = {
  running: null,
  hits: [],
  page: FIRST_PAGE,
  matches: 0,
  doneBytes: 0,
  totalBytes: 0,
  unpacking: false,
  indexing: false,
  newest: null,
  done: null,
  error: null,
  refused: null,
  stopped: null,
  jumpedTo: null,
  timeNote: null,
  searched: null,
  searchedQuery: null,
  otherRuns: null,
} as const satisfies Omit<SearchState, 'open' | 'form'>;

/**
 * Whether the boxes still ask what the results answer (spaces around a box's words aside): once
 * a box changes, a count and a note such as "no service named …" no longer fit what is asked.
 */
export function asksTheSame(a: SearchForm, b: SearchForm): boolean {
  return (
    a.outcome === b.outcome &&
    a.service.trim() === b.service.trim() &&
    a.hresult.trim() === b.hresult.trim() &&
    a.request.trim() === b.request.trim() &&
    a.text.trim() === b.text.trim() &&
    (a.since ?? '').trim() === (b.since ?? '').trim() &&
    (a.until ?? '').trim() === (b.until ?? '').trim()
  );
}

function createSearchStore(): SearchStore {
  return create<SearchState>()(() => ({ open: false, form: EMPTY_FORM, ...NO_RESULTS }));
}

const stores = new WeakMap<LogSource, SearchStore>();

export function searchStoreOf(source: LogSource): SearchStore {
  let store = stores.get(source);
  if (!store) stores.set(source, (store = createSearchStore()));
  return store;
}

/** Every store with a search running, for routing progress events by search id. */
export const runningStores = new Set<SearchStore>();
