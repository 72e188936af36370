/**
 * Export straight from a path: a run directory (the live session's `engine.journal.runDir`), a
 * journal root (its latest run), a saved .jsonl or a .zip bundle. What the app's main process and
 * the CLI both call, so they cannot differ.
 */
import { allRecords, openLog } from './open-log.js';
import type { ExportItem, ExportRequest, ExportResult } from './export-request.js';
import { ExportError, cancelledError } from './export-error.js';
import { refuseDestinationInSource } from './destination-outside-source.js';
import { exportLog } from './write-export.js';
import { deviceIdsIn } from './redact-device-ids.js';
import { LateDeviceIdError } from './redact.js';
import { sourceRedacted } from './source-redacted.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

export type ExportFromPathRequest = Omit<
  ExportRequest,
  'records' | 'problems' | 'problemsLeftOut' | 'sourceLabel' | 'deviceIds' | 'failOnLateDeviceId'
> & {
  /** What to export: a run directory, journal root, .jsonl file or .zip bundle. */
  source: string;
  /**
   * Records to end the export with, after the log's own: what the live journal says its file
   * lacks (Journal.noteExportedGap), which is not in the file being exported.
   */
  trailing?: readonly JournalRecord[];
};

/**
 * Throws LogOpenError when the source is not a log, ExportError when the export fails.
 *
 * Redacting, the export is one pass, and learns a device's ID where a record names it: one met in
 * text before that record would go out as it was. So a device ID no digit scan finds (a hex ESN
 * or MEID, a serial), met after any text, stops the export, and it is made again with the log's
 * device IDs found first (redact-device-ids.ts: one more read of the log). Most logs hold only
 * IMEIs, which the digit scan finds wherever they are, and are read once.
 */
export async function exportFromPath(request: ExportFromPathRequest): Promise<ExportResult> {
  await refuseDestinationInSource(request.source, request.destination);
  if (request.redact === false) return exportOnce(request, {});
  try {
    return await exportOnce(request, { failOnLateDeviceId: true });
  } catch (error) {
    if (!(error instanceof ExportError && error.cause instanceof LateDeviceIdError)) throw error;
  }
  // Said as it happens: the count of records written starts again from the first.
  const onProgress = request.onProgress;
  onProgress?.({ phase: 'searching', records: 0, bytes: 0 });
  let deviceIds: string[];
  try {
    deviceIds = await deviceIdsIn(request.source, request.signal, (readBytes, logBytes) =>
      onProgress?.({ phase: 'searching', records: 0, bytes: 0, readBytes, logBytes }),
    );
  } catch (error) {
    if (request.signal?.aborted) throw cancelledError();
    throw error;
  }
  return exportOnce(
    {
      ...request,
      onProgress:
        onProgress &&
        ((p) => {
          onProgress(p.phase === 'writing' ? { ...p, phase: 'rewriting' } : p);
        }),
    },
    { deviceIds },
  );
}

async function exportOnce(
  request: ExportFromPathRequest,
  redaction: Pick<ExportRequest, 'deviceIds' | 'failOnLateDeviceId'>,
): Promise<ExportResult> {
  const { source, trailing = [], ...rest } = request;
  let log;
  try {
    log = await openLog(source, rest.signal ? { signal: rest.signal } : {});
  } catch (error) {
    if (rest.signal?.aborted) throw cancelledError();
    throw error;
  }
  const onProgress = rest.onProgress;
  const opened = log;
  try {
    return await exportLog({
      ...rest,
      ...redaction,
      // With how much of the log is read: the share shown where its records are not counted.
      onProgress:
        onProgress &&
        ((p) => onProgress({ ...p, readBytes: opened.readBytes, logBytes: opened.logBytes })),
      records: withTrailing(allRecords(log), trailing),
      batches: (check) =>
        withTrailing<readonly ExportItem[]>(
          log.exportBatches(check),
          trailing.length > 0 ? [trailing] : [],
        ),
      sourceLabel: log.name,
      sourceRedacted: sourceRedacted(log),
      problems: () => log.problems,
      problemsLeftOut: () => log.problemsLeftOut,
    });
  } finally {
    log.close();
  }
}

/** `source`, then `trailing`; `source` itself when there is nothing to add (the usual case). */
function withTrailing<T>(source: AsyncIterable<T>, trailing: readonly T[]): AsyncIterable<T> {
  if (trailing.length === 0) return source;
  return (async function* () {
    yield* source;
    yield* trailing;
  })();
}
