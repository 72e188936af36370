/**
 * The request handlers and event fan-out that Electron main and the browser preview share, so
 * the window and the preview cannot behave differently. Every request is checked in this order:
 * known channel, trusted sender, payload schema; only then does it reach the engine. Failures
 * come back as typed `IpcError`s, never as exceptions that could take main down.
 */
import { isBackendError, type BackendErrorCode } from '../engine/engine-errors.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { parseHex } from '../../shared/bytes.js';
import { normalizeServiceId, type RequestOp } from '../../shared/model.js';
import type { RequestStory } from '../../shared/request/story.js';
import { needsOpenSession, opensSession } from '../../shared/request/sessions.js';
import { OP_WORDS } from '../../shared/request/words.js';
import type { DiagnosticsEngine, ServiceView } from '../engine/diagnostics-engine.js';
import { isRequestChannel, type RequestChannel } from './channels.js';
import {
  requestSchemas,
  type BackendInfo,
  type IpcError,
  type IpcErrorCode,
  type IpcResult,
  type RequestPayload,
  type ResponseMap,
} from './contract.js';
import { EventBatcher, type BatchSink, type BatcherOptions } from './event-batcher.js';
import { ExportJobs } from './export-jobs.js';
import type { HostFiles } from './host-files.js';
import { IpcFailure } from './ipc-failure.js';
import { toLogRow } from './log-row.js';
import { LogSearchJobs } from './log-search-jobs.js';
import { rowsWithin } from './row-size.js';
import { allRunsOf } from './all-runs-export.js';
import { savedLogNaming } from './saved-log-models.js';
import { SavedLogs } from './saved-logs.js';
import { runNamedBeside } from './run-folders.js';

/** The two calls that carry a command ID and bytes. */
type CommandCallOp = Extract<RequestOp, 'query' | 'set'>;

/** What the host needs of the engine; tests hand in a spy with the same shape. */
export type HostEngine = Pick<
  DiagnosticsEngine,
  | 'listDevices'
  | 'listServices'
  | 'knownServices'
  | 'send'
  | 'giveUp'
  | 'latestRequests'
  | 'onRecord'
  | 'onRequestChange'
  | 'onServiceList'
> & {
  journal: Pick<
    DiagnosticsEngine['journal'],
    | 'readPage'
    | 'firstSeq'
    | 'lastSeq'
    | 'runId'
    | 'runDir'
    | 'flush'
    | 'noteExportedGap'
    | 'unsavedEntries'
    | 'onFilesDropped'
  >;
  backend: Pick<DiagnosticsEngine['backend'], 'describe'>;
};

export interface HostOptions<S> {
  engine: HostEngine;
  /** Why this backend was chosen (from `selectBackend`). */
  reason: string;
  timeoutMs: number;
  app: { name: string; version: string };
  /** Decides whether a message comes from the app's own page. Called for every request. */
  isTrustedSender: (sender: S) => boolean;
  batcher?: BatcherOptions;
  /** How files are chosen (dialogs in Electron, a fixed folder in the preview); none: no files. */
  files?: HostFiles;
}

type Handler<C extends RequestChannel> = (payload: RequestPayload<C>) => Promise<ResponseMap[C]>;

export class IpcHost<S> {
  private readonly sinks = new Set<BatchSink>();
  private readonly batcher: EventBatcher;
  private readonly unsubscribe: (() => void)[];
  private available = true;
  private readonly handlers: { [C in RequestChannel]: Handler<C> };
  private readonly exports: ExportJobs;
  private readonly savedLogs: SavedLogs;
  private readonly searches: LogSearchJobs;

