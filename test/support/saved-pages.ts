/**
 * Everything a saved log sends the window, page by page, as the window pages in the rest
 * (renderer/src/store/file-actions.ts): the opening page, then each next one until complete.
 */
import type { SavedLogPage } from '../../electron/ipc/contract.js';
import type { SavedLogs } from '../../electron/ipc/saved-logs.js';

export async function readAllPages(logs: SavedLogs): Promise<SavedLogPage[]> {
  const opened = await logs.open(undefined);
  if ('cancelled' in opened) throw new Error('cancelled');
  const pages: SavedLogPage[] = [opened];
  for (let page: SavedLogPage = opened; !page.complete;) {
    page = await logs.next(opened.logId);
    pages.push(page);
    if (page.rows.length === 0 && !page.complete) break;
  }
  return pages;
}
