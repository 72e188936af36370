/**
 * Whole-log search and jumps, as the renderer asks for them: main reads the log through its
 * index, streams hits back with a running count, and a jump brings the rows around a record into
 * the log (and so into the timeline, which follows the log's selection).
 */
import type {
  LogRow,
  LogSourcePayload,
  SearchProgressEvent,
  SeekAnswer,
} from '../../../electron/ipc/contract';
import { ApiError, call, listen, messageOf } from '../api';
import { useFiles } from '../store/files-store';
import { useTimeMode, zoneOf } from '../store/time-store';
import type { LogSource } from '../store/log-source';
import { holePage, type Hole } from '../store/row-holes';
import { formToQuery } from './search-query';
import { countOtherRuns, tellOtherRunsReached } from './other-runs';
import {
  FIRST_PAGE,
  NEWEST_PAGE,
  NO_RESULTS,
  runningStores,
  searchStoreOf,
  type SearchForm,
  type SearchPage,
  type SearchStore,
} from './search-store';

/** Rows brought in around a jump: a screenful either side. */
const JUMP_ROWS = 200;

let nextSearchId = 1;
let listening = false;

function ensureListening(): void {
  if (listening) return;
  listening = true;
  listen('mbn:search-progress', (batch: SearchProgressEvent[]) => {
    tellOtherRunsReached(batch);
    for (const store of runningStores) {
      const running = store.getState().running;
      // A count in the other runs goes on under the search's id: none of its events is the search's.
      const mine = batch.filter((e) => e.searchId === running?.searchId && !e.otherRuns);
      const last = mine[mine.length - 1];
      if (!last) continue;
      const found = mine.flatMap((e) => e.hits);
      store.setState((s) => ({
        // Most events only count: the list, and the rows it draws, are left as they are then.
        ...(found.length > 0 ? { hits: s.hits.concat(found) } : {}),
        matches: last.matches,
        doneBytes: last.doneBytes,
        totalBytes: last.totalBytes,
        unpacking: last.unpacking === true,
        indexing: last.indexing === true,
        newest: last.newest ?? null,
      }));
    }
  });
}

export function sourcePayload(source: LogSource): LogSourcePayload | null {
  if (source.live) return { log: 'live' };
  const logId = useFiles.getState().saved?.logId;
  return logId === undefined ? null : { log: 'saved', logId };
}

export function setSearchOpen(source: LogSource, open: boolean): void {
  searchStoreOf(source).setState({ open });
}

export function setSearchForm(source: LogSource, patch: Partial<SearchForm>): void {
  searchStoreOf(source).setState((s) => ({ form: { ...s.form, ...patch } }));
}

/**
 * Searches with the boxes as they are, from the log's first row; or, given `page`, the search
 * whose hits are listed again (what it asked, not what the boxes ask since), from that page: from
 * the row after its last hit (searchOn), or from the start.
 */
export async function runSearch(source: LogSource, page?: SearchPage): Promise<void> {
  const store = searchStoreOf(source);
  const { running, searched, searchedQuery } = store.getState();
  const again = page && searched && searchedQuery ? { form: searched, query: searchedQuery } : null;
  const form = again?.form ?? store.getState().form;
  if (running) await cancelSearch(source);
  // Again: the very query, its range the same moments though the log's zone has changed since.
  const compiled = again ?? formToQuery(form, zoneOf(useTimeMode.getState().mode));
  if ('problem' in compiled) {
    // Said in the zone the log shows when it is drawn (formProblem), not in the one it has now.
    store.setState({
      error: null,
      refused: form,
      stopped: null,
      done: null,
      hits: [],
      matches: 0,
    });
    return;
  }
  const where = sourcePayload(source);
  if (!where) {
    store.setState({ error: 'No saved log is open.', refused: null });
    return;
  }
  ensureListening();
  // A new search keeps the order the last one was listed in: asked for newest first, a
  // technician changing the service expects the newest of it first too.
  const at = page ?? (store.getState().page.newestFirst ? NEWEST_PAGE : FIRST_PAGE);
  const searchId = nextSearchId++;
  // The same search again (Next, Older, the other order) matches as much in the other runs: the
  // count, once done, stays; one still running is stopped by this search (main runs one at a
  // time), and says so, with a way to count again.
  const counted = store.getState().otherRuns;
  const carried =
    again && counted
      ? counted.counting
        ? { searchId: counted.searchId, counting: false as const, stopped: true as const }
        : counted
      : null;
  store.setState({
    ...NO_RESULTS,
    searched: form,
    searchedQuery: compiled.query,
    page: at,
    running: { searchId, cancelling: false },
    otherRuns: carried,
  });
  runningStores.add(store);
  try {
    const done = await call('mbn:search-log', {
      searchId,
      source: where,
      query: compiled.query,
      ...(at.newestFirst
        ? { newestFirst: true as const, ...(at.fromRow ? { beforeRow: at.fromRow } : {}) }
        : at.fromRow
          ? { fromRow: at.fromRow }
          : {}),
    });
    if (store.getState().running?.searchId === searchId) {
      store.setState({
        done,
        matches: done.matches,
        doneBytes: done.doneBytes,
        totalBytes: done.totalBytes,
      });
      // A whole search (not Next, not Older) of a saved run among runs or of the live session:
      // where else its matches are, unless counted for the same search already.
      if (at.fromRow === null && !store.getState().otherRuns) countInOtherRuns(source);
    }
  } catch (error) {
    if (store.getState().running?.searchId !== searchId) return;
    const stopped = error instanceof ApiError && error.error.code === 'search-cancelled';
    store.setState(stopped ? { stopped: messageOf(error) } : { error: messageOf(error) });
  } finally {
    finish(store, searchId);
  }
}