  constructor(private readonly options: HostOptions<S>) {
    this.batcher = new EventBatcher((channel, batch) => {
      for (const sink of this.sinks) sink(channel, batch);
    }, options.batcher);
    const { engine } = options;
    const files = options.files ?? NO_FILES;
    this.exports = new ExportJobs(files, (event) =>
      this.batcher.push('mbn:export-progress', event),
    );
    this.savedLogs = new SavedLogs(files, {
      indexOf: (path) => this.searches.indexOfSaved(path),
      ownRunNamed: (name) => runNamedBeside(engine.journal.runDir, name),
    });
    this.searches = new LogSearchJobs({
      live: {
        get runDir() {
          return engine.journal.runDir;
        },
        get lastSeq() {
          return engine.journal.lastSeq;
        },
        get firstSeq() {
          return engine.journal.firstSeq;
        },
        flush: () => engine.journal.flush(),
        readPage: (fromSeq, limit) => engine.journal.readPage(fromSeq, limit),
      },
      savedLog: (logId) => this.savedLogs.locationOf(logId),
      onProgress: (event) => this.batcher.push('mbn:search-progress', event),
    });
    this.unsubscribe = [
      engine.onRecord((record) => this.onRecord(record)),
      engine.onRequestChange((view) => this.batcher.push('mbn:request-changes', view)),
      engine.onServiceList((list) => this.batcher.push('mbn:service-lists', list)),
      engine.journal.onFilesDropped(() => this.journalStarts()),
    ];
    this.handlers = {
      'mbn:list-devices': () => engine.listDevices(),
      'mbn:list-services': ({ interfaceId }) => engine.listServices(interfaceId),
      'mbn:close-session': (p) => this.send('close', p),
      'mbn:open-session': (p) => this.send('open', p),
      'mbn:read-journal': ({ fromSeq, limit }) => {
        const journal = engine.journal;
        // Bounded in size too: an MBIM message is recorded whole, and may be megabytes.
        const rows = rowsWithin(journal.readPage(fromSeq, limit).map((record) => toLogRow(record)));
        return Promise.resolve({ rows, lastSeq: journal.lastSeq, firstSeq: journal.firstSeq });
      },
      'mbn:backend-info': () => Promise.resolve(this.backendInfo()),
      'mbn:export-log': ({ exportId, format, redact, savedLogId, range, allRuns }) => {
        // Found before the save dialog: a log closed meanwhile is refused, not exported.
        const saved =
          savedLogId === undefined
            ? undefined
            : {
                ...this.savedLogs.locationOf(savedLogId),
                total: this.savedLogs.countOf(savedLogId),
              };
        // Every run of its journal folder: refused at once for a log that is not one of several.
        const all = saved && allRuns ? allRunsOf(saved.path) : undefined;
        return this.exports.run({
          exportId,
          format,
          redact,
          range,
          app: options.app,
          ...(saved === undefined
            ? {
                source: engine.journal.runDir,
                what: 'session',
                // What the session logged up to the moment the file was chosen is on disk to
                // export, or said to be missing from it.
                beforeWrite: () => {
                  engine.journal.flush();
                  const gap = engine.journal.noteExportedGap();
                  // All it lost: a gap closed earlier is said in the file, so in the export.
                  return {
                    trailing: gap ? [gap.record] : [],
                    unsaved: engine.journal.unsavedEntries,
                  };
                },
                total: engine.journal.lastSeq,
                deviceModels: async () => (await engine.listDevices()).map((d) => d.model),
              }
            : {
                source: saved.path,
                heldRange: saved.range,
                what: 'saved-log',
                beforeWrite: () => ({ trailing: [], unsaved: 0 }),
                total: saved.total,
                // The modems the saved log lists, not this machine's, and the times it spans:
                // offered as "no-device" and when exported, saved logs could not be told apart.
                ...savedLogNaming(saved.path, () => this.searches.indexOfSaved(saved.path)),
                // Of every run: the folder, its records not counted (the share read is shown),
                // named by the folder's times.
                ...(all ? { source: all.folder, allRuns: true, total: 0, span: all.span } : {}),
              }),
        });
      },
      'mbn:cancel-export': ({ exportId }) =>
        Promise.resolve({ cancelled: this.exports.cancel(exportId) }),
      'mbn:list-saved-logs': () => files.choices(),
      'mbn:open-saved-log': ({ name, runOf }) => this.savedLogs.open(name, runOf),
      'mbn:read-saved-log': ({ logId }) => this.savedLogs.next(logId),
      'mbn:saved-log-holds': ({ logId }) => this.savedLogs.holds(logId),
      'mbn:current-requests': () => Promise.resolve(engine.latestRequests()),
      'mbn:give-up': ({ ref }) => Promise.resolve(engine.giveUp(ref)),
      'mbn:list-supported-commands': (p) => this.send('supported-commands', p),
      'mbn:open-command-session': (p) => this.send('open-command-session', p),
      'mbn:close-command-session': (p) => this.send('close-command-session', p),
      'mbn:query-command': (p) => this.sendCommand('query', p),
      'mbn:set-command': (p) => this.sendCommand('set', p),
      // The last hits are still in the batcher when the search ends: sent first, so the window
      // has every hit it counted before it hears the search is done (and stops listening).
      'mbn:search-log': (payload) =>
        this.searches.search(payload).finally(() => this.batcher.flush()),
      'mbn:cancel-search': ({ searchId }) =>
        Promise.resolve({ cancelled: this.searches.cancel(searchId) }),
      'mbn:search-other-runs': (payload) => this.searches.otherRuns(payload),
      'mbn:seek-log': (payload) => this.searches.seek(payload),
      'mbn:log-overview': ({ source, columns }) => this.searches.overview(source, columns),
    };
  }

