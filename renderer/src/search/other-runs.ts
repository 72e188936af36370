/**
 * After a search of a saved run among its journal folder's runs, or of the live session: the same
 * query counted in the other runs (main's `mbn:search-other-runs`), how far that has got, and
 * Stop. A kiosk restarted each night leaves a run a night, and the window shows one: "0 matches"
 * in the newest run said nothing of the drop two nights before. Opening one: open-other-run.ts.
 */
import type {
  LogSourcePayload,
  SearchProgressEvent,
  SearchQueryPayload,
} from '../../../electron/ipc/contract';
import { ApiError, call, messageOf } from '../api';
import type { LogSource } from '../store/log-source';
import { searchStoreOf, type SearchStore } from './search-store';

/** The stores whose count in the other runs is running: main's word of how far each has got. */
const countingStores = new Set<SearchStore>();
/** Counts the technician stopped (Stop), by search id: said stopped by them, not by a search. */
const stopsAsked = new Set<number>();

/**
 * Counts `query`, the search listed, in the other runs of the saved log `where`, under
 * `searchId`; its answer is dropped when another search, or another log, came since.
 */
export async function countOtherRuns(
  source: LogSource,
  where: LogSourcePayload,
  searchId: number,
  query: SearchQueryPayload,
): Promise<void> {
  const store = searchStoreOf(source);
  const mine = (): boolean => store.getState().otherRuns?.searchId === searchId;
  store.setState({ otherRuns: { searchId, counting: true } });
  countingStores.add(store);
  try {
    const count = await call('mbn:search-other-runs', { searchId, source: where, query });
    if (mine()) store.setState({ otherRuns: { searchId, counting: false, count } });
  } catch (error) {
    if (!mine()) return;
    // Stopped (Stop, another search: main runs one at a time): said, with a way to count again.
    const stopped = error instanceof ApiError && error.error.code === 'search-cancelled';
    store.setState({
      otherRuns: stopped
        ? {
            searchId,
            counting: false,
            stopped: true,
            ...(stopsAsked.has(searchId) ? { asked: true } : {}),
          }
        : {
            searchId,
            counting: false,
            failed: `The other runs could not be searched: ${messageOf(error)}`,
          },
    });
  } finally {
    stopsAsked.delete(searchId);
    if (store.getState().otherRuns?.counting !== true) countingStores.delete(store);
  }
}

/**
 * Main's word of how far a count in the other runs has got ("3 of 29"), from a batch of search
 * progress events: only those of the count its store runs now.
 */
export function tellOtherRunsReached(batch: readonly SearchProgressEvent[]): void {
  for (const store of countingStores) {
    const otherRuns = store.getState().otherRuns;
    if (otherRuns?.counting !== true) continue;
    const reached = batch.findLast(
      (e) => e.otherRuns !== undefined && e.searchId === otherRuns.searchId,
    )?.otherRuns;
    if (reached)
      store.setState({ otherRuns: { searchId: otherRuns.searchId, counting: true, reached } });
  }
}

/** Stops the count in the other runs running under `searchId` (its answer then says stopped). */
export function stopCountInOtherRuns(searchId: number): void {
  stopsAsked.add(searchId);
  void call('mbn:cancel-search', { searchId }).catch(() => undefined);
}
