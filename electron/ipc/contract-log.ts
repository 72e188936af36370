/**
 * The contract's log row: one journal record as the window shows it, and the live log's pages of
 * them. Its own file because every log channel carries these rows (the live pages and events, a
 * search's hits, a seek's rows, a saved log's rows as `SavedRow`), whatever group they belong to.
 */
import { z } from 'zod';
import type { JournalKind, JournalRecord } from '../../shared/journal/record.js';
import type { InterfaceId, ServiceId, SessionState } from '../../shared/model.js';
import type { HresultView } from '../../shared/hresult.js';
import type { RecordOutcome } from '../../shared/request/story.js';

import { MAX_PAGE } from '../../shared/log-window.js';

export { MAX_PAGE };

export const readJournalRequest = z
  .object({
    fromSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    limit: z.number().int().min(1).max(MAX_PAGE),
  })
  .strict();

/**
 * A log row's outcome: the request's outcome after the row's record, or `unmatched` for a
 * completion that ended none of this app's requests.
 */
export type LogOutcome = RecordOutcome;

/** One journal record as the live log shows it; its text is the same words the CLI prints. */
export interface LogRow {
  seq: number;
  time: string;
  kind: JournalKind;
  interfaceId: InterfaceId | null;
  serviceId: ServiceId | null;
  serviceName: string | null;
  ref: string | null;
  requestId: number | null;
  outcome: LogOutcome | null;
  /** The HRESULT a call returned or a completion carried, decoded. */
  hresult: HresultView | null;
  latencyMs: number | null;
  /** For `session-state` rows: the state the data session moved to. */
  sessionState: SessionState | null;
  text: string;
  /** The record itself, every fact typed: what the window's timeline folds into requests. */
  record: JournalRecord;
}

export interface JournalPage {
  rows: LogRow[];
  /** Highest sequence number written so far: the renderer knows how far it can page. */
  lastSeq: number;
  /** Oldest sequence number still kept (older files may have been rotated away). */
  firstSeq: number;
}

/**
 * Where the live journal starts now that its oldest files were dropped (past the run's count, or
 * the disk full): pushed as they go, so a window that reads no page still knows.
 */
export interface JournalStart {
  /** Oldest sequence number still kept. */
  firstSeq: number;
}