  /** Handles one request from a renderer. Never throws. */
  async invoke(channel: unknown, payload: unknown, sender: S): Promise<IpcResult<unknown>> {
    if (!isRequestChannel(channel))
      return failure('unknown-channel', `There is no channel ${describe(channel)}.`);
    let trusted = false;
    try {
      trusted = this.options.isTrustedSender(sender);
    } catch {
      trusted = false;
    }
    if (!trusted)
      return failure('forbidden-sender', `${channel} was refused: it did not come from the app.`);
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
        .join('; ');
      return failure('invalid-payload', `${channel} was refused: ${problems}`);
    }
    try {
      const handler = this.handlers[channel] as Handler<typeof channel>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toIpcError(error) };
    }
  }

  /** Adds a receiver of event batches (a window, a preview connection); returns its removal. */
  subscribe(sink: BatchSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Sends what is batched now (before quitting, so the last events are not lost). */
  flush(): void {
    this.batcher.flush();
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.exports.cancelAll();
    // Stops a search and removes a searched bundle's temporary copy.
    void this.searches.dispose();
    this.savedLogs.close();
    this.batcher.dispose();
    this.sinks.clear();
  }

  backendInfo(): BackendInfo {
    const { engine } = this.options;
    const description = engine.backend.describe();
    return {
      kind: description.kind,
      label: description.label,
      reason: this.options.reason,
      available: this.available,
      timeoutMs: this.options.timeoutMs,
      journalDir: engine.journal.runDir,
      runId: engine.journal.runId,
      app: this.options.app,
    };
  }

  /** The service as the engine tracks it (one fresh listing if it is not known yet). */
  private async findService(
    interfaceId: string,
    serviceId: string,
  ): Promise<ServiceView | undefined> {
    const { engine } = this.options;
    const find = () =>
      engine
        .knownServices(interfaceId)
        .find((s) => normalizeServiceId(s.serviceId) === normalizeServiceId(serviceId));
    return find() ?? (await engine.listServices(interfaceId), find());
  }

  private async send(
    op: Exclude<RequestOp, CommandCallOp | 'write'>,
    payload: { interfaceId: string; serviceId: string; confirmed?: boolean | undefined },
  ): Promise<RequestStory> {
    const { interfaceId, serviceId } = payload;
    const service = await this.findService(interfaceId, serviceId);
    if (service && payload.confirmed !== true) {
      const refusal = needsConfirmation(op, service);
      if (refusal) throw new IpcFailure({ code: 'needs-confirmation', message: refusal });
    }
    return (await this.options.engine.send(op, interfaceId, service?.serviceId ?? serviceId))
      .request;
  }

  /**
   * QUERY or SET. A command the service did not list is refused here with `needs-confirmation`
   * (as the engine would refuse it, but in a form the window turns into its second step); the
   * size limit is the engine's, refused in its words before anything is sent.
   */
  private async sendCommand(
    op: CommandCallOp,
    payload: RequestPayload<'mbn:query-command'>,
  ): Promise<RequestStory> {
    const { interfaceId, serviceId, commandId, force } = payload;
    const service = await this.findService(interfaceId, serviceId);
    const listed = service?.supportedCommands;
    if (service && listed && !listed.includes(commandId) && force !== true)
      throw new IpcFailure({
        code: 'needs-confirmation',
        message: `${service.name} did not list command ${commandId} among its supported commands. Confirm to send it anyway.`,
      });
    const data =
      typeof payload.data === 'string'
        ? (parseHex(payload.data) ?? new Uint8Array())
        : Uint8Array.from(payload.data);
    const input = { commandId, data, ...(force === true ? { force } : {}) };
    return (await this.options.engine.send(op, interfaceId, service?.serviceId ?? serviceId, input))
      .request;
  }

  /**
   * The journal's oldest files went (past the run's count, or the disk full): the window is told
   * where the journal starts now. Learnt only from page reads, it was never learnt by a window
   * following live, whose count went on saying 300,001 entries when the journal held 20,500, and
   * whose "Load earlier" brought in nothing. Heard while the journal writes, which must not throw.
   */
  private journalStarts(): void {
    let firstSeq: number;
    try {
      firstSeq = this.options.engine.journal.firstSeq;
    } catch {
      // Its oldest file unreadable now: the next page the window reads says where it starts.
      return;
    }
    this.batcher.push('mbn:journal-start', { firstSeq });
  }

  private onRecord(record: JournalRecord): void {
    this.batcher.push('mbn:log-rows', toLogRow(record));
    if (record.kind === 'device-arrival' || record.kind === 'device-removal') {
      this.batcher.push('mbn:device-changes', {
        type: record.kind === 'device-arrival' ? 'arrival' : 'removal',
        interfaceId: record.interfaceId,
        seq: record.seq,
      });
    } else if (record.kind === 'backend-status') {
      this.available = record.available;
      this.batcher.push('mbn:backend-status', this.backendInfo());
    }
  }
}

