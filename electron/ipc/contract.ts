/**
 * The IPC contract between main (or the browser preview) and the renderer, in one module: every
 * channel, the schema its payload must pass, and the types of its answer. Main validates with
 * these schemas; the renderer imports only the types.
 *
 * Requests answer with an `IpcResult` instead of throwing, because Electron flattens a thrown
 * error into a string and the renderer must be able to tell "bad payload" from "device gone".
 */
import { z } from 'zod';
import {
  RECORDED_DATA_BYTES,
  type JournalKind,
  type JournalRecord,
} from '../../shared/journal/record.js';
import type {
  DeviceInfo,
  InterfaceId,
  ServiceId,
  ServiceInfo,
  SessionState,
} from '../../shared/model.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportPhase } from '../core/export/formats.js';
import type { HresultView } from '../../shared/hresult.js';
import type { RecordOutcome, RequestStory } from '../../shared/request/story.js';
import type { EventChannel, RequestChannel } from './channels.js';
import type { LogOverview } from '../core/log-overview.js';
import { REQUEST_OUTCOMES } from '../../shared/request/outcome.js';

export {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type RequestChannel,
} from './channels.js';
export type { ExportFormat, JournalKind, RequestStory };
export type { LogOverview } from '../core/log-overview.js';

/** Most records a single journal page may ask for; the renderer pages in steps of this. */
export const MAX_PAGE = 2000;

const interfaceId = z.string().min(1).max(256);
const serviceId = z.string().min(1).max(128);
const noPayload = z.object({}).strict();
const exportId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
const sessionRequest = z
  .object({
    interfaceId,
    serviceId,
    /**
     * The technician confirmed sending although the session is not in the state the call needs
     * (close while not open, open while already open): the deliberate second step.
     */
    confirmed: z.boolean().optional(),
  })
  .strict();

/**
 * The bytes of a QUERY or SET: hex (two digits a byte, nothing else) or an array of bytes. Bounded
 * by what a record keeps, far above any service's MaxCommandSize; that finer limit is the
 * engine's to check, in words, against the service's own value.
 */
const commandData = z.union([
  z
    .string()
    .max(2 * RECORDED_DATA_BYTES)
    .regex(/^(?:[0-9a-fA-F]{2})*$/, 'hex, two digits a byte'),
  z.array(z.number().int().min(0).max(255)).max(RECORDED_DATA_BYTES),
]);
const commandRequest = z
  .object({
    interfaceId,
    serviceId,
    /** The command ID (CID): an unsigned 32-bit number. */
    commandId: z.number().int().min(0).max(0xffffffff),
    data: commandData,
    /**
     * The technician confirmed sending a command the service did not list among its supported
     * commands: the deliberate second step (without it such a command is refused, unsent).
     */
    force: z.boolean().optional(),
  })
  .strict();
const searchId = exportId;
/** What a log row's outcome can be (shared/request/story.ts RecordOutcome): the shared words. */
const SEARCH_OUTCOMES = [...REQUEST_OUTCOMES, 'unmatched'] as const;
const logId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
/** Which log a search or a jump is about: the live session's, or the saved log open by id. */
const logSource = z.union([
  z.object({ log: z.literal('live') }).strict(),
  z.object({ log: z.literal('saved'), logId }).strict(),
]);
/** Every condition must hold; at least one is given. Values are checked here, not in the engine. */
const searchQuery = z
  .object({
    outcomes: z.array(z.enum(SEARCH_OUTCOMES)).min(1).max(SEARCH_OUTCOMES.length).optional(),
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
    service: z.string().min(1).max(200).optional(),
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
  })
  .strict()
  .refine((q) => Object.values(q).some((v: unknown) => v !== undefined), 'at least one condition');

