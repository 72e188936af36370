import { useEffect, useRef, useState } from 'react';
import type { OtherRun, OtherRunsCount } from '../../../shared/other-runs-count';
import { formatCount } from '../../../shared/format-count';
import { damagedLines } from '../../../shared/search-words';
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';
import { NARROW_WINDOW, useMediaQuery } from '../components/use-media-query';
import { useFiles } from '../store/files-store';
import type { LogSource } from '../store/log-source';
import { countInOtherRuns } from './search-actions';
import { searchStoreOf } from './search-store';
import { stopCountInOtherRuns } from './other-runs';
import { openRunAndSearch, searchTheSession } from './open-other-run';

/**
 * Runs with matches named with a button at most: the oldest (when a fault first showed) and the
 * newest after it; a month of nightly runs would fill the panel, and at 1366 pixels the line holds
 * about three before it scrolls sideways.
 */
const MOST_RUNS_SHOWN = 3;

/**
 * Where else a saved run's search matched, among its journal folder's other runs (other-runs.ts),
 * each such run a button that opens it and searches it for the same. A kiosk restarted each night
 * leaves a run a night, and the window searches the run it shows: "0 matches" in the newest said
 * nothing of the drop two nights before. The live session's search is counted in the app's own
 * other runs alike: the session a technician starts on arrival holds nothing of the week before.
 * Said inside the search's status line (announced as it is), in as few lines as it can: each is
 * a row of the log less.
 */
export function OtherRunsNote({
  source,
  zone,
  stale,
  onSearched,
}: {
  source: LogSource;
  /** The zone the log shows its times in: a run's start is said in it. */
  zone: TimeZoneChoice;
  /** The boxes ask something else since: the count is of the search before, and not offered. */
  stale: boolean;
  /** A run was opened and searched: the keyboard's focus, on the button gone, goes on. */
  onSearched: () => void;
}) {
  const store = searchStoreOf(source);
  const otherRuns = store((s) => s.otherRuns);
  const searched = store((s) => s.searched);
  const running = store((s) => s.running);
  const done = store((s) => s.done);
  const opening = useFiles((s) => s.opening);
  // Half a 13-inch screen: the oldest and the newest only, each line here a row of the log less.
  const narrow = useMediaQuery(NARROW_WINDOW);
  // The runs between the oldest and the newest named, asked for (by the count they are in).
  const [everyRun, setEveryRun] = useState<number | null>(null);
  // Their button goes as they come: the keyboard's focus goes to the first of them.
  const group = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (everyRun !== null) group.current?.querySelectorAll('button')[1]?.focus();
  }, [everyRun]);
  // Stop pressed: Count them, drawn in its place, takes the keyboard's focus (it fell to the
  // page, and the next Tab began at its top). A count stopped by another search takes none.
  const countThem = useRef<HTMLButtonElement>(null);
  const stopAsked = otherRuns !== null && 'stopped' in otherRuns && otherRuns.asked === true;
  useEffect(() => {
    if (!stopAsked) return;
    countThem.current?.focus();
    // Once: the note drawn again (another view and back) leaves the focus where it is.
    store.setState((s) =>
      s.otherRuns && 'stopped' in s.otherRuns
        ? { otherRuns: { searchId: s.otherRuns.searchId, counting: false, stopped: true } }
        : {},
    );
  }, [stopAsked, store]);
  if (!otherRuns || !searched || stale) return null;
  // The live session's other runs are the app's own, in the journal folder it writes.
  const where = source.live ? 'the app’s other runs' : 'the other runs of its journal folder';
  const countAgain = running ? null : (
    <button
      type="button"
      className="small"
      ref={countThem}
      onClick={() => countInOtherRuns(source)}
    >
      Count them
    </button>
  );
  // The live session's folder may hold no other run: nothing is said until main says it has some.
  if (otherRuns.counting && source.live && !otherRuns.reached) return null;
  if (otherRuns.counting)
    return (
      <span className="search-other-runs">
        Looking in {where}
        {/* Not announced: the status region is read again whole at each change, a month of
            runs' worth of times. */}
        {otherRuns.reached ? (
          <span aria-hidden="true">
            {` (${formatCount(otherRuns.reached.searched)} of ${formatCount(otherRuns.reached.of)} searched)`}
          </span>
        ) : null}
        …{' '}
        <button
          type="button"
          className="small"
          onClick={() => stopCountInOtherRuns(otherRuns.searchId)}
        >
          Stop
        </button>
      </span>
    );
  if ('stopped' in otherRuns)
    return (
      <span className="search-other-runs">
        Not counted in {where}. {countAgain}
      </span>
    );
  if ('failed' in otherRuns)
    return (
      <span className="search-other-runs">
        {otherRuns.failed} {countAgain}
      </span>
    );
  const { runs, of, unread } = otherRuns.count;
  const openFailed = otherRuns.openFailed;
  if (of === 0) return null;
  // What could not be searched, beside the runs' line rather than on it: that line scrolls
  // sideways when its runs do not fit, and these words were scrolled out of sight after them.
  // Short: at half a 13-inch screen, each line of it is a row of the log less.
  const notSearched = [unreadNote(unread, of, zone), damagedNote(runs, of, zone)].filter(Boolean);
  const unsearched =
    notSearched.length === 0 ? null : (
      <span className="search-other-runs-unsearched">Not searched: {notSearched.join('; ')}.</span>
    );
  const found = runs.filter((run) => run.matches > 0);
  if (found.length === 0)
    return (
      <>
        <span className="search-other-runs">
          None in {source.live ? 'the app’s' : 'its journal folder’s'} {formatCount(runs.length)}{' '}
          other {runs.length === 1 ? 'run' : 'runs'}
          {unread.length > 0 ? ' searched' : ''}.
        </span>
        {unsearched}
      </>
    );
  const { shown, left } =
    everyRun === otherRuns.searchId
      ? { shown: found, left: [] }
      : shownRuns(found, narrow ? 2 : MOST_RUNS_SHOWN);
  const here =
    done !== null && done.matches === 0
      ? `Not in this ${source.live ? 'session' : 'run'}; in`
      : 'Also in';
  return (
    <>
      <span
        className="search-other-runs"
        role="group"
        aria-label="Matches in the other runs"
        ref={group}
      >
        <span>{here}:</span>
        {shown.map((run, i) => (
          <span key={run.name} className="search-other-run">
            {/* The runs between the oldest and the newest ones named: counted where they fall,
                a button that names them all. As words, they hid the night of the incident (a
                review: "3 more runs (154 matches)", the middle of the week, not to be reached). */}
            {i === 1 && left.length > 0 ? (
              <button
                type="button"
                className="small"
                onClick={() => setEveryRun(otherRuns.searchId)}
              >
                {leftWords(left)}…
              </button>
            ) : null}
            {openFailed?.name === run.name ? (
              <span className="search-error search-other-run-failed" tabIndex={-1}>
                Run {run.place} could not be opened: {openFailed.why}
              </span>
            ) : (
              <button
                type="button"
                className="small"
                title={
                  run.session
                    ? 'Show the live session and search it for the same'
                    : `Open ${run.name} and search it for the same`
                }
                aria-disabled={opening || undefined}
                onClick={() => {
                  if (opening) return;
                  if (run.session) searchTheSession(source, searched);
                  else
                    void openRunAndSearch(source, run, searched).then((ok) => {
                      if (ok) onSearched();
                    });
                }}
              >
                Run {run.place} of {of}
                {run.session
                  ? ', this session'
                  : run.startedAt
                    ? `, ${startWords(run.startedAt, zone)}`
                    : ''}
                : {formatCount(run.matches)} {run.matches === 1 ? 'match' : 'matches'}
              </button>
            )}
          </span>
        ))}
      </span>
      {unsearched}
    </>
  );
}

