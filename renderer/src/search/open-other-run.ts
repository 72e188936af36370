/**
 * What the buttons of the count in the other runs do (OtherRunsNote.tsx): open a run as the saved
 * log and search it for the same, or, for the live session itself among a saved run's others,
 * search it live.
 */
import type { OtherRun } from '../../../shared/other-runs-count';
import { focusFirstShown, focusWhenShown } from '../components/focus-when-shown';
import { openSavedLog, takeOpenError } from '../store/file-actions';
import { SAVED_SOURCE } from '../store/files-store';
import { LIVE_SOURCE, type LogSource } from '../store/log-source';
import { goToView } from '../store/view-store';
import { jumpToTime, runSearch, setSearchForm, setSearchOpen } from './search-actions';
import { FIRST_PAGE, NEWEST_PAGE, searchStoreOf, type SearchForm } from './search-store';

/**
 * The live session's own run, among a saved run's others (one the live search's count opened):
 * searched where it is shown live, not opened again as a saved copy of itself, in the order the
 * count's search was listed in; the keyboard's focus goes to its first match (else Search all).
 */
export function searchTheSession(source: LogSource, form: SearchForm): void {
  goToView('live');
  setSearchForm(LIVE_SOURCE, form);
  setSearchOpen(LIVE_SOURCE, true);
  listInOrderOf(source, LIVE_SOURCE);
  void runSearch(LIVE_SOURCE).then(() =>
    focusFirstShown(['.search-hits button', '.search-buttons button[type="submit"]']),
  );
}

/** `to`'s next search is listed in the order `from`'s was (Newest first or not). */
function listInOrderOf(from: LogSource, to: LogSource): void {
  const { newestFirst } = searchStoreOf(from).getState().page;
  searchStoreOf(to).setState({ page: newestFirst ? NEWEST_PAGE : FIRST_PAGE });
}

/**
 * Opens the run `run` (main finds it by name beside the run open now, or the live session's) as
 * the saved log, and searches it for what `form` asked, its time range too: opening a log clears a
 * range typed for another log's days, but the count that offered this run was of that range. A
 * run that cannot be opened (deleted since, damaged) is said where its button was, the other
 * runs' buttons kept, and the keyboard's focus goes to those words (not on to the first match,
 * where it read as opened). From the live session, the Saved log view is shown, and the focus
 * goes to it as Open sends it. True when the run was opened and searched.
 */
export async function openRunAndSearch(
  source: LogSource,
  run: OtherRun,
  form: SearchForm,
): Promise<boolean> {
  if (!(await openSavedLog(run.name, source.live ? 'session' : 'opened'))) {
    const why = takeOpenError() ?? 'it was not found.';
    searchStoreOf(source).setState((s) => ({
      otherRuns:
        s.otherRuns && 'count' in s.otherRuns
          ? { ...s.otherRuns, openFailed: { name: run.name, why } }
          : s.otherRuns,
    }));
    focusFirstShown(['.search-other-run-failed']);
    return false;
  }
  if (source.live) {
    goToView('saved');
    focusWhenShown('saved-heading');
  }
  setSearchForm(SAVED_SOURCE, form);
  setSearchOpen(SAVED_SOURCE, true);
  // In the order the count's search was listed in, not the order last chosen in the saved log.
  listInOrderOf(source, SAVED_SOURCE);
  await runSearch(SAVED_SOURCE);
  return true;
}

/**
 * Opens the run of the saved log's folder that holds the time Go to time last asked for
 * (`timeNote.inRun`), and goes to that time in it. Whether it went.
 */
export async function jumpToTimeInRun(source: LogSource): Promise<boolean> {
  const note = searchStoreOf(source).getState().timeNote;
  if (!note?.inRun || source.live) return false;
  if (!(await openSavedLog(note.inRun.name, 'opened'))) {
    searchStoreOf(source).setState({
      error: `Run ${String(note.inRun.place)} could not be opened: ${takeOpenError() ?? 'it was not found.'}`,
      timeNote: null,
    });
    return false;
  }
  return jumpToTime(source, Date.parse(note.asked));
}