/** A host given no way to choose files (unit tests of other channels) refuses file requests. */
const NO_FILES: HostFiles = {
  chooseExportPath: () => Promise.reject(noFiles()),
  chooseLogToOpen: () => Promise.reject(noFiles()),
  choices: () => Promise.resolve({ picker: 'list', folder: null, files: [] }),
};

function noFiles(): IpcFailure {
  return new IpcFailure({ code: 'unavailable', message: 'This window cannot save or open files.' });
}

const BACKEND_CODES: Record<BackendErrorCode, IpcErrorCode> = {
  'unknown-device': 'unknown-device',
  'unknown-service': 'unknown-service',
  'invalid-argument': 'invalid-payload',
  'backend-closed': 'backend-closed',
  unavailable: 'unavailable',
  internal: 'internal',
};

function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return error.ipc;
  if (isBackendError(error)) return { code: BACKEND_CODES[error.code], message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Why a session call needs the technician's confirmation, in words; `null` when it does not. The
 * same table as the tracker's preconditions (shared/request/sessions.ts) says which session a call
 * needs open and which it opens.
 */
function needsConfirmation(
  op: Exclude<RequestOp, CommandCallOp | 'write'>,
  service: ServiceView,
): string | null {
  const stateOf = (session: 'data' | 'command') =>
    session === 'data' ? service.sessionState : service.commandSessionState;
  const needed = needsOpenSession(op);
  if (needed !== null && stateOf(needed) !== 'open')
    return `The ${needed} session of ${service.name} is ${stateOf(needed)}, not open. Confirm to send ${OP_WORDS[op]} anyway.`;
  const opens = opensSession(op);
  if (opens !== null && stateOf(opens) === 'open')
    return `The ${opens} session of ${service.name} is already open. Confirm to send ${OP_WORDS[op]} anyway.`;
  return null;
}

function failure(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 60)}"` : `of type ${typeof value}`;
}
