/**
 * The log's state and its time column's mode: whether it follows live (and "Back to live" when
 * not), older entries to page in, or that a saved log never changes. It sits in the log's heading
 * row: a row of its own under the filters cost every view a log row on a 13-inch screen.
 */
import { formatCount } from '../../../shared/format-count';
import { loadEarlier, setFollowing } from '../store/actions';
import { useFiles } from '../store/files-store';
import { useLogSource } from '../store/log-source';
import { TIME_MODES, TIME_MODE_LABELS, useTimeMode, type TimeMode } from '../store/time-store';

export function LogStatus() {
  const source = useLogSource();
  const { model, store } = source;
  // The first loaded entry changes as rows come in: read again with each version.
  store((s) => s.version);
  const following = store((s) => s.following);
  const unseen = store((s) => s.unseen);
  const journalFirstSeq = store((s) => s.journalFirstSeq);
  const loadingEarlier = store((s) => s.loadingEarlier);
  const timeMode = useTimeMode((t) => t.mode);
  const savedName = useFiles((f) => (source.live ? null : (f.saved?.name ?? null)));
  const firstLoaded = model.firstSeq;
  // Paging in older entries reads the live journal: a saved log has nothing more to page in.
  const earlier = source.live && firstLoaded !== undefined && firstLoaded > journalFirstSeq;

  return (
    <div className="log-status">
      {earlier ? (
        <button
          type="button"
          className="small"
          disabled={loadingEarlier}
          onClick={() => void loadEarlier()}
        >
          {loadingEarlier ? 'Loading…' : `Load earlier entries (before #${firstLoaded})`}
        </button>
      ) : null}
      <label className="time-mode">
        <span className="time-mode-word">Times</span>{' '}
        <select
          // Its name whether or not the word beside it shows (it goes on half a 13-inch screen).
          aria-label="Times"
          value={timeMode}
          onChange={(e) => useTimeMode.setState({ mode: e.target.value as TimeMode })}
        >
          {TIME_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {TIME_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      {source.live ? (
        <>
          <span className={`live-state ${following ? 'is-live' : 'is-paused'}`}>
            {following
              ? 'Following live'
              : `Paused${unseen ? ` — ${formatCount(unseen)} new` : ''}`}
          </span>
          {following ? null : (
            <button
              type="button"
              className="small primary"
              onClick={() => setFollowing(true, source)}
            >
              Back to live
            </button>
          )}
        </>
      ) : (
        <>
          {/* The banner above names the file and says it is read-only; said again here in a word,
              so the heading stays one line on half a 13-inch screen. */}
          <span className="live-state">Read-only</span>
          {/* And which file, cut short where it must be: with the whole-log search open the view
              scrolls to the log, the banner out of sight, and the search and its hits would not
              say which log they are of. */}
          {savedName ? (
            <span className="log-source-name mono" title={savedName}>
              {savedName}
            </span>
          ) : null}
        </>
      )}
    </div>
  );
}
