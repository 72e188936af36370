import { useEffect, useRef, type ReactNode } from 'react';
import { redactionSentence } from '../../../shared/redaction-words';
import type { ExportDone, ExportFormat } from '../../../electron/ipc/contract';
import { formatCount } from '../../../shared/format-count';
import { formatBytes } from '../../../shared/format-bytes';
import { exportProgressWords } from '../../../shared/export-progress-words';
import { cancelExport, startExport } from '../store/file-actions';
import { useApp } from '../store/app-store';
import { WHOLE_LOG, useFiles, type FilesState } from '../store/files-store';
import { FORMAT_CHOICES } from './format-labels';
import { captureRefusal } from './capture-offer';
import { ExportRange } from './ExportRange';
import { chosenRange, restOfSheet } from './range-choice';
import { useTimeMode, zoneOf } from '../store/time-store';
import { recordsWords } from '../../../shared/range-count-words';
import { damagedLines } from '../../../shared/search-words';
import { SHEET_RECORDS, sheetCutWords } from '../../../shared/sheet-rows';
import { pastBrowserTab, traceSizeWords } from '../../../shared/trace-size';
import { useIntoView } from './use-into-view';

/**
 * Export of the live session, or of the saved log open in the window (a support engineer sending
 * a customer's log on, redacted). The technician picks a format; identifiers are redacted unless
 * they tick the box that says, in words, what leaving them in means. Main chooses where the file
 * goes (a save dialog in the app; the preview's fixed folder, named below).
 */
