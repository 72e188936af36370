/**
 * Export straight from a path: a run directory (the live session's `engine.journal.runDir`), a
 * journal root (its latest run), a saved .jsonl or a .zip bundle. What the app's main process and
 * the CLI both call, so they cannot differ.
 */
import { allRecords, openLog, type PartPosition, type SavedLog } from './open-log.js';
import { openAllRuns, type ExportableLog } from './all-runs-log.js';
import { lostInRange, runsInRange } from './runs-in-range.js';
import { basename } from 'node:path';
import { locateLog } from './log-location.js';
import { endedAbnormally } from '../journal-files.js';
import {
  recordCount,
  type ExportItem,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
} from './export-request.js';
import { rangeSeek, type RangeSeek } from './range-seek.js';
import { heldRange, type ExportRange } from '../../../shared/export-range.js';
import { ExportError, cancelledError } from './export-error.js';
import { refuseDestinationInSource } from './destination-outside-source.js';
import { exportLog } from './write-export.js';
import { deviceIdsIn, MAX_DEVICE_IDS } from './redact-device-ids.js';
import { LateDeviceIdError } from './redact.js';
import { sourceHeader } from './source-header.js';
import { RawLine } from './raw-line.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { countingKept, withinRange } from './time-range-filter.js';
import type { KeptFromBefore } from '../../../shared/range-count-words.js';

export type ExportFromPathRequest = Omit<
  ExportRequest,
  'records' | 'problems' | 'problemsLeftOut' | 'sourceLabel' | 'deviceIds' | 'failOnLateDeviceId'
> & {
  /** What to export: a run directory, journal root, .jsonl file or .zip bundle. */
  source: string;
  /**
   * A journal root's every run, oldest first, rather than its newest (all-runs-log.ts). A range is
   * then found by reading the runs, not through their indexes.
   */
  allRuns?: boolean;
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
  const folder = request.allRuns ? await runsOfFolder(request.source) : undefined;
  const deviceIds = await searchIds(folder?.runs ?? [request.source], request, 'searching');
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
  const { source, trailing = [], allRuns, ...rest } = request;
  const folder = allRuns ? await runsOfFolder(source) : undefined;
  const runs = folder?.runs;
  // Of a range, only the runs that may hold a time in it are read (runs-in-range.ts), and only
  // the lost ones that may have held one are named.
  const toRead = runs && rest.range ? await runsInRange(runs, rest.range) : runs;
  const lost =
    folder && rest.range ? lostInRange(folder.lost, folder.runs, rest.range) : folder?.lost;
  let log: ExportableLog;
  try {
    const options = rest.signal ? { signal: rest.signal } : {};
    log = runs
      ? await openAllRuns(source, toRead ?? runs, options, runs.length + (lost?.length ?? 0), lost)
      : await openLog(source, { ...options, sourceProblems: true });
  } catch (error) {
    if (rest.signal?.aborted) throw cancelledError();
    throw error;
  }
  const onProgress = rest.onProgress;
  const opened = log;
  const said = sourceHeader(opened);
  // An export's file exported again keeps what its header or manifest says of its runs.
  const abnormalRuns =
    opened.kind === 'run-directory' || toRead
      ? endedAbnormallyOf(toRead ?? [opened.path])
      : (said.abnormalRuns ?? []);
  const folderRuns = runs ? runs.map((run) => basename(run)) : said.folderRuns;
  try {
    const range = rest.range;
    // A range's export exported again holds that range still (all it has is in it, or kept
    // from before it): said so, and its span is the range's (source-header.ts).
    const held = heldRange(range, said.range);
    // Redacting a range, the log's device IDs are looked for from the first line: most of their
    // records are outside the range, where the redactor never meets them. Unless searched for
    // already (the export made again), the index names them, or the log's bytes are searched.
    const learning = rest.redact !== false && redaction.deviceIds === undefined;
    const seek =
      range && !runs ? await rangeStart(source, opened, range, rest, learning) : undefined;
    const named = seek?.seek.deviceIds;
    const searched =
      learning && seek && named === undefined
        ? await searchIds([source], rest, 'indexing')
        : undefined;
    const deviceIds = [...(redaction.deviceIds ?? []), ...(named ?? []), ...(searched ?? [])];
    // Not searched for: one named only in a record left out sends the export round again.
    const checkIds = learning && searched === undefined ? deviceIds : undefined;
    // What the range's filter sends from before the range, counted as it goes out.
    const kept: KeptFromBefore = { runStarts: 0, devices: 0 };
    // Whether the range's own bytes are being read yet (before, the log's place is the first
    // page's, not the range's).
    const reading = { begun: false };
    const result = await exportLog({
      ...rest,
      range: held,
      ...redaction,
      ...(deviceIds.length > 0 ? { deviceIds } : {}),
      // With how much of the log is read, or of the range where only its bytes are: the share
      // shown where its records are not counted.
      onProgress:
        onProgress &&
        ((p) => onProgress({ ...p, ...readShare(opened, seek?.seek.bytes, reading.begun) })),
      // Read instead of `records` (exportLog reads batches where a source gives them).
      records: allRecords(log),
      batches: (check) => {
        const batches = log.exportBatches(check, seek?.from);
        const chosen = range
          ? withinRange(
              seek
                ? seekBatches(batches, seek.seek, () => {
                    reading.begun = true;
                  })
                : batches,
              range,
              checkIds,
              kept,
            )
          : held
            ? countingKept(batches, held, kept)
            : batches;
        // What the session's journal says its file lacks stays, whatever its time: an export
        // lacking entries says so, in or out of the range.
        return withTrailing(chosen, trailing);
      },
      sourceLabel: log.name,
      ...(folderRuns ? { folderRuns } : {}),
      abnormalRuns,
      ...(said.sources ? { sourceChain: said.sources } : {}),
      sourceRedacted: said.redacted,
      problems: () => log.problems,
      problemsLeftOut: () => log.problemsLeftOut,
    });
    // Saved: every run it read has been looked at (openLog marks one run as it opens it).
    log.markSeen?.();
    const told = abnormalRuns.length > 0 ? { ...result, abnormalRuns } : result;
    return held ? { ...told, range: held, keptFromBefore: kept } : told;
  } finally {
    log.close();
  }
}

