/**
 * The line on stderr after a command whose journal could not save every entry (a full or failing
 * disk). The journal goes on through such failures without throwing (journal.ts), so the command's
 * own result stands; but a technician who keeps the run folder as evidence must hear that it lacks
 * entries, which `watch` alone showed, as its error entries.
 */
import { formatCount } from '../../shared/format-count.js';
import { safe } from './terminal-text.js';

export function journalLossNote(journal: { unsavedEntries: number; runDir: string }): string {
  const lost = journal.unsavedEntries;
  if (lost === 0) return '';
  const entries = lost === 1 ? '1 entry' : `${formatCount(lost)} entries`;
  return `mbn-diag: the journal could not save ${entries} (a full or failing disk), missing from ${safe(journal.runDir)}\n`;
}
