/**
 * The export and saved-log core, as the main process (IPC) and the CLI use it. Platform-neutral:
 * Node built-ins and well-kept libraries only; nothing here knows about Electron or the UI.
 *
 * Export (main shows the save dialog and passes the chosen absolute path):
 *   exportFromPath({ source: runDir, format, destination, app, redact?, signal?, onProgress? })
 *     → Promise<ExportResult>; rejects with ExportError (code + plain-words message)
 *
 * Open a saved log (read-only):
 *   openLog(path, { pageSize? }) → Promise<SavedLog>; rejects with LogOpenError
 *   log.firstPage, log.rest(), log.readRange(start, count), log.problems, log.close()
 */
export { FORMAT_INFO } from './formats.js';
export { exportFromPath } from './export-saved-log.js';
export { ExportError } from './export-error.js';
export { LogOpenError, openLog } from './open-log.js';
export type { SavedLog } from './open-log.js';
