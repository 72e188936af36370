import { formatTimestamp } from '../../../shared/time';
import { openSavedLog } from '../store/file-actions';
import { useFiles } from '../store/files-store';
import { formatBytes } from '../../../shared/format-bytes';
import { FOLDER_DIALOG } from '../../../shared/folder-dialog';
import { focusWhenShown } from '../components/focus-when-shown';

/** What a folder in the preview's list opens. */
const FOLDER_WORDS = {
  run: 'run folder',
  journal: 'journal folder: its latest run opens',
} as const;

/**
 * Open a saved log read-only: main's open dialogs in the app, one for a file and one for a folder
 * (a run folder, or a journal folder whose latest run opens: the app's own journal is a folder of
 * rotated files, and a dialog cannot pick files and folders at once on Windows and Linux); in the
 * preview, which has none, the .jsonl and .zip files and the log folders of its fixed folder.
 */
export function OpenLogPanel({ onOpened }: { onOpened: () => void }) {
  const choices = useFiles((s) => s.choices);
  const opening = useFiles((s) => s.opening);
  const error = useFiles((s) => s.openError);
  const open = async (name?: string) => {
    if (opening) return;
    if (!(await openSavedLog(name))) return;
    onOpened();
    // The keyboard's focus goes to the log just opened (the button it was on is gone with its
    // view); a log that did not open leaves it on its button, beside the words saying why.
    focusWhenShown('saved-heading');
  };
  return (
    <section className="panel files-panel" aria-labelledby="open-heading">
      <div className="panel-head">
        <h2 id="open-heading">Open a saved log</h2>
      </div>
      <p className="muted">
        A JSON Lines log, a diagnostic bundle or a run&apos;s folder of journal files opens
        read-only, with its log and timeline. Nothing is sent to any device.
      </p>
      {choices?.picker === 'list' ? (
        <>
          <p className="muted where">
            Browser preview: there is no open dialog here, so these are the logs in{' '}
            {choices.folder ?? 'the preview folder'}.
          </p>
          {choices.files.length === 0 ? (
            <p>No saved logs there yet. Export a JSON Lines log or a bundle first.</p>
          ) : (
            <ul className="saved-files">
              {choices.files.map((f) => (
                <li key={f.name}>
                  <button
                    type="button"
                    className="small"
                    aria-disabled={opening || undefined}
                    onClick={() => void open(f.name)}
                  >
                    Open <span className="mono">{f.name}</span>
                  </button>{' '}
                  <span className="muted">
                    {f.folder ? `${FOLDER_WORDS[f.folder]} · ` : ''}
                    {formatBytes(f.bytes)} · saved {formatTimestamp(f.modified, 'local')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="open-choices">
          <button
            type="button"
            className="primary"
            aria-disabled={opening || undefined}
            onClick={() => void open()}
          >
            Open saved log…
          </button>{' '}
          <button
            type="button"
            aria-disabled={opening || undefined}
            onClick={() => void open(FOLDER_DIALOG)}
          >
            Open folder…
          </button>{' '}
          <span className="muted">
            A run folder (run.json and its journal files), or a journal folder: its latest run
            opens.
          </span>
        </p>
      )}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
