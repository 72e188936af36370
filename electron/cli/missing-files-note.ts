/**
 * A note on a run's journal files missing from its middle (missingJournalFiles): a run copied
 * without one was searched and exported without a word, hours of it read as a quiet night.
 */
import { safe } from './terminal-text.js';

/** At most this many names; the rest counted. */
const NAMED = 3;

/**
 * The note for the log at `input`, or undefined when none is missing (or it is no run folder).
 * `allRuns`: of a journal folder, a note for each of its runs that misses files, a line each.
 */
export async function missingFilesNote(
  input: string,
  doing: 'searched' | 'exported',
  allRuns = false,
): Promise<string | undefined> {
  const [{ locateLog }, { listJournalFiles, missingJournalFiles }] = await Promise.all([
    import('../core/export/log-location.js'),
    import('../core/journal-files.js'),
  ]);
  try {
    const location = await locateLog(input);
    const runs =
      allRuns && location.runs !== undefined
        ? location.runs.map((run) => ({ path: run, files: listJournalFiles(run) }))
        : [location];
    const notes = runs.flatMap((run) => {
      const missing = missingJournalFiles(run.files);
      return missing.length === 0 ? [] : [noteOf(missing, run.path, doing)];
    });
    return notes.length === 0 ? undefined : notes.join('\nmbn-diag: ');
  } catch {
    return undefined;
  }
}

function noteOf(missing: string[], path: string, doing: 'searched' | 'exported'): string {
  const named = missing.slice(0, NAMED).join(', ');
  const more = missing.length > NAMED ? ` and ${String(missing.length - NAMED)} more` : '';
  const what = missing.length === 1 ? 'is' : 'are';
  return `note: ${named}${more} ${what} missing from ${safe(path)}, between the files before and after: what ${missing.length === 1 ? 'it' : 'they'} held is not ${doing}.`;
}
