/**
 * The saved log open in the window, read-only: its first page at once, then the rest a page at a
 * time as the renderer asks, so a large file shows its first rows without waiting for the end.
 * One at a time: opening another closes the previous. Rows are numbered by their position in
 * the file, because a saved log can hold several runs whose own numbers start again at 1.
 *
 * A page is also bounded in size, not only in rows: a log's lines may each be up to 1 MiB, and a
 * few hundred of them (a 300 MB file, or a zip bundle of a few hundred kB) made one answer too
 * large to send (the preview's JSON.stringify threw; Electron's IPC copies it all at once). Rows
 * over the budget wait for the next page, and the page says the log is not complete until then.
 */
import { basename } from 'node:path';
import { LogOpenError, openLog, type SavedLog } from '../core/export/index.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { LogRow, SavedLogAnswer, SavedLogPage } from './contract.js';
import { MAX_PAGE } from './contract.js';
import type { HostFiles } from './host-files.js';
import { IpcFailure } from './ipc-failure.js';
import { toLogRow } from './log-row.js';
import { PAGE_CHARS, rowChars } from './row-size.js';

interface Held {
  records: JournalRecord[];
  first: number;
}

export class SavedLogs {
  private current:
    | {
        id: number;
        log: SavedLog;
        pages: AsyncGenerator<Held>;
        /** Records read but not sent yet: the last page was full. */
        held: Held | undefined;
      }
    | undefined;
  private nextId = 1;

  constructor(
    private readonly files: HostFiles,
    /** Tests lower it. */
    private readonly pageChars = PAGE_CHARS,
  ) {}

  async open(name: string | undefined): Promise<SavedLogAnswer> {
    const path = await this.files.chooseLogToOpen(name);
    if (path === null) return { cancelled: true };
    let log: SavedLog;
    try {
      log = await openLog(path, { pageSize: MAX_PAGE });
    } catch (error) {
      if (error instanceof LogOpenError)
        throw new IpcFailure({ code: 'open-failed', message: error.message });
      throw error;
    }
    this.close();
    const id = this.nextId++;
    const [rows, held] = this.split(log.firstPage.records, 0);
    this.current = { id, log, pages: log.rest(), held };
    return {
      ...page(id, log, rows, held),
      name: basename(log.name),
      kind: log.kind,
      readOnly: true,
    };
  }

  async next(logId: number): Promise<SavedLogPage> {
    const current = this.current;
    if (!current || current.id !== logId)
      throw new IpcFailure({
        code: 'open-failed',
        message: 'That saved log is no longer open. Open it again.',
      });
    let from = current.held;
    if (!from) {
      const next = await current.pages.next();
      if (next.done) return page(logId, current.log, [], undefined);
      from = next.value;
    }
    const [rows, held] = this.split(from.records, from.first);
    current.held = held;
    return page(logId, current.log, rows, held);
  }

  /** The rows that fit in one page (at least one), and the records left for the next. */
  private split(records: readonly JournalRecord[], first: number): [LogRow[], Held | undefined] {
    const rows: LogRow[] = [];
    let chars = 0;
    for (const record of records) {
      const row = { ...toLogRow(record), seq: first + rows.length + 1 };
      chars += rowChars(row);
      if (rows.length > 0 && chars > this.pageChars)
        return [rows, { records: records.slice(rows.length), first: first + rows.length }];
      rows.push(row);
    }
    return [rows, undefined];
  }

  /**
   * Where the open saved log is, and whether it is a bundle, for a search or a jump through its
   * index; refused if not open.
   */
  locationOf(logId: number): { path: string; bundle: boolean } {
    const current = this.current;
    if (!current || current.id !== logId)
      throw new IpcFailure({
        code: 'open-failed',
        message: 'That saved log is no longer open. Open it again.',
      });
    return { path: current.log.path, bundle: current.log.kind === 'bundle' };
  }

  close(): void {
    this.current?.log.close();
    this.current = undefined;
  }
}

function page(id: number, log: SavedLog, rows: LogRow[], held: Held | undefined): SavedLogPage {
  return {
    logId: id,
    rows,
    count: log.count,
    complete: log.complete && held === undefined,
    problems: log.problems.slice(0, 50).map((p) => ({ line: p.line, message: p.message })),
    tornTail: log.tornTail,
  };
}
