import { LogPanel } from '../components/LogPanel';
import { PaneDivider } from '../components/PaneDivider';
import { SHORT_FOR_LANES, useMediaQuery } from '../components/use-media-query';
import { savedZoneNote } from '../files/recorded-zone';
import { savedCountWords, savedWindowNote } from '../files/window-note';
import { recordedWithLine } from '../files/recorded-with';
import { RunPartNote } from '../files/RunPartNote';
import { RunsNote } from '../files/RunsNote';
import { useState } from 'react';
import { openSavedLog, takeOpenError } from '../store/file-actions';
import { SAVED_SOURCE, useFiles } from '../store/files-store';
import { LogSourceContext } from '../store/log-source';
import { useTimeMode, zoneOf } from '../store/time-store';
import { usePaneSize } from '../store/use-pane-size';
import { Timeline } from '../timeline/Timeline';
import '../files/files.css';
import type { ViewProps } from './views';
import { LISTED_PROBLEMS } from '../../../shared/log-window';
import { rangeWords } from '../../../shared/export-range';

const KIND_WORDS = {
  'journal-file': 'JSON Lines log',
  'run-directory': 'journal folder',
  bundle: 'diagnostic bundle',
} as const;

/** A saved log, read-only: the same timeline and log as the live session, clearly marked. */
export function SavedLogView({ goTo }: ViewProps) {
  const saved = useFiles((s) => s.saved);
  const timeMode = useTimeMode((s) => s.mode);
  const size = usePaneSize('timeline');
  // In a short window the view scrolls (timeline.css, [data-scrolls]).
  const scrolls = useMediaQuery(SHORT_FOR_LANES);
  const opening = useFiles((s) => s.opening);
  const run = saved?.run ?? null;
  const runs = saved?.runs ?? null;
  // A run its button could not open (deleted since): said in the banner of the log it was in.
  const [runError, setRunError] = useState<{ logId: number; message: string } | null>(null);
  if (!saved)
    return (
      <main className="saved-view">
        <p className="empty">
          No saved log is open.{' '}
          <button type="button" className="small" onClick={() => goTo('files')}>
            Open a saved log…
          </button>
        </p>
      </main>
    );
  const listedAll = saved.problems.length >= LISTED_PROBLEMS;
  const more = listedAll ? ` (the first ${String(LISTED_PROBLEMS)} are listed)` : '';
  // The list shows two of them at a time: how many there are is said above it, so a support
  // engineer need not scroll it to know how much of the file is missing.
  const unread = saved.problems.length + (saved.tornTail ? 1 : 0);
  const unreadWords = listedAll
    ? `${String(LISTED_PROBLEMS)} lines or more`
    : unread === 1
      ? '1 line'
      : `${String(unread)} lines`;
  const zoneNote = savedZoneNote(saved.timeZones, timeMode);
  /** Opens the run folder `name` beside this log; the keyboard's focus goes to the heading. */
  const openRun = (name: string) => {
    if (opening) return;
    const from = saved.logId;
    void openSavedLog(name, 'opened').then((opened) => {
      if (opened) document.getElementById('saved-heading')?.focus();
      else {
        const message = takeOpenError();
        if (message !== null) setRunError({ logId: from, message });
      }
    });
  };
  const recorded = recordedWithLine(saved.recordedWith);
  return (
    <LogSourceContext.Provider value={SAVED_SOURCE}>
      <main className="saved-view" data-scrolls={scrolls ? '' : undefined}>
        <section className="saved-banner" aria-labelledby="saved-heading">
          <div className="saved-banner-line">
            <h2 id="saved-heading" tabIndex={-1}>
              Saved log (read-only): <span className="mono">{saved.name}</span>
            </h2>
            <p>
              A {KIND_WORDS[saved.kind]} opened from disk, not the live session.{' '}
              {savedCountWords(saved)}
            </p>
            {/* Its first rows, the run's start and devices' details, are from before the range:
                said, or a technician reads them as when the log began. */}
            {saved.range ? (
              <p>
                An export of {rangeWords(saved.range, zoneOf(timeMode))} only, with the run&apos;s
                start and the devices&apos; details from before it.
              </p>
            ) : null}
            {/* The header above describes this machine's backend, not the one that recorded it. */}
            {recorded === null ? null : <p>{recorded}</p>}
            {/* On the same line when it fits: each line the banner takes is a log row less. */}
            {zoneNote === null ? null : <p>{zoneNote}</p>}
            {/* On the heading's line when it fits: a line of the banner is a row of the log less. */}
            {runs ? <RunsNote runs={runs} opening={opening} onOpen={openRun} /> : null}
            {/* What a support engineer reads a crashed kiosk's week for: said where the run is
                named, not left to a torn last line among the reading problems. */}
            {saved.endedAbnormally ? (
              <p>
                <strong>This run ended abnormally:</strong> the app or the machine stopped without
                closing its journal (a crash, a power cut). Its last entry is the last thing it
                wrote.
              </p>
            ) : null}
          </div>
          {/* One file of a run's several is not the whole log, though its log and timeline,
              numbered from #1, would pass for it: said, with the folder that holds it all. */}
          {run ? (
            <RunPartNote run={run} opening={opening} onOpen={() => openRun(run.folder)} />
          ) : null}
          {runError?.logId === saved.logId ? (
            <p role="alert" className="saved-run-error">
              {runError.message}
            </p>
          ) : null}
          {saved.complete ? <WindowNote count={saved.count} /> : null}
          {saved.problems.length > 0 || saved.tornTail ? (
            <div role="alert">
              <strong>
                Part of this file could not be read ({unreadWords}); everything readable is shown.
              </strong>
              {/* Focusable, so the damaged lines scrolled out of the banner can be read from the
                  keyboard too. */}
              <ul className="saved-problems" tabIndex={0} aria-label="Lines that could not be read">
                {saved.problems.map((p) => (
                  <li key={`${p.line}:${p.message}`}>
                    Line {p.line}: {p.message}
                  </li>
                ))}
                {saved.tornTail ? (
                  <li>The last line is cut off (the app was stopped while writing it).</li>
                ) : null}
              </ul>
              {more}
            </div>
          ) : null}
        </section>
        <div className="timeline-view" {...size}>
          <Timeline key={saved.name} />
          <PaneDivider pane="timeline" />
          <LogPanel />
        </div>
      </main>
    </LogSourceContext.Provider>
  );
}

/**
 * The banner's word on the entries the window holds, read again whenever its rows change: the
 * entries a jump or a line in the log brings in once the log is read count among those kept
 * beside the newest at once, not when the banner is next drawn for another reason.
 */
function WindowNote({ count }: { count: number }) {
  const { model, store } = SAVED_SOURCE;
  store((s) => s.version);
  const note = savedWindowNote(
    { rows: model.rows.length, kept: model.keptCount, capacity: model.capacity },
    count,
  );
  return note === null ? null : <p>{note}</p>;
}
