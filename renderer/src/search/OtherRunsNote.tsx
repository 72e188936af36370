import { formatCount } from '../../../shared/format-count';
import { openSavedLog } from '../store/file-actions';
import { useFiles } from '../store/files-store';
import type { LogSource } from '../store/log-source';
import { runSearch, setSearchForm, setSearchOpen } from './search-actions';
import { searchStoreOf, type SearchForm } from './search-store';

/** Runs named with a button at most: a month of nightly runs would fill the panel. */
const MOST_RUNS_SHOWN = 5;

/**
 * Where else a saved run's search matched, among its journal folder's other runs (other-runs.ts),
 * each such run a button that opens it and searches it for the same. A kiosk restarted each night
 * leaves a run a night, and the window searches the run it shows: "0 matches" in the newest said
 * nothing of the drop two nights before.
 */
export function OtherRunsNote({
  source,
  onSearched,
}: {
  source: LogSource;
  /** A run was opened and searched: the keyboard's focus, on the button gone, goes on. */
  onSearched: () => void;
}) {
  const store = searchStoreOf(source);
  const otherRuns = store((s) => s.otherRuns);
  const searched = store((s) => s.searched);
  const opening = useFiles((s) => s.opening);
  if (!otherRuns || !searched) return null;
  if (otherRuns.counting)
    return (
      <p className="search-other-runs" role="status">
        Looking in the other runs of its journal folder…
      </p>
    );
  if ('failed' in otherRuns)
    return (
      <p className="search-other-runs">The other runs could not be searched: {otherRuns.failed}</p>
    );
  const { runs, of, unread } = otherRuns.count;
  if (of === 0) return null;
  const found = runs.filter((run) => run.matches > 0);
  const unreadWords =
    unread > 0 ? ` ${formatCount(unread)} could not be searched (damaged, or gone).` : '';
  if (found.length === 0)
    return (
      <p className="search-other-runs" role="status">
        No match in the other {formatCount(of - 1)} {of - 1 === 1 ? 'run' : 'runs'} of its journal
        folder.{unreadWords}
      </p>
    );
  const shown = found.slice(-MOST_RUNS_SHOWN);
  const left = found.length - shown.length;
  const leftMatches = found.slice(0, left).reduce((sum, run) => sum + run.matches, 0);
  return (
    <p className="search-other-runs" role="group" aria-label="Matches in the other runs">
      <span>Also in other runs:</span>{' '}
      {left > 0 ? (
        <span>
          {formatCount(left)} older {left === 1 ? 'run' : 'runs'} ({formatCount(leftMatches)}{' '}
          {leftMatches === 1 ? 'match' : 'matches'}), and
        </span>
      ) : null}
      {shown.map((run) => (
        <button
          key={run.name}
          type="button"
          className="small"
          title={`Open ${run.name} and search it for the same`}
          aria-disabled={opening || undefined}
          onClick={() => {
            if (!opening) void openRunAndSearch(source, run.name, searched).then(onSearched);
          }}
        >
          Run {run.place} of {of}: {formatCount(run.matches)}{' '}
          {run.matches === 1 ? 'match' : 'matches'}
        </button>
      ))}
      {unreadWords}
    </p>
  );
}

/**
 * Opens the run `name` (main finds it beside the run open now) and searches it for what `form`
 * asked, its time range too: opening a log clears a range typed for another log's days, but the
 * count that offered this run was of that range.
 */
async function openRunAndSearch(source: LogSource, name: string, form: SearchForm): Promise<void> {
  if (!(await openSavedLog(name))) return;
  setSearchForm(source, form);
  setSearchOpen(source, true);
  await runSearch(source);
}