/**
 * Counts the search listed in the other runs of the saved run open, or of the live session's
 * journal folder (the app's own earlier runs), in other-runs.ts: once it is done, or again (Count
 * them). Not asked of a saved file or bundle: only of a run main said, as it opened it, is one of
 * several (mbn:open-saved-log).
 */
export function countInOtherRuns(source: LogSource): void {
  const { searchedQuery } = searchStoreOf(source).getState();
  const where = sourcePayload(source);
  if (!searchedQuery || !where) return;
  if (where.log === 'saved' && useFiles.getState().saved?.runs === undefined) return;
  // Request references and MBN request IDs start again in each run: r1 of another night is
  // another request, and "Also in: Run 1, Run 2" sent a technician tracing one to other nights.
  if (searchedQuery.ref !== undefined || searchedQuery.requestId !== undefined) return;
  void countOtherRuns(source, where, nextSearchId++, searchedQuery);
}

function finish(store: SearchStore, searchId: number): void {
  if (store.getState().running?.searchId !== searchId) return;
  store.setState({ running: null, unpacking: false, indexing: false, newest: null });
  runningStores.delete(store);
}

/**
 * The next hits of the search listed: from the row after its last hit (newest first, below it),
 * counted on from the matches listed so far. Nothing when none is listed.
 */
export function searchOn(source: LogSource): Promise<void> {
  const { hits, page } = searchStoreOf(source).getState();
  const last = hits[hits.length - 1];
  if (!last) return Promise.resolve();
  const before = page.before + hits.length;
  return runSearch(
    source,
    page.newestFirst
      ? { fromRow: last.seq, before, newestFirst: true }
      : { fromRow: last.seq + 1, before },
  );
}

/**
 * Another log was opened in this source: the last one's hits, count and jump are not this one's
 * (a hit's entry number would select a different entry here), so they go, and a search still
 * running on it is stopped. What to look for (outcome, service, HRESULT, request, words) means
 * the same here and stays, to run again on this log, as does the order (newest first); the time
 * range, typed for the last log's days, goes, as the export's range does (file-actions.ts): kept,
 * the next log's search of it found nothing, its From and To scrolled out of sight or taken for
 * this log's.
 */
export function forgetSearch(source: LogSource): void {
  const store = searchStoreOf(source);
  const { running, otherRuns } = store.getState();
  // A count in the other runs goes under its search's id once the search is done.
  const stop = running?.searchId ?? (otherRuns?.counting ? otherRuns.searchId : undefined);
  if (stop !== undefined) void call('mbn:cancel-search', { searchId: stop }).catch(() => undefined);
  runningStores.delete(store);
  // The order asked for is the technician's, not the log's: it stays, as the conditions do.
  store.setState((s) => ({
    ...NO_RESULTS,
    page: s.page.newestFirst ? NEWEST_PAGE : FIRST_PAGE,
    form: { ...s.form, since: '', until: '' },
  }));
}

export async function cancelSearch(source: LogSource): Promise<void> {
  const store = searchStoreOf(source);
  const running = store.getState().running;
  if (!running) return;
  store.setState({ running: { ...running, cancelling: true } });
  await call('mbn:cancel-search', { searchId: running.searchId });
}

/** Brings a found row (and the rows around it) into the log, selects it and scrolls to it. */
export async function jumpToRow(source: LogSource, row: number): Promise<void> {
  const store = searchStoreOf(source);
  const before = store.getState().jumpedTo;
  store.setState({ jumpedTo: row });
  // Not gone to (its entry deleted from the journal since, say): the hit last gone to stays the
  // one marked, not this one, which the log does not show.
  if (!(await seek(source, { row }))) store.setState({ jumpedTo: before });
}

/** Whether it went (else the search's status says why). */
export async function jumpToEnd(source: LogSource): Promise<boolean> {
  if (!(await seek(source, { end: true }))) return false;
  // Gone elsewhere: no hit is the one the log shows any more.
  searchStoreOf(source).setState({ jumpedTo: null });
  return true;
}

