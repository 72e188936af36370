/**
 * The contract's export channels: export the live journal (or the saved log open in the window)
 * to a file main chooses with the user,
 * cancel it, and the progress events on the way. Apart because an export is a job with its own
 * id, answer and events, shared with no other channel.
 */
import { z } from 'zod';
import type { ExportPhase } from '../../shared/export-progress-words.js';
import { EXPORT_FORMATS, type ExportFormat } from '../core/export/formats.js';
import { logId } from './contract-saved-logs.js';
import {
  EARLIEST_MS,
  LATEST_MS,
  rangeProblem,
  type ExportRange,
} from '../../shared/export-range.js';
import type { KeptFromBefore } from '../../shared/range-count-words.js';
import type { SheetRest } from '../../shared/sheet-rows.js';

/** A time as epoch ms, within the years a range may name. */
const epochMs = z.number().int().min(EARLIEST_MS).max(LATEST_MS);

/** Only the records written from `from` to `to` (end excluded); an end before the start refused. */
const exportRange = z
  .object({ from: epochMs, to: epochMs })
  .strict()
  .refine((range) => rangeProblem(range) === null, {
    message: 'The range must end after it starts.',
  });

const exportId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);

/**
 * What to export: the live session (the default), or the saved log open in the window by its id,
 * for a support engineer who opened a customer's log and sends it on, redacted, as a report.
 */
export const exportLogRequest = z
  .object({
    exportId,
    format: z.enum(EXPORT_FORMATS),
    redact: z.boolean(),
    savedLogId: logId.optional(),
    range: exportRange.optional(),
    /**
     * With `savedLogId` of a run folder that is one of several: every run of its journal folder,
     * oldest first, in one file (as `mbn-diag export --all-runs`).
     */
    allRuns: z.literal(true).optional(),
  })
  .strict()
  .refine((r) => r.allRuns === undefined || r.savedLogId !== undefined, {
    message: 'allRuns is of a saved log',
  });
export const cancelExportRequest = z.object({ exportId }).strict();

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
  /**
   * Entries of the session its journal could not save to its file (a full or failing disk), so
   * missing from the export, whose records say which (but a capture's: it holds MBIM messages).
   */
  unsaved: number;
  /**
   * The time range the file holds: as asked, within the range a saved log held when it is an
   * export of one (shared `heldRange`); null for the whole log.
   */
  range: ExportRange | null;
  /**
   * Of `records`, those a range's export kept from before its range (the run's start, devices'
   * details): the confirmation says the range's own count apart from them. Null for the whole log.
   */
  keptFromBefore: KeptFromBefore | null;
  /**
   * Of a CSV of more records than Excel and LibreOffice Calc show (shared/sheet-rows.ts): the
   * times of the first and last records they leave out, the range to export for the rest. Else
   * null.
   */
  sheetRest: SheetRest | null;
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
  /** Records in the journal when the export started (for a percentage); 0 when not known. */
  total: number;
  /** Of a saved log: bytes of it read so far, and its size (a share where `total` is 0). */
  readBytes?: number | undefined;
  logBytes?: number | undefined;
  /** 'range': those are a time range's bytes, read of them and their size (range-seek.ts). */
  readOf?: 'log' | 'range' | undefined;
}
