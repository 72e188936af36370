/**
 * Export and open-saved-log, as the renderer asks for them. The renderer names a format and
 * whether to redact, or a file name from the list main offered; main chooses every path.
 */
import type { ExportProgressEvent, LogRow, SavedRow } from '../../../electron/ipc/contract';
import { ApiError, call, listen } from '../api';
import { forgetSearch } from '../search/search-actions';
import { SAVED_SOURCE, useFiles } from './files-store';
import { keptRow } from './kept-row';
import type { LogModel } from './log-model';
import { keepJumpsIn, takeJumped } from './saved-jumps';
import { TimeZoneTally } from '../../../shared/journal/time-zone';

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
  const { format, includeIdentifiers, exporting, exportOf, saved } = useFiles.getState();
  if (exporting) return;
  // The saved log open now: one closed meanwhile leaves the choice on the session.
  const savedLogId = exportOf === 'saved-log' ? saved?.logId : undefined;
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
      ...(savedLogId === undefined ? {} : { savedLogId }),
    });
    if ('cancelled' in answer) return;
    // A deliberate opt-out counts for one export only: the next one is redacted again.
    useFiles.setState({ lastExport: answer, includeIdentifiers: false });
  } catch (error) {
    // A cancel the technician asked for is not a failure: said plainly, without alarm.
    const cancelled = error instanceof ApiError && error.error.code === 'export-cancelled';
    useFiles.setState(
      cancelled ? { exportCancelled: messageOf(error) } : { exportError: messageOf(error) },
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
 * Opens a saved log (with a dialog in the app; by a name from the list in the preview), shows its
 * first page at once and pages in the rest. Returns true when one was opened.
 */
export async function openSavedLog(name?: string): Promise<boolean> {
  useFiles.setState({ opening: true, openError: null });
  try {
    const answer = await call('mbn:open-saved-log', name === undefined ? {} : { name });
    if ('cancelled' in answer) return false;
    SAVED_SOURCE.model.clear();
    // The device and service filters name the last log's modems, and its search hits its
    // entries: kept, they showed a new log as empty, or jumped to the wrong entry. What kind,
    // outcome and words to look for still mean the same here, and stay.
    const filter = { ...SAVED_SOURCE.store.getState().filter, interfaceId: null, service: null };
    SAVED_SOURCE.model.setFilter(filter);
    SAVED_SOURCE.store.setState({ selectedSeq: null, following: false, filter });
    forgetSearch(SAVED_SOURCE);
    insert(keptRows(answer.rows));
    const timeZones = new TimeZoneTally();
    noteTimeZones(timeZones, answer.rows);
    // The log just opened is the one being looked at: Export offers it first (a support
    // engineer exporting a customer's log sent the live session by default, one choice below).
    useFiles.setState({
      exportOf: 'saved-log',
      saved: {
        timeZones,
        logId: answer.logId,
        name: answer.name,
        kind: answer.kind,
        count: answer.count,
        complete: answer.complete,
        problems: answer.problems,
        tornTail: answer.tornTail,
      },
    });
    void readRest(answer.logId, answer.complete);
    return true;
  } catch (error) {
    useFiles.setState({ openError: messageOf(error) });
    return false;
  } finally {
    useFiles.setState({ opening: false });
  }
}

/** How often the window is redrawn while the rest of a saved log streams in. */
const PUBLISH_MS = 250;

/**
 * Pages in the rest of a saved log, asking for each page before taking in the last. The rows go
 * into the model as they come, but the window (log, timeline, banner) is redrawn at most every
 * PUBLISH_MS: redrawn for every page of 2,000 rows, the timeline was drawn again 500 times for a
 * million-record log. Stops as soon as another log is opened, so none of this one's rows or
 * errors land in the next.
 */
async function readRest(logId: number, complete: boolean): Promise<void> {
  const current = () => useFiles.getState().saved?.logId === logId;
  let published = Date.now();
  let unpublished = false;
  // Whether the newest rows took the first page's place, and the first of them (see below).
  let restarted = false;
  let newestFrom = 0;
  if (!complete) keepJumpsIn(logId);
  // One page asked for ahead: main reads it while this one is taken in.
  let asked = complete ? undefined : ask(logId);
  while (asked) {
    let page: Awaited<ReturnType<typeof nextPage>>;
    try {
      page = await asked;
    } catch (error) {
      if (!current()) return;
      useFiles.setState({ openError: messageOf(error) });
      unpublished = putBackJumps(logId, restarted) || unpublished;
      break;
    }
    if (!current()) return;
    const done = page.complete || page.rows.length === 0;
    asked = done ? undefined : ask(logId);
    // A large log's newest rows: the window holds them, not its first page. Rows a jump (a
    // search hit, a time) brought in while the log pages in, kept as each jump came
    // (./saved-jumps.ts), are put back once every page is in: emptied with the first page, the
    // rows jumped to vanished (picked from the window instead, those within the first page's own
    // range went with it); put back at once, they made the window too full at its last page,
    // which then dropped them and 25,000 of the newest. Rows a jump brought in after the newest
    // began stay until the window would be that full, and are then put aside the same way.
    const model = SAVED_SOURCE.model;
    if (page.restart) {
      restarted = true;
      newestFrom = page.rows[0]?.seq ?? 0;
      model.clear();
    } else if (restarted && model.rows.length + page.rows.length > model.capacity)
      model.dropBefore(newestFrom);
    model.insert(keptRows(page.rows));
    const timeZones = useFiles.getState().saved?.timeZones;
    if (timeZones) noteTimeZones(timeZones, page.rows);
    if (done) putBackJumps(logId, restarted);
    unpublished = true;
    if (done || Date.now() - published >= PUBLISH_MS) {
      publish(page);
      published = Date.now();
      unpublished = false;
    }
  }
  if (unpublished && current()) SAVED_SOURCE.store.setState((s) => ({ version: s.version + 1 }));
}

/**
 * Puts the rows jumped to back into the window once its newest rows are in (or no more come),
 * when those took the first page's place; otherwise the window kept them. True if any were.
 */
function putBackJumps(logId: number, restarted: boolean): boolean {
  const jumped = takeJumped(logId);
  if (!restarted || jumped.length === 0) return false;
  SAVED_SOURCE.model.insert(jumped);
  return true;
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
 * The zones of the run-start records among a page's rows. Counted as they are read, not from the
 * window's rows: of a long log the window keeps the newest, and its first run's start is gone.
 */
function noteTimeZones(tally: TimeZoneTally, rows: readonly SavedRow[]): void {
  for (const { record } of rows)
    if (record.kind === 'run-start') tally.add(record.timeZone, record.time);
}

/** A page's rows as the window keeps them: each made whole from its record where it is read. */
function keptRows(rows: readonly SavedRow[]): LogRow[] {
  return rows.map((row) => keptRow(row.seq, row.hresult, row.record));
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}
