/**
 * Where journals go when nobody says: the per-user state directory of each OS, so a technician's
 * logs survive the app being reinstalled and are easy to find when support asks for them.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setOwnFolders } from '../core/own-folders.js';

export function defaultJournalDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.MBN_DIAG_JOURNAL_DIR) return env.MBN_DIAG_JOURNAL_DIR;
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'mbn-diag', 'journal');
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Logs', 'mbn-diag', 'journal');
  return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'mbn-diag', 'journal');
}

/**
 * The journal folder the app writes, as its own (electron/core/own-folders.ts): indexes and
 * markers are written in it, and indexes of logs from anywhere else in its `index-cache`.
 */
export function ownJournalDir(journalDir: string): void {
  setOwnFolders({ journals: [journalDir], indexCache: join(journalDir, 'index-cache') });
}
