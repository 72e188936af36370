import { useCallback, useEffect, useRef, useState } from 'react';
import {
  bundleUnpackingWords,
  damagedLinesNote,
  searchPercent,
  searchProgressWords,
  serviceNotInLogNote,
  sentByRefNote,
  wordsAsLoggedNote,
} from '../../../shared/search-words';
import { formatCount } from '../../../shared/format-count';
import { formatBytes } from '../../../shared/format-bytes';
import { outcomeOptions } from '../labels';
import { searchScopeWords } from '../files/run-part-words';
import { useRunPart } from '../store/files-store';
import { useLogSource } from '../store/log-source';
import { useTimeMode, zoneOf } from '../store/time-store';
import {
  cancelSearch,
  jumpToEnd,
  jumpToTime,
  runSearch,
  searchOn,
  setSearchForm,
} from './search-actions';
import { HitList } from './HitList';
import { allMatches, shownWords } from './search-count';
import { goToTimeLabel, rangeFieldLabel } from './go-to-time';
import { logTimesWords, noMatchLogTimes, rangeWords } from './search-range';
import { TimeNote } from './TimeNote';
import { OtherRunsNote } from './OtherRunsNote';
import { formProblem, formToQuery, notATimeWords } from './search-query';
import { typedRangeEndMs } from '../../../shared/typed-time';
import { TimeBox } from './TimeBox';
import {
  FIRST_PAGE,
  NEWEST_PAGE,
  asksTheSame,
  searchStoreOf,
  type SearchForm,
} from './search-store';
import './search.css';

/** The form's text fields, in order; the words field is the wider search box. */
const TEXT_FIELDS: readonly {
  field: 'service' | 'hresult' | 'request' | 'text';
  label: string;
  placeholder: string;
  maxLength: number;
  mono?: true;
}[] = [
  { field: 'service', label: 'Service', placeholder: 'name or ID', maxLength: 200 },
  // Names as long as HRESULT_FROM_WIN32(ERROR_INVALID_PASSWORD) are taken whole: cut at 10, a pasted
  // E_ACCESSDENIED became "E_ACCESSDE" and was refused.
  {
    field: 'hresult',
    label: 'HRESULT',
    placeholder: 'name or 0x…',
    maxLength: 80,
    mono: true,
  },
  { field: 'request', label: 'Request', placeholder: 'r12 or 1004', maxLength: 17, mono: true },
  { field: 'text', label: 'Words', placeholder: 'as logged: a name, status…', maxLength: 200 },
];

/**
 * The wider boxes: the words, and the HRESULT, whose names run long (E_ACCESSDENIED was cut to
 * "E_ACCESSDENIE" in a 110 px box, E_MBN_SIM_NOT_INSERTED to its first half).
 */
const FIELD_CLASSES: Partial<Record<(typeof TEXT_FIELDS)[number]['field'], string>> = {
  text: 'search-words',
  hresult: 'search-hresult',
};

/** The range's boxes: a time typed as the log writes it, read in the zone it shows. */
const RANGE_FIELDS = ['since', 'until'] as const;

/**
 * Search the whole log, not only the rows in the window: by outcome, service, HRESULT, request,
 * words and time (From, To: "it failed on Tuesday afternoon", in a week-long kiosk log), with the
 * count and progress as it runs, a way to stop it, and every hit a button that brings that entry
 * into the log and selects it (HitList.tsx), the next hits after the last one listed a click
 * away. Also: go to the end, or to a time.
 */
