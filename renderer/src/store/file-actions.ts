/**
 * Export and open-saved-log, as the renderer asks for them. The renderer names a format and
 * whether to redact, or a file name from the list main offered; main chooses every path.
 */
import type {
  ExportProgressEvent,
  LogRow,
  SavedLogHolds,
  SavedRow,
} from '../../../electron/ipc/contract';
import { ApiError, call, listen, messageOf } from '../api';
import { forgetSearch } from '../search/search-actions';
import { RECORDED_WITH_SHOWN, SAVED_SOURCE, WHOLE_LOG, useFiles } from './files-store';
import { keptRow } from './kept-row';
import type { LogModel } from './log-model';
import { TimeZoneTally } from '../../../shared/journal/time-zone';
import { recordedWith } from '../../../shared/journal/record-text';
import { chosenRange } from '../files/range-choice';
import { useTimeMode, zoneOf } from './time-store';

let nextExportId = 1;

export function startFileEvents(): void {
  listen('mbn:export-progress', (batch: ExportProgressEvent[]) => {
    const current = useFiles.getState().exporting;
    if (!current) return;
    const latest = batch.filter((e) => e.exportId === current.exportId).pop();
    if (latest) useFiles.setState({ exporting: { ...current, progress: latest } });
  });
}

export async function startExport(): Promise<void> {
  const { format, includeIdentifiers, exporting, exportOf, saved, range } = useFiles.getState();
  if (exporting) return;
  // The panel offers Export… only for a range that reads; one typed since is not sent half-read.
  const chosen = chosenRange(range, zoneOf(useTimeMode.getState().mode));
  if (chosen.problem !== null) return;
  // The saved log open now: one closed meanwhile leaves the choice on the session.
  const savedLogId = exportOf !== 'session' ? saved?.logId : undefined;
  // Every run of its folder while it is one of several (a run opened since may not be).
  const allRuns = exportOf === 'all-runs' && saved?.runs !== undefined;
  const exportId = nextExportId++;
  useFiles.setState({
    exporting: { exportId, progress: null, cancelling: false },
    exportError: null,
    exportCancelled: null,
    lastExport: null,
  });
  try {
    const answer = await call('mbn:export-log', {
      exportId,
      format,
      redact: !includeIdentifiers,
      ...(savedLogId === undefined ? {} : { savedLogId, ...(allRuns ? { allRuns } : {}) }),
      ...(chosen.range ? { range: chosen.range } : {}),
    });
    if ('cancelled' in answer) return;
    // A deliberate opt-out counts for one export only: the next one is redacted again.
    useFiles.setState({ lastExport: answer, includeIdentifiers: false });
  } catch (error) {
    // A cancel the technician asked for is not a failure: said plainly, without alarm.
    const code = error instanceof ApiError ? error.error.code : null;
    useFiles.setState(
      code === 'export-cancelled'
        ? { exportCancelled: messageOf(error) }
        : { exportError: { words: messageOf(error), refused: code === 'export-refused' } },
    );
  } finally {
    useFiles.setState({ exporting: null });
  }
}

export async function cancelExport(): Promise<void> {
  const current = useFiles.getState().exporting;
  if (!current) return;
  useFiles.setState({ exporting: { ...current, cancelling: true } });
  await call('mbn:cancel-export', { exportId: current.exportId });
}

export async function refreshChoices(): Promise<void> {
  try {
    useFiles.setState({ choices: await call('mbn:list-saved-logs', {}) });
  } catch (error) {
    useFiles.setState({ openError: messageOf(error) });
  }
}

/**
 * Why the last open failed, taken: said where its button was (a run's, in the saved log's banner
 * or the count in the other runs), not left for the Open panel to show later as its own.
 */
export function takeOpenError(): string | null {
  const why = useFiles.getState().openError;
  useFiles.setState({ openError: null });
  return why;
}

/**
 * Opens a saved log (with a dialog in the app; by a name from the list in the preview), shows its
 * first page at once and pages in the rest. Returns true when one was opened. With `runOf`, `name`
 * is a run folder's, found by main beside the logs opened before or among the app's own runs
 * (`session`: among these alone), never by a dialog (contract-saved-logs.ts).
 */
