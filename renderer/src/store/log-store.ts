/**
 * The live log's view state. The rows themselves live in a `LogModel` (mutable, outside React);
 * `version` changes whenever they do, which is what components subscribe to.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { NO_FILTER, type LogFilter } from './log-filter';
import { LogModel } from './log-model';
import type { Hole } from './row-holes';

// It learns the services its rows name (LogPlaces), as a saved log's does: after an outage the
// device may no longer list a service whose rows are still here, and the filter must offer it.
export const logModel = new LogModel(undefined, true);

interface LogState {
  version: number;
  filter: LogFilter;
  /** Follows new rows; false once the technician scrolls up. */
  following: boolean;
  /** Rows that arrived (and match the filter) since following stopped. */
  unseen: number;
  /** Oldest and newest sequence numbers the journal still holds. */
  journalFirstSeq: number;
  journalLastSeq: number;
  loadingEarlier: boolean;
  /** The first seq of the hole whose rows are being brought in (one at a time), or null. */
  loadingHole: number | null;
  /** Why the rows of the hole from `fromSeq` could not be brought in, said on its line. */
  holeError: { fromSeq: number; message: string } | null;
  /**
   * The entries a hole's line last brought in (its page, or what of it main read), said to a
   * screen reader: the line goes with them, and the focus to the log.
   */
  broughtIn: Hole | null;
  /** The entry whose full details are shown under the log (click, or arrow keys in the log). */
  selectedSeq: number | null;
  /**
   * The entry at the top of the log's screen where the technician last scrolled it; null until
   * they do. With the selection, what the timeline opens on (../timeline/opening-view.ts): the
   * rows being read, not the newest, when nothing is selected.
   */
  scrolledSeq: number | null;
}

export type LogStore = UseBoundStore<StoreApi<LogState>>;

/** A fresh store: the live log's, or a saved log's (see ./log-source.ts). */
export function createLogStore(): LogStore {
  return create<LogState>()(() => ({
    version: 0,
    filter: NO_FILTER,
    following: true,
    unseen: 0,
    journalFirstSeq: 1,
    journalLastSeq: 0,
    loadingEarlier: false,
    loadingHole: null,
    holeError: null,
    broughtIn: null,
    selectedSeq: null,
    scrolledSeq: null,
  }));
}

export const useLog = createLogStore();
