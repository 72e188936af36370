/**
 * The saved log open in the window, read-only: its first page at once, then the rest a page at a
 * time as the renderer asks, so a large file shows its first rows without waiting for the end.
 * One at a time: opening another closes the previous. Rows are numbered by their position in
 * the file, because a saved log can hold several runs whose own numbers start again at 1.
 */
import { basename } from 'node:path';
import { LogOpenError, openLog, type SavedLog } from '../core/export/index.js';
import type { JournalRecord } from '../../shared/journal/record.js';
import type { LogRow, SavedLogAnswer, SavedLogPage } from './contract.js';
import { MAX_PAGE } from './contract.js';
import type { HostFiles } from './host-files.js';
import { IpcFailure } from './ipc-failure.js';
import { toLogRow } from './log-row.js';

export class SavedLogs {
  private current:
    | {
        id: number;
        log: SavedLog;
        pages: AsyncGenerator<{ records: JournalRecord[]; first: number }>;
      }
    | undefined;
  private nextId = 1;

  constructor(private readonly files: HostFiles) {}

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
    this.current = { id, log, pages: log.rest() };
    return {
      ...page(id, log, log.firstPage.records, 0),
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
    const next = await current.pages.next();
    if (next.done) return page(logId, current.log, [], current.log.count);
    return page(logId, current.log, next.value.records, next.value.first);
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

function page(id: number, log: SavedLog, records: JournalRecord[], first: number): SavedLogPage {
  const rows: LogRow[] = records.map((record, i) => ({ ...toLogRow(record), seq: first + i + 1 }));
  return {
    logId: id,
    rows,
    count: log.count,
    complete: log.complete,
    problems: log.problems.slice(0, 50).map((p) => ({ line: p.line, message: p.message })),
    tornTail: log.tornTail,
  };
}