export function ExportPanel() {
  const format = useFiles((s) => s.format);
  const include = useFiles((s) => s.includeIdentifiers);
  const exporting = useFiles((s) => s.exporting);
  const last = useFiles((s) => s.lastExport);
  const error = useFiles((s) => s.exportError);
  const cancelled = useFiles((s) => s.exportCancelled);
  const choices = useFiles((s) => s.choices);
  const saved = useFiles((s) => s.saved);
  const exportOf = useFiles((s) => (s.saved ? s.exportOf : 'session'));
  // Only the MBIM backend records MBIM messages; for any other log a capture would be empty.
  const liveBackend = useApp((s) => s.backend?.kind);
  const capture = captureRefusal(exportOf, liveBackend, saved);
  const zone = zoneOf(useTimeMode((s) => s.mode));
  // A saved log whose every record is counted, exported whole, longer than a sheet: said at the
  // CSV choice, before the export rather than only after it.
  const rangeOn = useFiles((s) => s.range.on);
  const overSheet =
    exportOf === 'saved-log' && saved?.counted && !rangeOn && saved.count > SHEET_RECORDS
      ? saved.count
      : null;
  const chosen = chosenRange(
    useFiles((s) => s.range),
    zone,
  );
  // What keeps Export… from starting, said beside the choice: a range that does not read, or a
  // capture chosen before the saved log's index said it holds no MBIM messages.
  const blockedBy = [
    ...(chosen.problem === null ? [] : ['export-range-says']),
    ...(format === 'pcapng' && capture !== null ? ['export-format-says'] : []),
  ];
  const progress = exporting?.progress;
  const shown = progress ? exportProgressWords(progress) : null;
  const percent = shown?.percent ?? null;
  // Export… and Cancel export take each other's place: the keyboard's focus goes with them
  // (it fell to the page's body), unless it had moved elsewhere meanwhile.
  const actionsRef = useRef<HTMLDivElement>(null);
  const focusInActions = useRef(false);
  const running = exporting !== null;
  useEffect(() => {
    if (focusInActions.current) actionsRef.current?.querySelector('button')?.focus();
  }, [running]);
  // The export's end, said below Export…, was past the bottom of the screen: shown as it comes.
  const resultRef = useRef<HTMLDivElement>(null);
  useIntoView(resultRef, last ?? error ?? cancelled);
  return (
    <section className="panel files-panel" aria-labelledby="export-heading">
      <div className="panel-head">
        <h2 id="export-heading">{saved ? 'Export' : 'Export this session'}</h2>
      </div>
      {/* Each choice below is for the next export, and clears the last one's result: left on
          screen, "NOT redacted" sat under the green "will be redacted" box of the next. */}
      {saved ? (
        <fieldset className="export-of" disabled={exporting !== null}>
          <legend>What to export</legend>
          <ExportOfChoice of="session" chosen={exportOf}>
            This session (live)
          </ExportOfChoice>
          <ExportOfChoice of="saved-log" chosen={exportOf}>
            The saved log <span className="mono">{saved.name}</span>, as opened from disk
          </ExportOfChoice>
          {saved.runs ? (
            // The week a support engineer asks for, in one file: seven exports, one a run, before.
            <ExportOfChoice of="all-runs" chosen={exportOf}>
              Every run of its journal folder ({formatCount(saved.runs.of)} runs, oldest first, in
              one file)
            </ExportOfChoice>
          ) : null}
        </fieldset>
      ) : null}
      <fieldset className="format-choices" disabled={exporting !== null}>
        <legend>Format</legend>
        {(Object.keys(FORMAT_CHOICES) as ExportFormat[]).map((f) => {
          const offered = f !== 'pcapng' || capture === null;
          return (
            <label key={f} className="format-choice">
              <input
                type="radio"
                name="export-format"
                value={f}
                checked={format === f}
                disabled={!offered}
                onChange={() => useFiles.setState({ format: f, lastExport: null })}
              />
              <span>
                <strong>{FORMAT_CHOICES[f].label}</strong>
                <br />
                {/* Chosen and not offered (chosen before the saved log's index answered, or
                    for the other log): why, in the colour of a problem, for Export… is off. */}
                <span
                  className={offered || format !== f ? 'muted' : 'field-problem'}
                  id={offered ? undefined : 'export-format-says'}
                >
                  {offered ? FORMAT_CHOICES[f].description : capture}
                  {f === 'csv' && overSheet !== null
                    ? ` This log has ${formatCount(overSheet)}.`
                    : ''}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <ExportRange chosen={chosen} disabled={exporting !== null} />
      <div className={`redaction ${include ? 'is-off' : 'is-on'}`}>
        <p>
          {include ? (
            <>
              <strong>Redaction is OFF for this export.</strong> Device IDs (IMEI), subscriber IDs
              (IMSI), SIM numbers (ICCID) and phone numbers will be in the file as they are.
            </>
          ) : (
            <>
              <strong>Personal identifiers will be redacted.</strong> Device IDs (IMEI), subscriber
              IDs (IMSI), SIM numbers (ICCID) and phone numbers are replaced everywhere they appear.
            </>
          )}
        </p>
        <label>
          <input
            type="checkbox"
            checked={include}
            disabled={exporting !== null}
            onChange={(e) =>
              useFiles.setState({ includeIdentifiers: e.target.checked, lastExport: null })
            }
          />{' '}
          Leave personal identifiers in this export (only for someone allowed to see the
          customer&apos;s IMEI, IMSI, ICCID and phone numbers)
        </label>
      </div>
      <p className="muted where">
        {choices?.picker === 'list'
          ? `Browser preview: there is no save dialog here, so the file is written into ${choices.folder ?? 'the preview folder'} (chosen when the preview was started).`
          : 'You choose where to save the file in the next step.'}
      </p>
      <div
        ref={actionsRef}
        className="export-actions"
        onFocus={() => {
          focusInActions.current = true;
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget)) focusInActions.current = false;
        }}
      >
        {exporting ? (
          <>
            <progress
              aria-label="Export progress"
              max={100}
              {...(percent === null ? {} : { value: percent })}
            />
            <span role="status">
              {exporting.cancelling
                ? 'Cancelling…'
                : (shown?.text ?? 'Waiting for where to save it…')}
            </span>
            <button
              type="button"
              className="small"
              aria-disabled={exporting.cancelling || undefined}
              onClick={() => {
                if (!exporting.cancelling) void cancelExport();
              }}
            >
              Cancel export
            </button>
          </>
        ) : (
          <button
            type="button"
            className={include ? 'action danger' : 'primary'}
            disabled={blockedBy.length > 0}
            aria-describedby={blockedBy.length > 0 ? blockedBy.join(' ') : undefined}
            onClick={() => void startExport()}
          >
            {include ? 'Export WITHOUT redaction…' : 'Export…'}
          </button>
        )}
      </div>
      <div ref={resultRef} className="export-result">
        {error ? (
          <p className={`notice ${error.refused ? 'warn' : 'error'}`} role="alert">
            {error.refused ? error.words : `Export failed: ${error.words}`}
          </p>
        ) : null}
        {cancelled ? (
          <p className="notice info" role="status">
            {cancelled}
          </p>
        ) : null}
        {last ? (
          // A file that holds the customer's identifiers is said in the warning's colours: in the
          // calm blue of any other result it read as fine under the green "will be redacted" box.
          // So is one lacking entries the journal could not save, or lines it could not read, or
          // a CSV a spreadsheet opens only in part.
          <p
            className={`notice ${last.redacted && last.unsaved === 0 && last.unreadable === 0 && last.sheetRest === null && !traceTooBig(last) ? 'info' : 'warn'}`}
            role="status"
          >
            Saved <strong className="mono">{last.fileName}</strong> in{' '}
            <span className="mono">{last.folder}</span>:{' '}
            {recordsWords(last.records, last.range, last.keptFromBefore, zone)},{' '}
            {formatBytes(last.bytes)}. {redactionSentence(last.redacted, last.redactedCounts)}
            {last.unreadable > 0
              ? ` ${damagedLines(last.unreadable)} of the journal could not be read and ${last.unreadable === 1 ? 'is' : 'are'} missing.`
              : ''}
            {last.unsaved > 0 ? ` ${unsavedSentence(last.unsaved, last.format)}` : ''}
            {traceNote(last)}
            {last.sheetRest === null ? null : (
              <>
                {` ${sheetCutWords(last.sheetRest, zone)} `}
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    if (last.sheetRest === null) return;
                    useFiles.setState({
                      range: restOfSheet(last.sheetRest, zone),
                      lastExport: null,
                    });
                    // This button goes with the confirmation: the keyboard goes on to Export….
                    actionsRef.current?.querySelector('button')?.focus();
                  }}
                >
                  Choose the rest
                </button>
              </>
            )}
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** A trace no browser tab opens: said in the warning's colours, as a CSV a sheet cuts short. */
function traceTooBig(done: ExportDone): boolean {
  return done.format === 'trace' && pastBrowserTab(done.bytes);
}

/** Of a trace more than chrome://tracing takes: what opens it (a sentence after the others). */
function traceNote(done: ExportDone): string {
  const words = done.format === 'trace' ? traceSizeWords(done.bytes) : null;
  return words ? ` ${words}` : '';
}

/**
 * Entries the session's journal could not save to its file (a full disk) are missing from any
 * export of it; the log's own records say which, but a capture holds only MBIM messages.
 */
function unsavedSentence(unsaved: number, format: ExportFormat): string {
  const entries = unsaved === 1 ? '1 entry' : `${formatCount(unsaved)} entries`;
  const missing = unsaved === 1 ? 'it is missing' : 'they are missing';
  const which =
    format === 'pcapng' ? 'the JSON Lines log says which' : 'its error records say which';
  return `The journal could not save ${entries} of this session to its file (a full or failing disk): ${missing} from the export; ${which}.`;
}

type ExportOf = FilesState['exportOf'];

/** One choice of what to export; choosing it clears the last export's result and range. */
function ExportOfChoice({
  of,
  chosen,
  children,
}: {
  of: ExportOf;
  chosen: ExportOf;
  children: ReactNode;
}) {
  return (
    <label>
      <input
        type="radio"
        name="export-of"
        checked={chosen === of}
        onChange={() => useFiles.setState({ exportOf: of, lastExport: null, range: WHOLE_LOG })}
      />{' '}
      {children}
    </label>
  );
}