export const requestSchemas = {
  'mbn:list-devices': noPayload,
  'mbn:list-services': z.object({ interfaceId }).strict(),
  'mbn:close-session': sessionRequest,
  'mbn:open-session': sessionRequest,
  'mbn:read-journal': z
    .object({
      fromSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      limit: z.number().int().min(1).max(MAX_PAGE),
    })
    .strict(),
  'mbn:backend-info': noPayload,
  /**
   * Export the live session's journal. No path: main asks the user where (save dialog) and only
   * main writes. `redact` is required so that leaving identifiers in is always a stated choice.
   */
  'mbn:export-log': z
    .object({ exportId, format: z.enum(EXPORT_FORMATS), redact: z.boolean() })
    .strict(),
  'mbn:cancel-export': z.object({ exportId }).strict(),
  'mbn:list-saved-logs': noPayload,
  /**
   * Open a saved log read-only. With a dialog (Electron) there is no payload to give; in the
   * preview `name` is one of the names `mbn:list-saved-logs` offered, never a path.
   */
  'mbn:open-saved-log': z
    .object({
      name: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\\:]+$/, 'a file name, not a path')
        .refine((n) => n !== '.' && n !== '..', 'a file name, not a path')
        .optional(),
    })
    .strict(),
  /** The next page of the open saved log, after its first. */
  'mbn:read-saved-log': z
    .object({
      logId: z
        .number()
        .int()
        .min(1)
        .max(2 ** 31),
    })
    .strict(),
  /**
   * The newest request of each service, as main knows it now: what a window asks for when it
   * (re)connects, so a reload does not forget an outcome or offer Close beside a hung request.
   */
  'mbn:current-requests': noPayload,
  /** Stop waiting for an overdue request (recorded as given up by the user). */
  'mbn:give-up': z
    .object({
      ref: z.string().regex(/^r[1-9][0-9]{0,15}$/, 'a request reference such as r12'),
    })
    .strict(),
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
  'mbn:search-log': z.object({ searchId, source: logSource, query: searchQuery }).strict(),
  'mbn:cancel-search': z.object({ searchId }).strict(),
  /**
   * Rows around a place in the log, read through its index: the end, the first record at a time
   * (ISO 8601), or a row by its number (seq in the live log, position + 1 in a saved log).
   */
  'mbn:seek-log': z
    .object({
      source: logSource,
      to: z.union([
        z.object({ end: z.literal(true) }).strict(),
        z.object({ time: z.iso.datetime({ offset: true }) }).strict(),
        z.object({ row: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
      ]),
      limit: z.number().int().min(1).max(MAX_PAGE),
    })
    .strict(),
  /** The whole log's range as counts over time, from its index (no record is read). */
  'mbn:log-overview': z.object({ source: logSource }).strict(),
} as const satisfies Record<RequestChannel, z.ZodType>;

export type RequestPayload<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>;

/** A service as the main screen lists it: what the backend says plus the tracked session state. */
export interface ServiceRow extends ServiceInfo {
  sessionState: SessionState;
  /** The command session's tracked state (Open/CloseCommandSession). */
  commandSessionState: SessionState;
  /** The command IDs the service listed when last asked; `null`: never asked this run. */
  supportedCommands: number[] | null;
}

export interface BackendInfo {
  kind: 'simulator' | 'mbn' | 'mbim';
  /** Which scenario, or which MBN service. */
  label: string;
  /** Why this backend: shown in the window so nobody mistakes the simulator for a modem. */
  reason: string;
  available: boolean;
  /** Overdue after this many ms without a completion. */
  timeoutMs: number;
  journalDir: string;
  runId: string;
  app: { name: string; version: string };
}

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

export interface ExportDone {
  exportId: number;
  format: ExportFormat;
  /** The file name main wrote (and the folder, for the technician to find it). */
  fileName: string;
  folder: string;
  records: number;
  bytes: number;
  redacted: boolean;
  /** Distinct identifiers replaced, by kind (`{ IMEI: 2 }`): the confirmation names them. */
  redactedCounts: Record<string, number>;
  /** Lines of the journal that could not be read, so are missing from the export. */
  unreadable: number;
}

/** The answer when the technician closed the save dialog without choosing. */
export interface ExportNotStarted {
  exportId: number;
  cancelled: true;
}

export interface ExportProgressEvent {
  exportId: number;
  phase: ExportPhase;
  records: number;
  bytes: number;
  /** Records in the journal when the export started (for a percentage). */
  total: number;
}

/** How this window picks files: Electron shows dialogs; the preview has a fixed folder. */
export interface SavedLogChoices {
  picker: 'dialog' | 'list';
  /** The folder exports go to and saved logs are listed from (preview), for the UI to say. */
  folder: string | null;
  files: { name: string; bytes: number; modified: string }[];
}

export interface SavedLogProblem {
  line: number;
  message: string;
}

/**
 * A row as a saved log's pages carry it: the number the log gives it, its HRESULT decoded, and its
 * record. The window reads every other field of the row from the record, with the shared readers
 * main's `toLogRow` uses (renderer/src/store/kept-row.ts): sent whole, the rows of a week-long log
 * were more than twice their records' size on the wire, to be made, sent and read again.
 */
export type SavedRow = Pick<LogRow, 'seq' | 'hresult' | 'record'>;

export interface SavedLogPage {
  logId: number;
  rows: SavedRow[];
  /** Records read so far, and whether that is all of them. */
  count: number;
  complete: boolean;
  problems: SavedLogProblem[];
  /** The last line was cut off (the app was stopped while writing). */
  tornTail: boolean;
  /**
   * The rows before this page's were not all sent: a large log's newest rows start here, and the
   * window holds them instead of the rows it has.
   */
  restart?: true;
}

export interface SavedLogOpened extends SavedLogPage {
  name: string;
  kind: 'run-directory' | 'journal-file' | 'bundle';
  readOnly: true;
}

export type SavedLogAnswer = SavedLogOpened | { cancelled: true };

export type SearchQueryPayload = z.input<typeof searchQuery>;
export type LogSourcePayload = z.input<typeof logSource>;

interface SearchCounts {
  searchId: number;
  /** Matches found so far (all of them, though at most SEARCH_MAX_ROWS rows are sent). */
  matches: number;
  /** Bytes of the log dealt with (read, or skipped by the index), of all. */
  doneBytes: number;
  totalBytes: number;
}

export interface SearchProgressEvent extends SearchCounts {
  /** Rows found since the last event, numbered as the log numbers them (seq, or position + 1). */
  hits: LogRow[];
  /** Set while a .zip bundle's log is copied out once, before its first search can start. */
  unpacking?: true;
  /** Set while the log's index is built once (bytes indexed of all), before the search reads it. */
  indexing?: true;
}

export interface SearchDone extends SearchCounts {
  /** Rows sent; fewer than `matches` when there were more than SEARCH_MAX_ROWS. */
  delivered: number;
  bucketsRead: number;
  bucketsSkipped: number;
}

/** Most rows a search sends; the count goes on past it. */
export const SEARCH_MAX_ROWS = 5000;

export interface SeekAnswer {
  rows: LogRow[];
  /** The row asked for (the last, the first at that time, that row); null for an empty log. */
  target: number | null;
}

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
  'mbn:current-requests': RequestStory[];
  'mbn:give-up': RequestStory;
  'mbn:list-supported-commands': RequestStory;
  'mbn:open-command-session': RequestStory;
  'mbn:close-command-session': RequestStory;
  'mbn:query-command': RequestStory;
  'mbn:set-command': RequestStory;
  'mbn:search-log': SearchDone;
  'mbn:cancel-search': { cancelled: boolean };
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
  /** A saved log could not be opened (missing, not a log, unreadable); the message says which. */
  | 'open-failed'
  /** A search could not run (a bundle, an unreadable log) or was cancelled. */
  | 'search-failed'
  | 'search-cancelled'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export type DeviceChange = { type: 'arrival' | 'removal'; interfaceId: InterfaceId; seq: number };

/** Every event channel carries a batch: at most one message per channel per frame. */
export interface EventMap {
  'mbn:log-rows': LogRow[];
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
