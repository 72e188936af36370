/**
 * The IPC contract between main (or the browser preview) and the renderer: every channel, the
 * schema its payload must pass, and the types of its answer. Main validates with these schemas;
 * the renderer imports only the types, and only from this module (the layer rules name it), so
 * this is the one entry point that lists the whole contract. The schemas and answer types of each
 * group of channels live beside it: `contract-devices.ts` (modems, sessions, commands),
 * `contract-log.ts` (the log row and the live log's pages), `contract-exports.ts`,
 * `contract-saved-logs.ts`, and `contract-whole-log.ts` (search, seek, overview).
 *
 * Requests answer with an `IpcResult` instead of throwing, because Electron flattens a thrown
 * error into a string and the renderer must be able to tell "bad payload" from "device gone".
 */
import { z } from 'zod';
import type { JournalKind } from '../../shared/journal/record.js';
import type { DeviceInfo } from '../../shared/model.js';
import type { ExportFormat } from '../core/export/formats.js';
import type { RequestStory } from '../../shared/request/story.js';
import type { EventChannel, RequestChannel } from './channels.js';
import type { LogOverview } from '../core/log-overview.js';
import {
  commandRequest,
  giveUpRequest,
  interfaceId,
  serviceId,
  sessionRequest,
  type BackendInfo,
  type DeviceChange,
  type ServiceList,
  type ServiceRow,
} from './contract-devices.js';
import {
  cancelExportRequest,
  exportLogRequest,
  type ExportDone,
  type ExportNotStarted,
  type ExportProgressEvent,
} from './contract-exports.js';
import {
  readJournalRequest,
  type JournalPage,
  type JournalStart,
  type LogRow,
} from './contract-log.js';
import {
  openSavedLogRequest,
  readSavedLogRequest,
  savedLogHoldsRequest,
  type SavedLogAnswer,
  type SavedLogChoices,
  type SavedLogHolds,
  type SavedLogPage,
} from './contract-saved-logs.js';
import {
  cancelSearchRequest,
  logOverviewRequest,
  searchLogRequest,
  searchOtherRunsRequest,
  seekLogRequest,
  type SearchDone,
  type SearchProgressEvent,
  type SeekAnswer,
} from './contract-whole-log.js';
import type { OtherRunsCount } from '../../shared/other-runs-count.js';

export {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type RequestChannel,
} from './channels.js';
export type { ExportFormat, JournalKind, RequestStory };
export type { LogOverview } from '../core/log-overview.js';
export type { OtherRunsCount, OtherRunsReached } from '../../shared/other-runs-count.js';
export type { BackendInfo, DeviceChange, ServiceList, ServiceRow } from './contract-devices.js';
export type { ExportDone, ExportNotStarted, ExportProgressEvent } from './contract-exports.js';
export {
  MAX_PAGE,
  type JournalPage,
  type JournalStart,
  type LogOutcome,
  type LogRow,
} from './contract-log.js';
export type {
  SavedLogAnswer,
  SavedLogChoices,
  SavedLogHolds,
  SavedLogOpened,
  SavedLogPage,
  SavedLogPlace,
  SavedLogProblem,
  SavedLogRunPart,
  SavedLogRuns,
  SavedRow,
} from './contract-saved-logs.js';
export {
  SEARCH_MAX_ROWS,
  type LogSourcePayload,
  type SearchDone,
  type SearchProgressEvent,
  type SearchQueryPayload,
  type SeekAnswer,
} from './contract-whole-log.js';

const noPayload = z.object({}).strict();