/** The names of those of `runs` that ended abnormally (journal-files.ts endedAbnormally). */
function endedAbnormallyOf(runs: readonly string[]): string[] {
  return runs.filter((run) => endedAbnormally(run)).map((run) => basename(run));
}

/**
 * Where in the opened log a range's export starts (range-seek.ts), or undefined to read it all:
 * no index to use, or its files are not the log's any more (the live run dropped its oldest).
 */
async function rangeStart(
  source: string,
  log: Pick<SavedLog, 'partOf'>,
  range: ExportRange,
  { signal, onProgress }: Pick<ExportFromPathRequest, 'signal' | 'onProgress'>,
  deviceIds: boolean,
): Promise<{ seek: RangeSeek; from: PartPosition } | undefined> {
  let seek: RangeSeek | undefined;
  try {
    seek = await rangeSeek(source, range, {
      deviceIds,
      ...(signal ? { signal } : {}),
      onIndexing: (readBytes, logBytes) =>
        onProgress?.({ phase: 'indexing', records: 0, bytes: 0, readBytes, logBytes }),
    });
  } catch {
    if (signal?.aborted) throw cancelledError();
    // An index that cannot be read or built (a file the live run dropped meanwhile, a folder
    // refusing its sidecar) costs the export its speed, not its records: it reads the log whole.
    return undefined;
  }
  const part = seek ? log.partOf(seek.file) : -1;
  return seek && part >= 0
    ? { seek, from: { part, offset: seek.offset, line: seek.line } }
    : undefined;
}

/**
 * How far the export has read: the log's bytes, or, where only a range's are read (found in the
 * index: range-seek.ts), the range's, from its start to its end. The share of the log read said
 * where in the week a day sits: "72% of the log read" at once, then "86%", then done.
 */
