/**
 * Export straight from a path: a run directory (the live session's `engine.journal.runDir`), a
 * journal root (its latest run), a saved .jsonl or a .zip bundle. What the app's main process and
 * the CLI both call, so they cannot differ.
 */
import { allRecords, openLog } from './open-log.js';
import type { ExportRequest, ExportResult } from './export-request.js';
import { cancelledError } from './export-error.js';
import { exportLog } from './write-export.js';
import { deviceIdsIn } from './redact-device-ids.js';

export type ExportFromPathRequest = Omit<ExportRequest, 'records' | 'problems' | 'sourceLabel'> & {
  /** What to export: a run directory, journal root, .jsonl file or .zip bundle. */
  source: string;
};

/** Throws LogOpenError when the source is not a log, ExportError when the export fails. */
export async function exportFromPath(request: ExportFromPathRequest): Promise<ExportResult> {
  const { source, ...rest } = request;
  let log;
  let deviceIds: string[] | undefined;
  try {
    log = await openLog(source, rest.signal ? { signal: rest.signal } : {});
    // Read once more, searched only for device IDs, so none is met before the export knows it.
    if (rest.redact !== false) deviceIds = await deviceIdsIn(source, rest.signal);
  } catch (error) {
    log?.close();
    if (rest.signal?.aborted) throw cancelledError();
    throw error;
  }
  try {
    return await exportLog({
      ...rest,
      ...(deviceIds ? { deviceIds } : {}),
      records: allRecords(log),
      batches: (check) => log.exportBatches(check),
      sourceLabel: log.name,
      problems: () => log.problems,
    });
  } finally {
    log.close();
  }
}