export async function openSavedLog(name?: string, runOf?: 'opened' | 'session'): Promise<boolean> {
  useFiles.setState({ opening: true, openError: null });
  try {
    const answer = await call(
      'mbn:open-saved-log',
      name === undefined ? {} : { name, ...(runOf ? { runOf } : {}) },
    );
    if ('cancelled' in answer) return false;
    SAVED_SOURCE.model.clear();
    // The device and service filters name the last log's modems, and its search hits its
    // entries: kept, they showed a new log as empty, or jumped to the wrong entry. What kind,
    // outcome and words to look for still mean the same here, and stay.
    const filter = { ...SAVED_SOURCE.store.getState().filter, interfaceId: null, service: null };
    SAVED_SOURCE.model.setFilter(filter);
    SAVED_SOURCE.store.setState({
      selectedSeq: null,
      scrolledSeq: null,
      following: false,
      filter,
      holeError: null,
      broughtIn: null,
    });
    forgetSearch(SAVED_SOURCE);
    insert(keptRows(answer.rows));
    const timeZones = new TimeZoneTally();
    const recordedBy = new Set<string>();
    noteRunStarts(timeZones, recordedBy, answer.rows);
    // The log just opened is the one being looked at: Export offers it first (a support
    // engineer exporting a customer's log sent the live session by default, one choice below).
    useFiles.setState({
      exportOf: 'saved-log',
      // Times typed for another log (the session's latest hour) are not this one's.
      range: WHOLE_LOG,
      saved: {
        timeZones,
        recordedWith: recordedBy,
        logId: answer.logId,
        name: answer.name,
        kind: answer.kind,
        count: answer.count,
        complete: answer.complete,
        counted: answer.counted,
        problems: answer.problems,
        tornTail: answer.tornTail,
        range: answer.range,
        ...(answer.expected === undefined ? {} : { expected: answer.expected }),
        // Said with the first rows: the banner's run line does not wait for the index.
        ...(answer.run ? { run: answer.run } : {}),
        ...(answer.runs ? { runs: answer.runs } : {}),
        ...(answer.endedAbnormally ? { endedAbnormally: answer.endedAbnormally } : {}),
        mbimMessages: null,
      },
    });
    void readRest(answer.logId, answer.complete, answer.count);
    void learnHolds(answer.logId);
    return true;
  } catch (error) {
    useFiles.setState({ openError: messageOf(error) });
    return false;
  } finally {
    useFiles.setState({ opening: false });
  }
}

/**
 * What the log holds that the export panel must know before an export starts (its MBIM messages,
 * for a capture), as main counts it from the log's index: answered once the index is built, while
 * its rows come. Nothing known (a failure, another log opened meanwhile): the panel offers what it
 * offered, and the export says.
 */
async function learnHolds(logId: number): Promise<void> {
  let holds: SavedLogHolds;
  try {
    holds = await call('mbn:saved-log-holds', { logId });
  } catch {
    return;
  }
  useFiles.setState((s) =>
    s.saved?.logId === logId ? { saved: { ...s.saved, mbimMessages: holds.mbimMessages } } : {},
  );
}

/** How often the window is redrawn while the rest of a saved log streams in. */
const PUBLISH_MS = 250;

/**
 * Pages in the rest of a saved log, asking for each page before taking in the last. The rows go
 * into the model as they come, but the window (log, timeline, banner) is redrawn at most every
 * PUBLISH_MS: redrawn for every page of 2,000 rows, the timeline was drawn again 500 times for a
 * million-record log. Stops as soon as another log is opened, so none of this one's rows or
 * errors land in the next. A page without rows that counts more records than the last is how far
 * main has read towards a large bundle's newest rows (saved-logs.ts `skip`): said, and read on.
 */