function readShare(
  log: Pick<SavedLog, 'readBytes' | 'logBytes'>,
  range: RangeSeek['bytes'] | undefined,
  begun: boolean,
): Pick<ExportProgress, 'readBytes' | 'logBytes' | 'readOf'> {
  if (!range) return { readBytes: log.readBytes, logBytes: log.logBytes };
  const of = range.end - range.start;
  const done = begun ? Math.min(of, Math.max(0, log.readBytes - range.start)) : 0;
  return { readBytes: done, logBytes: of, readOf: 'range' };
}

/**
 * The log's device IDs, its bytes searched (redact-device-ids.ts), how far along said in the words
 * of `phase`: a device ID turned up late (`searching`), or a range is being prepared (`indexing`).
 */
async function searchIds(
  sources: readonly string[],
  { signal, onProgress }: Pick<ExportFromPathRequest, 'signal' | 'onProgress'>,
  phase: 'searching' | 'indexing',
): Promise<string[]> {
  const ids = new Set<string>();
  // Runs searched one after another, how far along said of the bytes of those read so far.
  let before = 0;
  try {
    for (const source of sources) {
      let read = 0;
      const found = await deviceIdsIn(source, signal, (readBytes, logBytes) => {
        read = readBytes;
        onProgress?.({
          phase,
          records: 0,
          bytes: 0,
          readBytes: before + readBytes,
          logBytes: sources.length === 1 ? logBytes : undefined,
        });
      });
      before += read;
      for (const id of found) if (ids.size < MAX_DEVICE_IDS) ids.add(id);
    }
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    throw error;
  }
  return [...ids];
}

/**
 * A journal root's runs, oldest first, when it holds more than one (log-location.ts); undefined
 * for anything else, which is read as it is.
 */
async function runsOfFolder(
  source: string,
): Promise<{ runs: readonly string[]; lost: readonly string[] } | undefined> {
  const { runs, lostRuns = [] } = await locateLog(source);
  // A run and a lost one are two runs: the export names the lost one, as missing from it.
  return runs !== undefined && runs.length + lostRuns.length >= 2
    ? { runs, lost: lostRuns }
    : undefined;
}

/**
 * The run's start and devices' details from the part of the log passed over, then its batches
 * from the range's start; stopped once past every bucket that may hold a time in the range.
 */
async function* seekBatches(
  source: AsyncGenerator<readonly ExportItem[]>,
  seek: RangeSeek,
  onRead: () => void,
): AsyncGenerator<readonly ExportItem[]> {
  if (seek.context.length > 0) yield seek.context;
  // No bucket holds a time in the range, and the log grows no more: nothing to read.
  if (seek.records === 0) return;
  let records = 0;
  try {
    for await (const batch of source) {
      onRead();
      yield batch;
      records += recordCount(batch);
      if (seek.records !== undefined && records >= seek.records) return;
    }
  } finally {
    await source.return(undefined);
  }
}

/**
 * The log's batches, then those of `trailing` it did not hold itself. The live journal may write
 * a trailing record to its file while the export reads it (to the file's end, as it is when the
 * read gets there): given twice, it was counted twice, and stood after records newer than it.
 * Each line is looked at for the record's stamp only when there is one (the rare export made
 * while the journal file lacks entries).
 */
function withTrailing(
  source: AsyncIterable<readonly ExportItem[]>,
  trailing: readonly JournalRecord[],
): AsyncIterable<readonly ExportItem[]> {
  if (trailing.length === 0) return source;
  return (async function* () {
    // Every line the journal writes starts with its stamp: `{"v":2,"seq":N,"time":…`.
    const unseen = new Map(trailing.map((r) => [r.seq, `"seq":${String(r.seq)},"time":`]));
    for await (const batch of source) {
      for (const item of batch)
        for (const [seq, stamp] of unseen)
          if (item instanceof RawLine ? item.includes(stamp) : item.seq === seq) unseen.delete(seq);
      yield batch;
    }
    const left = trailing.filter((r) => unseen.has(r.seq));
    if (left.length > 0) yield left;
  })();
}
