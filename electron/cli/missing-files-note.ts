/**
 * A note on a run's journal files missing from its middle (missingJournalFiles): a run copied
 * without one was searched and exported without a word, hours of it read as a quiet night.
 */
import { safe } from './terminal-text.js';

/** At most this many names; the rest counted. */
const NAMED = 3;

/** The note for the log at `input`, or undefined when none is missing (or it is no run folder). */
export async function missingFilesNote(
  input: string,
  doing: 'searched' | 'exported',
): Promise<string | undefined> {
  const [{ locateLog }, { missingJournalFiles }] = await Promise.all([
    import('../core/export/log-location.js'),
    import('../core/journal-files.js'),
  ]);
  try {
    const location = await locateLog(input);
    const missing = missingJournalFiles(location.files);
    if (missing.length === 0) return undefined;
    const named = missing.slice(0, NAMED).join(', ');
    const more = missing.length > NAMED ? ` and ${String(missing.length - NAMED)} more` : '';
    const what = missing.length === 1 ? 'is' : 'are';
    return `note: ${named}${more} ${what} missing from ${safe(location.path)}, between the files before and after: what ${missing.length === 1 ? 'it' : 'they'} held is not ${doing}.`;
  } catch {
    return undefined;
  }
}
