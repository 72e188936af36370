import { useRef, useState } from 'react';
import type { LogRow } from '../../../electron/ipc/contract';
import { ENTRY_SEPARATOR, entryLine } from '../../../shared/journal/entry-line';
import { formatTimestamp } from '../../../shared/time';
import {
  bundleUnpackingWords,
  damagedLinesNote,
  searchPercent,
  searchProgressWords,
  serviceNotInLogNote,
  wordsAsLoggedNote,
} from '../../../shared/search-words';
import { formatCount } from '../../../shared/format-count';
import { formatBytes } from '../../../shared/format-bytes';
import { outcomeOptions } from '../labels';
import { OutcomePill } from '../components/OutcomePill';
import { DeviceName } from '../components/DeviceName';
import { logDeviceNames, nameIn } from '../components/device-names';
import { useApp } from '../store/app-store';
import { useLogSource } from '../store/log-source';
import { useTimeMode, zoneOf } from '../store/time-store';
import {
  cancelSearch,
  jumpToEnd,
  jumpToRow,
  jumpToTime,
  runSearch,
  setSearchForm,
} from './search-actions';
import { goToTimeLabel } from './go-to-time';
import { TimeNote } from './TimeNote';
import { TYPED_TIME_PLACEHOLDER, typedTimeMs } from '../../../shared/typed-time';
import { asksTheSame, searchStoreOf, type SearchForm } from './search-store';
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

/** Hits drawn at most; the count says how many there are. */
const SHOWN_HITS = 500;

/**
 * Search the whole log, not only the rows in the window: by outcome, service, HRESULT, request
 * and words, with the count and progress as it runs, a way to stop it, and every hit a button that
 * brings that entry into the log and selects it. Also: go to the end, or to a time.
 */
