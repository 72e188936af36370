/**
 * The export and saved-log core, as the main process (IPC) and the CLI use it. Platform-neutral:
 * Node built-ins and well-kept libraries only; nothing here knows about Electron or the UI.
 *
 * Export (main shows the save dialog and passes the chosen absolute path):
 *   exportFromPath({ source: runDir, format, destination, app, redact?, signal?, onProgress? })
 *   exportLog({ records, format, destination, app, ... })      // any async iterable of records
 *     → Promise<ExportResult>; rejects with ExportError (code + plain-words message)
 *
 * Open a saved log (read-only):
 *   openLog(path, { pageSize? }) → Promise<SavedLog>; rejects with LogOpenError
 *   log.firstPage, log.rest(), log.readRange(start, count), log.problems, log.close()
 */
export { EXPORT_FORMATS, FORMAT_INFO, isExportFormat } from './formats.js';
export type { ExportFormat, FormatInfo } from './formats.js';
export { exportLog } from './write-export.js';
export { exportFromPath } from './export-saved-log.js';
export type { ExportFromPathRequest } from './export-saved-log.js';
export type { ExportProgress, ExportRequest, ExportResult } from './export-request.js';
export { ExportError } from './export-error.js';
export type { ExportErrorCode } from './export-error.js';
export type { RedactionSummary } from './redact.js';
export { DEFAULT_PAGE_SIZE, LogOpenError, allRecords, openLog } from './open-log.js';
export type { LogKind, LogPage, OpenLogOptions, SavedLog } from './open-log.js';
export type { LogOpenErrorCode } from './log-location.js';
export type { BundleManifest } from './bundle-manifest.js';