export function SearchPanel() {
  const source = useLogSource();
  // One journal file of a run, opened alone, is searched alone (as its button says).
  const scope = searchScopeWords(useRunPart(source));
  const store = searchStoreOf(source);
  const form = store((s) => s.form);
  const running = store((s) => s.running);
  // Only whether there are any, and how many: the list below takes the rows themselves.
  const listed = store((s) => s.hits.length);
  // A search by MBN request ID: the reference of its first hit names the entry of its sending.
  const sentRef = store((s) => {
    for (const hit of s.hits) if ('ref' in hit.record && hit.record.ref) return hit.record.ref;
    return null;
  });
  const page = store((s) => s.page);
  const matches = store((s) => s.matches);
  const doneBytes = store((s) => s.doneBytes);
  const unpacking = store((s) => s.unpacking);
  const indexing = store((s) => s.indexing);
  const newest = store((s) => s.newest);
  const totalBytes = store((s) => s.totalBytes);
  const done = store((s) => s.done);
  const error = store((s) => s.error);
  const refused = store((s) => s.refused);
  const stopped = store((s) => s.stopped);
  const timeNote = store((s) => s.timeNote);
  const selectedSeq = source.store((s) => s.selectedSeq);
  const searched = store((s) => s.searched);
  const searchedQuery = store((s) => s.searchedQuery);
  // A range that matched nothing: the log's own times beside the count (the search's answer).
  const logTimes =
    done && searchedQuery
      ? noMatchLogTimes(done, allMatches(page, done.matches), searchedQuery)
      : null;
  const zone = zoneOf(useTimeMode((s) => s.mode));
  // The boxes changed since the search whose results are below (or their From and To, read in
  // the zone the log shows now, are other moments): said, and the hits dimmed.
  const asked = formToQuery(form, zone);
  const sameRange =
    !('query' in asked) ||
    (asked.query.since === searchedQuery?.since && asked.query.until === searchedQuery?.until);
  const stale = !running && searched !== null && !(asksTheSame(searched, form) && sameRange);
  const searchedId = searchedQuery?.requestId ?? null;
  // A refused form's problem in the zone shown now: the boxes' labels have followed Times.
  const problem = error ?? (refused ? formProblem(refused, zone) : null);
  const [when, setWhen] = useState('');
  // Which box, and what it holds, said under the form, far from the box: it read as the search's.
  const unreadWhen = notATimeWords(goToTimeLabel(zone), when.trim(), 'for its first moment');
  const goToUnread = error === unreadWhen;
  const panel = useRef<HTMLElement>(null);
  // Where the view scrolls (a saved log), the whole log panel is brought into view after a jump
  // (a hit, the end, a time), so the entry jumped to and the selected entry's full text below the
  // rows are both on screen: with hits listed, Go to the end moved only the timeline in view.
  // The same function from one draw to the next: the hit list is not drawn again for it.
  const showLog = useCallback(
    () => panel.current?.closest('.log')?.scrollIntoView({ block: 'nearest' }),
    [],
  );
  /** After a jump that went: one that did not leaves its words in view. */
  const showLogIf = (went: boolean) => {
    if (went) requestAnimationFrame(showLog);
  };
  const goTo = () => {
    const ms = typedRangeEndMs(when, zone, 'start');
    void jumpToTime(source, ms ?? { unread: unreadWhen }).then(showLogIf);
  };

  const submit = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    void runSearch(source);
  };
  /**
   * Where focus went to the page (the button it was on gone), to the first of `selectors` found in
   * the panel: asked one at a time, as asked all at once the first in the page came back.
   */
  const focusInPanel = (...selectors: string[]) =>
    requestAnimationFrame(() => {
      if (document.activeElement !== null && document.activeElement !== document.body) return;
      const within = panel.current;
      for (const selector of selectors) {
        const target = within?.querySelector<HTMLElement>(selector);
        if (target) {
          target.focus();
          return;
        }
      }
    });
  /**
   * The buttons a search's end leaves are gone while the next one runs: focus, on one of them,
   * went to the page, and the next Tab started at its top. It goes to the first hit (else to the
   * first of those buttons), where the technician reads on.
   */
  const refocus = () => focusInPanel('.search-hits button', '.search-pages button');
  // Stop is gone once the search has stopped, and focus went with it to the page: a keyboard's
  // next Tab started at its top. It goes on to Search on (else Search all), in Stop's place.
  const stopping = useRef(false);
  useEffect(() => {
    if (running || !stopping.current) return;
    stopping.current = false;
    focusInPanel('.search-pages button.primary', '.search-buttons button[type="submit"]');
  }, [running]);
  const percent = searchPercent({ doneBytes, totalBytes });
  // Matches after the last hit listed: counted past what main sent, or not looked for yet (the
  // search was stopped).
  const more = done ? listed < done.matches : stopped !== null;
  // The order is offered where it changes what is listed, and always once chosen newest first
  // (a stopped search's too): it stays for the next search, and the way back is in sight.
  const orderShown = page.newestFirst
    ? done !== null || stopped !== null
    : done !== null && listed > 1;

  return (
    <section ref={panel} className="search-panel" aria-labelledby="search-heading">
      {/* Named for screen readers; the button that opened it already says what it is. */}
      <h3 id="search-heading" className="search-heading">
        {scope.heading}
      </h3>
      {/* The boxes, From and To among them, have the first row to themselves (at 1366 px they
          fit it), and the go-to controls share the status's row under them, at its right: the
          status row is there as soon as there are hits, and a third row for the go-to controls
          took the log two rows at 1366x768 with the search open. */}
      <form className="search-form" role="search" aria-label={scope.heading} onSubmit={submit}>
        <label>
          Outcome
          <select
            value={form.outcome}
            onChange={(e) =>
              setSearchForm(source, { outcome: e.target.value as SearchForm['outcome'] })
            }
          >
            <option value="">Any outcome</option>
            <option value="problems">Any problem</option>
            {/* Records are searched one by one: what each said when it was logged. */}
            {outcomeOptions('as-logged').map(({ outcome, label }) => (
              <option key={outcome} value={outcome}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {TEXT_FIELDS.map((f) => (
          <label key={f.field} className={FIELD_CLASSES[f.field]}>
            {f.label}
            <input
              type={f.field === 'text' ? 'search' : undefined}
              className={f.mono ? 'mono' : undefined}
              value={form[f.field]}
              placeholder={f.placeholder}
              maxLength={f.maxLength}
              onChange={(e) => setSearchForm(source, { [f.field]: e.target.value })}
            />
          </label>
        ))}
        {RANGE_FIELDS.map((field) => (
          <label key={field} className="search-range">
            {rangeFieldLabel(field, zone)}
            <TimeBox
              value={form[field] ?? ''}
              onChange={(value) => setSearchForm(source, { [field]: value })}
            />
          </label>
        ))}
        <div className="search-buttons">
          <button type="submit" className="primary">
            Search all
          </button>
          {running ? (
            <button
              type="button"
              disabled={running.cancelling}
              onClick={() => {
                stopping.current = true;
                void cancelSearch(source);
              }}
            >
              {running.cancelling ? 'Stopping…' : 'Stop'}
            </button>
          ) : null}
        </div>
      </form>

      <div className="search-bar">
        <div className="search-status" role="status" aria-live="polite">
          {running && unpacking ? (
            <>
              <progress aria-label="Search progress" />
              <span>{bundleUnpackingWords(true)}</span>
            </>
          ) : running && totalBytes === 0 && !indexing ? (
            // Main has not said how large the log is yet: "0% of 0 bytes" said nothing true.
            <>
              <progress aria-label="Search progress" />
              <span>Starting the search…</span>
            </>
          ) : running ? (
            <>
              <progress max={100} value={percent} aria-label="Search progress" />
              <span>
                {searchProgressWords({
                  indexing,
                  matches: allMatches(page, matches),
                  doneBytes,
                  totalBytes,
                  ...(newest === null ? {} : { newest }),
                })}
              </span>
            </>
          ) : done ? (
            <span>
              <strong>
                {formatCount(allMatches(page, done.matches))}{' '}
                {allMatches(page, done.matches) === 1 ? 'match' : 'matches'}
              </strong>
              {searchedQuery ? rangeWords(searchedQuery, zone) : ''}{' '}
              <span className="search-shown">
                in {formatBytes(done.totalBytes)}
                {shownWords(page, listed, done.matches)}.
              </span>{' '}
              {damagedLinesNote(done.damagedLines)}
              {done.serviceNotInLog
                ? ` ${serviceNotInLogNote(done.serviceNotInLog.asked, done.serviceNotInLog.services)}`
                : ''}
              {sentRef !== null && searchedId !== null
                ? ` ${sentByRefNote(searchedId, sentRef)}`
                : ''}
              {done.matches === 0 && searched && searched.text.trim() !== ''
                ? ` ${wordsAsLoggedNote(searched.text)}`
                : ''}
              {logTimes ? ` ${logTimesWords(logTimes, zone)}` : ''}
            </span>
          ) : stopped ? (
            <span>
              {stopped}
              {listed > 0 && page.newestFirst
                ? page.before > 0
                  ? ` Listed: ${formatCount(listed)} more, newest first.`
                  : ` Listed: the newest ${formatCount(listed)}.`
                : listed > 0 && page.before > 0
                  ? ` Listed: ${formatCount(page.before + 1)}–${formatCount(page.before + listed)}.`
                  : ''}
            </span>
          ) : null}
          {stale && (done || stopped) ? (
            <span className="search-stale">
              These are the results of the search before the boxes changed: Search all to search
              again.
            </span>
          ) : null}
          <OtherRunsNote source={source} zone={zone} stale={stale} onSearched={refocus} />
          {/* About the entry it selected: once another is selected, "this" is no longer it. */}
          {timeNote && selectedSeq === timeNote.seq ? (
            <TimeNote note={timeNote} source={source} zone={zone} onWent={showLogIf} />
          ) : null}
          {problem ? (
            <span className="search-error" role="alert">
              {problem}
            </span>
          ) : null}
        </div>
        {!running && (listed > 0 || page.newestFirst) && (page.before > 0 || more || orderShown) ? (
          <div className="search-pages" role="group" aria-label="Other matches">
            {page.before > 0 ? (
              <button
                type="button"
                onClick={() =>
                  void runSearch(source, page.newestFirst ? NEWEST_PAGE : FIRST_PAGE).then(refocus)
                }
              >
                {page.newestFirst ? '← Newest matches' : '← First matches'}
              </button>
            ) : null}
            {/* A search newest first stopped before it listed any has nothing to go on from:
                the newest were still to be found. Stopped as it listed them, it goes on below
                the oldest listed. */}
            {more && !(page.newestFirst && stopped && listed === 0) ? (
              <button
                type="button"
                className="primary"
                onClick={() => void searchOn(source).then(refocus)}
              >
                {page.newestFirst ? 'Older matches →' : done ? 'Next matches →' : 'Search on →'}
              </button>
            ) : null}
            {/* "When did it last fail?": the same search again, its newest matches listed first
                (in a week-long log, 28 pages of Next away), or back to the oldest first. */}
            {orderShown ? (
              <button
                type="button"
                onClick={() =>
                  void runSearch(source, page.newestFirst ? FIRST_PAGE : NEWEST_PAGE).then(refocus)
                }
              >
                {page.newestFirst ? 'Oldest first' : 'Newest first'}
              </button>
            ) : null}
          </div>
        ) : null}
        <div className="search-goto" aria-label="Go to a place in the log" role="group">
          <button type="button" onClick={() => void jumpToEnd(source).then(showLogIf)}>
            Go to the end
          </button>
          <label>
            {goToTimeLabel(zone)}
            <TimeBox
              className="search-goto-time"
              value={when}
              onChange={setWhen}
              invalid={goToUnread}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && when !== '') goTo();
              }}
            />
          </label>
          <button type="button" disabled={when === ''} onClick={goTo}>
            Go
          </button>
        </div>
      </div>
      {listed > 0 ? <HitList source={source} stale={stale} onJumped={showLog} /> : null}
    </section>
  );
}