export function SearchPanel() {
  const source = useLogSource();
  const store = searchStoreOf(source);
  const form = store((s) => s.form);
  const running = store((s) => s.running);
  const hits = store((s) => s.hits);
  // What the list below holds: main sends up to SEARCH_MAX_ROWS, the list draws SHOWN_HITS of them.
  const listed = Math.min(hits.length, SHOWN_HITS);
  const matches = store((s) => s.matches);
  const doneBytes = store((s) => s.doneBytes);
  const unpacking = store((s) => s.unpacking);
  const indexing = store((s) => s.indexing);
  const totalBytes = store((s) => s.totalBytes);
  const done = store((s) => s.done);
  const error = store((s) => s.error);
  const stopped = store((s) => s.stopped);
  const timeNote = store((s) => s.timeNote);
  const selectedSeq = source.store((s) => s.selectedSeq);
  const jumpedTo = store((s) => s.jumpedTo);
  const searched = store((s) => s.searched);
  // The boxes changed since the search whose results are below: said, and the hits dimmed.
  const stale = !running && searched !== null && !asksTheSame(searched, form);
  const zone = zoneOf(useTimeMode((s) => s.mode));
  // Each hit names its modem as the log's rows do: a week's search mixes every modem's entries.
  const names = logDeviceNames(
    useApp((s) => s.devices),
    source.model.places,
    source.live,
  );
  const [when, setWhen] = useState('');
  const panel = useRef<HTMLElement>(null);
  // Where the view scrolls (a saved log), the whole log panel is brought into view after a jump
  // (a hit, the end, a time), so the entry jumped to and the selected entry's full text below the
  // rows are both on screen: with hits listed, Go to the end moved only the timeline in view.
  const showLog = () => panel.current?.closest('.log')?.scrollIntoView({ block: 'nearest' });
  /** After a jump that went: one that did not leaves its words in view. */
  const showLogIf = (went: boolean) => {
    if (went) requestAnimationFrame(showLog);
  };

  const submit = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    void runSearch(source);
  };
  const percent = searchPercent({ doneBytes, totalBytes });

  return (
    <section ref={panel} className="search-panel" aria-labelledby="search-heading">
      {/* Named for screen readers; the button that opened it already says what it is. */}
      <h3 id="search-heading" className="search-heading">
        Search the whole log
      </h3>
      {/* The boxes and the go-to controls share a row where they fit (at 1366 px they do): the
          row under them is the status's alone, and takes no height until it has something to
          say. Two rows there left the log two rows fewer at 1366x768 with the search open. */}
      <div className="search-top">
        <form
          className="search-form"
          role="search"
          aria-label="Search the whole log"
          onSubmit={submit}
        >
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
          <div className="search-buttons">
            <button type="submit" className="primary">
              Search all
            </button>
            {running ? (
              <button
                type="button"
                disabled={running.cancelling}
                onClick={() => void cancelSearch(source)}
              >
                {running.cancelling ? 'Stopping…' : 'Stop'}
              </button>
            ) : null}
          </div>
        </form>
        <div className="search-goto" aria-label="Go to a place in the log" role="group">
          <button type="button" onClick={() => void jumpToEnd(source).then(showLogIf)}>
            Go to the end
          </button>
          <label>
            {goToTimeLabel(zone)}
            {/* Text, not datetime-local: that follows the machine's locale (AM/PM, day first),
                not the log's own way of writing a time. */}
            <input
              type="text"
              className="mono search-goto-time"
              placeholder={TYPED_TIME_PLACEHOLDER}
              maxLength={40}
              spellCheck={false}
              autoComplete="off"
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && when !== '')
                  void jumpToTime(source, typedTimeMs(when, zone)).then(showLogIf);
              }}
            />
          </label>
          <button
            type="button"
            disabled={when === ''}
            onClick={() => void jumpToTime(source, typedTimeMs(when, zone)).then(showLogIf)}
          >
            Go
          </button>
        </div>
      </div>

      <div className="search-bar">
        <div className="search-status" role="status" aria-live="polite">
          {running && unpacking ? (
            <>
              <progress aria-label="Search progress" />
              <span>{bundleUnpackingWords(true)}</span>
            </>
          ) : running ? (
            <>
              <progress max={100} value={percent} aria-label="Search progress" />
              <span>{searchProgressWords({ indexing, matches, doneBytes, totalBytes })}</span>
            </>
          ) : done ? (
            <span>
              <strong>
                {formatCount(done.matches)} {done.matches === 1 ? 'match' : 'matches'}
              </strong>{' '}
              in {formatBytes(done.totalBytes)}
              {done.matches > listed ? ` (the first ${formatCount(listed)} are listed)` : ''}.{' '}
              {damagedLinesNote(done.damagedLines)}
              {done.serviceNotInLog
                ? ` ${serviceNotInLogNote(done.serviceNotInLog.asked, done.serviceNotInLog.services)}`
                : ''}
              {done.matches === 0 && searched && searched.text.trim() !== ''
                ? ` ${wordsAsLoggedNote(searched.text)}`
                : ''}
            </span>
          ) : stopped ? (
            <span>{stopped}</span>
          ) : null}
          {stale && (done || stopped) ? (
            <span className="search-stale">
              These are the results of the search before the boxes changed: Search all to search
              again.
            </span>
          ) : null}
          {/* About the entry it selected: once another is selected, "this" is no longer it. */}
          {timeNote && selectedSeq === timeNote.seq ? (
            <TimeNote note={timeNote} source={source} zone={zone} onWent={showLogIf} />
          ) : null}
          {error ? (
            <span className="search-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
      </div>
      {hits.length > 0 ? (
        <ol
          className={`search-hits${stale ? ' is-stale' : ''}`}
          aria-label="Matches: choose one to show it in the log"
        >
          {hits.slice(0, SHOWN_HITS).map((row) => (
            <li key={row.seq}>
              <Hit
                row={row}
                device={row.interfaceId ? nameIn(names, row.interfaceId) : undefined}
                zone={zone}
                current={row.seq === jumpedTo}
                onJump={() => {
                  void jumpToRow(source, row.seq).then(() => requestAnimationFrame(showLog));
                }}
              />
            </li>
          ))}
        </ol>
      ) : null}
      {hits.length > SHOWN_HITS ? (
        <p className="search-more">
          The first {formatCount(SHOWN_HITS)} matches are listed; narrow the search to see others.
        </p>
      ) : null}
    </section>
  );
}

function Hit(props: {
  row: LogRow;
  device: string | undefined;
  zone: 'local' | 'utc';
  current: boolean;
  onJump: () => void;
}) {
  const { row, device } = props;
  return (
    <button
      type="button"
      className={`search-hit${props.current ? ' is-current' : ''}`}
      aria-current={props.current ? 'true' : undefined}
      onClick={props.onJump}
    >
      <span className="mono search-hit-row">#{row.seq}</span>
      <span className="mono">{formatTimestamp(row.time, props.zone)}</span>
      <span className="search-hit-outcome">
        <OutcomePill row={row} />
      </span>
      <span className="search-hit-text" title={entryLine([device, row.serviceName, row.text])}>
        {device ? (
          <>
            <DeviceName name={device} />
            {ENTRY_SEPARATOR}
          </>
        ) : null}
        {row.serviceName ? `${row.serviceName}${ENTRY_SEPARATOR}` : ''}
        {row.text}
      </span>
    </button>
  );
}