export const requestSchemas = {
  'mbn:list-devices': noPayload,
  'mbn:list-services': z.object({ interfaceId }).strict(),
  'mbn:close-session': sessionRequest,
  'mbn:open-session': sessionRequest,
  'mbn:read-journal': readJournalRequest,
  'mbn:backend-info': noPayload,
  /**
   * Export the live session's journal. No path: main asks the user where (save dialog) and only
   * main writes. `redact` is required so that leaving identifiers in is always a stated choice.
   */
  'mbn:export-log': exportLogRequest,
  'mbn:cancel-export': cancelExportRequest,
  'mbn:list-saved-logs': noPayload,
  /**
   * Open a saved log read-only. With a dialog (Electron) there is no payload to give; in the
   * preview `name` is one of the names `mbn:list-saved-logs` offered, never a path.
   */
  'mbn:open-saved-log': openSavedLogRequest,
  /** The next page of the open saved log, after its first. */
  'mbn:read-saved-log': readSavedLogRequest,
  /**
   * What the open saved log holds that the export panel must know before an export starts (its
   * MBIM messages, for a capture), from its index: answered once the index its window builds is.
   */
  'mbn:saved-log-holds': savedLogHoldsRequest,
  /**
   * The newest request of each service, as main knows it now: what a window asks for when it
   * (re)connects, so a reload does not forget an outcome or offer Close beside a hung request.
   */
  'mbn:current-requests': noPayload,
  /** Stop waiting for an overdue request (recorded as given up by the user). */
  'mbn:give-up': giveUpRequest,
  /** QuerySupportedCommands: which command IDs the service lists. */
  'mbn:list-supported-commands': z.object({ interfaceId, serviceId }).strict(),
  'mbn:open-command-session': sessionRequest,
  'mbn:close-command-session': sessionRequest,
  'mbn:query-command': commandRequest,
  'mbn:set-command': commandRequest,
  /**
   * Search the whole log, not only the rows in memory. Hits stream as `mbn:search-progress`
   * events; the answer comes when it is done. A new search of the same log cancels the last.
   */
  'mbn:search-log': searchLogRequest,
  'mbn:cancel-search': cancelSearchRequest,
  /**
   * A saved run's search, or the live session's, counted in its journal folder's other runs (each
   * with its own index): where else the same matches are, to open. Sent once the search is done.
   */
  'mbn:search-other-runs': searchOtherRunsRequest,
  /**
   * Rows around a place in the log, read through its index: the end, the first record at a time
   * (ISO 8601), or a row by its number (seq in the live log, position + 1 in a saved log).
   */
  'mbn:seek-log': seekLogRequest,
  /** The whole log's range as counts over time, from its index (no record is read). */
  'mbn:log-overview': logOverviewRequest,
} as const satisfies Record<RequestChannel, z.ZodType>;

export type RequestPayload<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;

export interface ResponseMap {
  'mbn:list-devices': DeviceInfo[];
  'mbn:list-services': ServiceRow[];
  'mbn:close-session': RequestStory;
  'mbn:open-session': RequestStory;
  'mbn:read-journal': JournalPage;
  'mbn:backend-info': BackendInfo;
  'mbn:export-log': ExportDone | ExportNotStarted;
  'mbn:cancel-export': { cancelled: boolean };
  'mbn:list-saved-logs': SavedLogChoices;
  'mbn:open-saved-log': SavedLogAnswer;
  'mbn:read-saved-log': SavedLogPage;
  'mbn:saved-log-holds': SavedLogHolds;
  'mbn:current-requests': RequestStory[];
  'mbn:give-up': RequestStory;
  'mbn:list-supported-commands': RequestStory;
  'mbn:open-command-session': RequestStory;
  'mbn:close-command-session': RequestStory;
  'mbn:query-command': RequestStory;
  'mbn:set-command': RequestStory;
  'mbn:search-log': SearchDone;
  'mbn:cancel-search': { cancelled: boolean };
  'mbn:search-other-runs': OtherRunsCount;
  'mbn:seek-log': SeekAnswer;
  'mbn:log-overview': LogOverview;
}

export type IpcErrorCode =
  /** The payload did not pass the channel's schema. */
  | 'invalid-payload'
  /** The message did not come from the app's own window. */
  | 'forbidden-sender'
  | 'unknown-channel'
  /**
   * The session is not in the state the call needs, or the command is not in the service's list,
   * and the technician did not confirm.
   */
  | 'needs-confirmation'
  | 'unknown-device'
  | 'unknown-service'
  | 'backend-closed'
  | 'unavailable'
  /** An export failed or was cancelled; the message says why and that nothing was left behind. */
  | 'export-failed'
  | 'export-cancelled'
  /**
   * An export refused before anything was written, for what was asked (a range nothing was
   * logged in): the message says what to ask instead.
   */
  | 'export-refused'
  /** A saved log could not be opened (missing, not a log, unreadable); the message says which. */
  | 'open-failed'
  /**
   * A search or jump could not run (a bundle, an unreadable log, a row the live journal no longer
   * holds) or was cancelled.
   */
  | 'search-failed'
  | 'search-cancelled'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Every event channel carries a batch: at most one message per channel per frame. */
export interface EventMap {
  'mbn:service-lists': ServiceList[];
  'mbn:log-rows': LogRow[];
  'mbn:journal-start': JournalStart[];
  'mbn:request-changes': RequestStory[];
  'mbn:device-changes': DeviceChange[];
  'mbn:backend-status': BackendInfo[];
  'mbn:export-progress': ExportProgressEvent[];
  'mbn:search-progress': SearchProgressEvent[];
}

/** The one object the preload exposes (as `window.mbnDiag`), and the preview's bridge mimics. */
export interface MbnDiagApi {
  invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestPayload<C>,
  ): Promise<IpcResult<ResponseMap[C]>>;
  on<E extends EventChannel>(channel: E, listener: (batch: EventMap[E]) => void): () => void;
}