async function readRest(logId: number, complete: boolean, count: number): Promise<void> {
  const current = () => useFiles.getState().saved?.logId === logId;
  let published = Date.now();
  let unpublished = false;
  let counted = count;
  // The page after the first: from it, the rows before it are kept (below).
  let second = true;
  // One page asked for ahead: main reads it while this one is taken in.
  let asked = complete ? undefined : ask(logId);
  while (asked) {
    let page: Awaited<ReturnType<typeof nextPage>>;
    try {
      page = await asked;
    } catch (error) {
      if (!current()) return;
      useFiles.setState({ openError: messageOf(error) });
      SAVED_SOURCE.model.mergeAside();
      unpublished = true;
      break;
    }
    if (!current()) return;
    const onward = page.rows.length === 0 && page.count > counted;
    counted = page.count;
    const done = page.complete || (page.rows.length === 0 && !onward);
    asked = done ? undefined : ask(logId);
    // A large log's newest rows, seconds after its first page: the window holds them beside the
    // rows it has, the first page and any a jump (a search hit, a time) brought in, and counts
    // the newest alone against its capacity (LogModel.keepBefore). Those rows stay where they
    // are, so the technician reading one keeps it, its selection and the scroll on it: emptied
    // for the newest, the window showed #750,001 under a technician reading #37. The rows jumped
    // to were lost so too, and then put back only once the last page was in; put back at once,
    // they made the window too full at its last page, which dropped them and 25,000 of the
    // newest. Counted apart, they can neither go nor crowd the newest out.
    //
    // A log main sends every row of (a bundle without a manifest to count it by, a journal folder
    // whose index cannot be had) keeps its first page so too: the newest rows that come after it
    // are those counted against the window's capacity, the oldest of them dropped, not it.
    const model = SAVED_SOURCE.model;
    const first = page.rows[0]?.seq;
    if (first !== undefined && (page.restart || second)) model.keepBefore(first);
    if (first !== undefined) second = false;
    // Pages that land before rows a jump brought in (Go to the end before they came) go in at
    // once with the last page, not each by itself (LogModel.insertAside).
    if (first !== undefined && first <= (model.lastSeq ?? 0))
      model.insertAside(keptRows(page.rows));
    else model.insert(keptRows(page.rows));
    if (done) model.mergeAside();
    const saved = useFiles.getState().saved;
    if (saved) noteRunStarts(saved.timeZones, saved.recordedWith, page.rows);
    unpublished = true;
    if (done || Date.now() - published >= PUBLISH_MS) {
      publish(page);
      published = Date.now();
      unpublished = false;
    }
  }
  if (unpublished && current()) SAVED_SOURCE.store.setState((s) => ({ version: s.version + 1 }));
}

/** Asks for the next page; a failure is reported where it is awaited, never as unhandled. */
function ask(logId: number): ReturnType<typeof nextPage> {
  const asked = nextPage(logId);
  asked.catch(() => undefined);
  return asked;
}

const nextPage = (logId: number) => call('mbn:read-saved-log', { logId });

function publish(page: Awaited<ReturnType<typeof nextPage>>): void {
  SAVED_SOURCE.store.setState((s) => ({ version: s.version + 1 }));
  useFiles.setState((s) =>
    s.saved
      ? {
          saved: {
            ...s.saved,
            count: page.count,
            complete: page.complete,
            counted: page.counted,
            problems: page.problems,
            tornTail: page.tornTail,
          },
        }
      : {},
  );
}

function insert(rows: Parameters<LogModel['insert']>[0]): void {
  SAVED_SOURCE.model.insert(rows);
  SAVED_SOURCE.store.setState((s) => ({ version: s.version + 1 }));
}

/**
 * What the banner learns from a page's run-start records: their zones, and what recorded them.
 * Counted as they are read, not from the window's rows: of a long log the window keeps the
 * newest, and its first run's start is gone.
 */
function noteRunStarts(
  tally: TimeZoneTally,
  recordedBy: Set<string>,
  rows: readonly SavedRow[],
): void {
  for (const { record } of rows)
    if (record.kind === 'run-start') {
      tally.add(record.timeZone, record.time);
      // A journal folder of many runs names a few setups: the banner lists the first ones, and
      // says there are more (one past the most it lists is kept, to know).
      if (recordedBy.size <= RECORDED_WITH_SHOWN) recordedBy.add(recordedWith(record));
    }
}

/** A page's rows as the window keeps them: each made whole from its record where it is read. */
function keptRows(rows: readonly SavedRow[]): LogRow[] {
  return rows.map((row) => keptRow(row.seq, row.hresult, row.record));
}
