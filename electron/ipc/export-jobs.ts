/**
 * Exports started from the app: one file the user chose, progress back to the window as events,
 * and cancellation by id. The export core streams to a temporary file and renames it into place
 * only when complete, so a cancelled or failed export leaves nothing behind.
 */
import { basename, dirname } from 'node:path';
import { ExportError, FORMAT_INFO, LogOpenError, exportFromPath } from '../core/export/index.js';
import { exportFileName } from '../core/export/export-name.js';
import { logTimeSpanWords } from '../core/export/log-time-span.js';
import type { ExportFormat } from '../core/export/formats.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import { heldRange, type ExportRange } from '../../shared/export-range.js';
import type { ExportDone, ExportNotStarted, ExportProgressEvent } from './contract.js';
import type { HostFiles } from './host-files.js';
import { IpcFailure } from './ipc-failure.js';

export interface ExportJobRequest {
  exportId: number;
  format: ExportFormat;
  redact: boolean;
  /** The live session's run directory, or the saved log's file. */
  source: string;
  /** Which it is, for the words of a failure to read it (the session when not said). */
  what?: 'session' | 'saved-log';
  /**
   * Called once the destination is chosen, before anything is read: the session's journal writes
   * what it holds, and tells what its file lacks (a full disk): `trailing`, records to end the
   * export with, saying which entries its file does not say yet; `unsaved`, how many it lacks.
   */
  beforeWrite: () => { trailing: readonly JournalRecord[]; unsaved: number };
  /** Records in it now, for a percentage. */
  total: number;
  /** Only the records written in this range (the whole log when absent). */
  range?: ExportRange | undefined;
  /** `source` is a journal folder: every run of it, oldest first. */
  allRuns?: boolean;
  /**
   * The range a saved log holds, when it is an export of one: the export holds no more (shared
   * `heldRange`), and its file's name and the words of its result say those times, not when it
   * was exported again.
   */
  heldRange?: ExportRange | undefined;
  /** Models of the session's devices: the offered file name says which modem it is about. */
  deviceModels: () => Promise<readonly string[]>;
  /**
   * A saved log's first and last times: the offered name of the whole log's export says them, as
   * a range's says its range (named by the time of the export, two week-logs could not be told
   * apart). Undefined, or for the live session, the export's time.
   */
  span?: () => Promise<ExportRange | undefined>;
  app: { name: string; version: string };
  /** The export's time (tests fix it). */
  now?: () => Date;
}

export class ExportJobs {
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly files: HostFiles,
    private readonly onProgress: (event: ExportProgressEvent) => void,
  ) {}

  async run(request: ExportJobRequest): Promise<ExportDone | ExportNotStarted> {
    const { exportId, format } = request;
    if (this.running.has(exportId))
      throw new IpcFailure({ code: 'export-failed', message: 'That export is already running.' });
    const controller = new AbortController();
    this.running.set(exportId, controller);
    const held = heldRange(request.range, request.heldRange);
    try {
      const suggested = exportFileName(
        await request.deviceModels().catch(() => []),
        request.now?.() ?? new Date(),
        FORMAT_INFO[format].extension,
        held ?? (await request.span?.().catch(() => undefined)),
      );
      const destination = await this.files.chooseExportPath(suggested, format);
      if (destination === null) return { exportId, cancelled: true };
      if (controller.signal.aborted)
        throw new IpcFailure({
          code: 'export-cancelled',
          message: 'The export was cancelled. Nothing was saved.',
        });
      const { trailing, unsaved } = request.beforeWrite();
      // Where to save it is known: said at once, or the panel went on asking for it (a second
      // or more before a week's log gave its first progress).
      const total = request.range ? 0 : request.total;
      this.onProgress({ exportId, phase: 'writing', records: 0, bytes: 0, total });
      const result = await exportFromPath({
        source: request.source,
        trailing,
        format,
        destination,
        app: request.app,
        redact: request.redact,
        ...(request.range ? { range: request.range } : {}),
        ...(request.allRuns ? { allRuns: true } : {}),
        signal: controller.signal,
        onProgress: (p) =>
          this.onProgress({
            exportId,
            phase: p.phase,
            records: p.records,
            bytes: p.bytes,
            // A range's share of the log is not known before it is read: its count alone.
            total,
            readBytes: p.readBytes,
            logBytes: p.logBytes,
            readOf: p.readOf,
          }),
      });
      return {
        exportId,
        format,
        fileName: basename(result.destination),
        folder: dirname(result.destination),
        records: result.records,
        bytes: result.bytes,
        redacted: result.redacted,
        redactedCounts: { ...(result.redaction?.counts ?? {}) },
        unreadable: result.unreadable,
        unsaved,
        range: held ?? null,
        keptFromBefore: result.keptFromBefore ?? null,
        sheetRest: result.sheetRest ?? null,
      };
    } catch (error) {
      if (error instanceof ExportError && error.code === 'nothing-to-export') {
        // A range nothing was logged in: the log's own times, to choose one within them.
        const span = request.range ? await logTimeSpanWords(request.source) : undefined;
        throw new IpcFailure({
          code: 'export-refused',
          message: span ? `${error.message} ${span}` : error.message,
        });
      }
      if (error instanceof ExportError)
        throw new IpcFailure({
          code: error.code === 'cancelled' ? 'export-cancelled' : 'export-failed',
          message: error.message,
        });
      if (error instanceof LogOpenError)
        throw new IpcFailure({
          code: 'export-failed',
          message: `${request.what === 'saved-log' ? 'The saved log' : "The session's journal"} could not be read: ${error.message} Nothing was saved.`,
        });
      throw error;
    } finally {
      this.running.delete(exportId);
    }
  }

  /** Stops a running export; false when there was none with that id. */
  cancel(exportId: number): boolean {
    const controller = this.running.get(exportId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