type FoundRun = OtherRunsCount['runs'][number];

/**
 * The oldest run with matches and the newest after it, `most` in all, and those between them (not
 * named).
 */
function shownRuns(found: FoundRun[], most: number): { shown: FoundRun[]; left: FoundRun[] } {
  if (found.length <= most) return { shown: found, left: [] };
  const newest = found.slice(-(most - 1));
  const oldest = found.slice(0, 1);
  return { shown: [...oldest, ...newest], left: found.slice(1, -(most - 1)) };
}

function leftWords(left: FoundRun[]): string {
  const matches = left.reduce((sum, run) => sum + run.matches, 0);
  return `${formatCount(left.length)} more ${left.length === 1 ? 'run' : 'runs'} (${formatCount(matches)} ${matches === 1 ? 'match' : 'matches'})`;
}

/** A run's start, to the minute, in the zone the log shows ("2026-01-05 08:00"). */
function startWords(iso: string, zone: TimeZoneChoice): string {
  return formatTimestamp(iso, zone).slice(0, 16);
}

/** Runs by their places and starts: "run 1 (2026-01-05 08:00), run 2". */
function runsNamed(runs: readonly OtherRun[], zone: TimeZoneChoice): string {
  return runs
    .map((run) =>
      run.session
        ? `run ${run.place} (this session)`
        : run.startedAt
          ? `run ${run.place} (${startWords(run.startedAt, zone)})`
          : `run ${run.place}`,
    )
    .join(', ');
}

/** The runs that could not be searched, each by its place and start. */
function unreadNote(unread: OtherRun[], of: number, zone: TimeZoneChoice): string {
  if (unread.length === 0) return '';
  return `${runsNamed(unread, zone)} of ${formatCount(of)}, unreadable`;
}

/**
 * The runs' damaged lines, as a search of one run says its own: a night's file garbled by a power
 * cut holds no match that can be read, and "None in the 2 other runs" said nothing of it.
 */
function damagedNote(runs: FoundRun[], of: number, zone: TimeZoneChoice): string {
  const damaged = runs.filter((run) => run.damagedLines > 0);
  if (damaged.length === 0) return '';
  const lines = damaged.reduce((sum, run) => sum + run.damagedLines, 0);
  return `${damagedLines(lines)} in ${runsNamed(damaged, zone)} of ${formatCount(of)}`;
}