/**
 * `at` is the moment to go to, or the words for a box that held no readable time. Whether it went
 * (else the search's status says why).
 */
export async function jumpToTime(
  source: LogSource,
  at: number | { unread: string },
): Promise<boolean> {
  if (typeof at !== 'number') {
    // Said alone: beside the last jump's note, it read as that jump's answer.
    searchStoreOf(source).setState({ error: at.unread, refused: null, timeNote: null });
    return false;
  }
  const ms = at;
  const asked = new Date(ms).toISOString();
  const answer = await seek(source, { time: asked });
  if (!answer) return false;
  searchStoreOf(source).setState({ jumpedTo: null });
  const found = answer.rows.find((r) => r.seq === answer.target)?.record.time;
  const times = answer.times ?? [];
  // Within the second asked for, and once, is there; otherwise say where it went, and why.
  if (
    found !== undefined &&
    answer.target !== null &&
    (Math.abs(Date.parse(found) - ms) >= 1000 || times.length > 1)
  )
    searchStoreOf(source).setState({
      timeNote: {
        asked,
        found,
        pastEnd: Date.parse(found) < ms,
        seq: answer.target,
        times,
        ...(answer.inRun ? { inRun: answer.inRun } : {}),
      },
    });
  return true;
}

/**
 * Goes to another of the places the clock showed the time last gone to (`timeNote.times`): the
 * note stays, about the entry now shown. Whether it went.
 */
export async function jumpToTimeAgain(source: LogSource, row: number): Promise<boolean> {
  const note = searchStoreOf(source).getState().timeNote;
  if (!note) return false;
  const answer = await seek(source, { row });
  if (!answer || answer.target === null) return false;
  const found = answer.rows.find((r) => r.seq === answer.target)?.record.time ?? note.found;
  searchStoreOf(source).setState({
    jumpedTo: null,
    timeNote: { ...note, found, pastEnd: false, seq: answer.target },
  });
  return true;
}

async function seek(
  source: LogSource,
  to: { end: true } | { row: number } | { time: string },
): Promise<SeekAnswer | null> {
  const where = sourcePayload(source);
  if (!where) return null;
  let answer: SeekAnswer;
  try {
    answer = await call('mbn:seek-log', { source: where, to, limit: JUMP_ROWS });
  } catch (error) {
    searchStoreOf(source).setState({ error: messageOf(error), refused: null, timeNote: null });
    return null;
  }
  // The words about a time that could not be read (or a jump that failed), or about where the
  // last Go to time went, are answered now.
  searchStoreOf(source).setState({ error: null, refused: null, timeNote: null });
  show(source, answer.rows, answer.target);
  return answer;
}

/**
 * Brings in the rows of a hole in the log (`holePage`), as a jump brings in the rows around a
 * record: a seek to the middle of the page, for as many rows as it holds, reads the page. Selects
 * the first row brought in, where the hole's line was, so the technician reads on from there
 * (Down steps on). Returns its seq, or null when nothing came in (the reason is on the line).
 */
export async function loadHole(source: LogSource, hole: Hole): Promise<number | null> {
  const where = sourcePayload(source);
  const { store } = source;
  if (!where || store.getState().loadingHole !== null) return null;
  const page = holePage(hole);
  const limit = page.toSeq - page.fromSeq + 1;
  store.setState({ loadingHole: hole.fromSeq, holeError: null, broughtIn: null });
  try {
    const answer = await call('mbn:seek-log', {
      source: where,
      to: { row: page.fromSeq + Math.floor(limit / 2) },
      limit,
    });
    // Another log opened meanwhile: these rows are not its.
    if (!sameLog(where, sourcePayload(source))) return null;
    // Lines of over a few hundred KiB make main read fewer rows, around the middle of the page.
    const seqs = answer.rows
      .map((row) => row.seq)
      .filter((seq) => seq >= page.fromSeq && seq <= page.toSeq);
    const first = seqs.length > 0 ? Math.min(...seqs) : null;
    show(source, answer.rows, first);
    if (first !== null) store.setState({ broughtIn: { fromSeq: first, toSeq: Math.max(...seqs) } });
    return first;
  } catch (error) {
    store.setState({ holeError: { fromSeq: hole.fromSeq, message: messageOf(error) } });
    return null;
  } finally {
    store.setState({ loadingHole: null });
  }
}

function sameLog(a: LogSourcePayload, b: LogSourcePayload | null): boolean {
  return (
    b !== null && (a.log === 'live' ? b.log === 'live' : b.log === 'saved' && b.logId === a.logId)
  );
}

function show(source: LogSource, rows: LogRow[], target: number | null): void {
  source.model.insert(rows);
  source.store.setState((s) => ({
    version: s.version + 1,
    following: false,
    selectedSeq: target,
  }));
}
