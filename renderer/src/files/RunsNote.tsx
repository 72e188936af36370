import type { SavedLogRuns } from '../../../electron/ipc/contract';

/**
 * Said where the log is shown when it is one run of several in its journal folder: a journal
 * folder opens its newest run, and a kiosk restarted each night leaves a run a day, so the drop
 * the technician came for may be a run or three before it, with no word on screen that the others
 * were there. With buttons that open the run before and the run after (by name: main finds them
 * beside what was opened).
 */
export function RunsNote({
  runs,
  onOpen,
  opening,
}: {
  runs: SavedLogRuns;
  onOpen: (run: string) => void;
  opening: boolean;
}) {
  const newest = runs.place === runs.of;
  return (
    <p className="run-part">
      <strong>
        Run {runs.place} of {runs.of} in its journal folder
        {newest ? ' (the newest)' : ''}.
      </strong>{' '}
      {runs.before === null ? null : (
        <RunButton run={runs.before} label="Run before" onOpen={onOpen} opening={opening} />
      )}{' '}
      {runs.after === null ? null : (
        <RunButton run={runs.after} label="Run after" onOpen={onOpen} opening={opening} />
      )}
    </p>
  );
}

function RunButton({
  run,
  label,
  onOpen,
  opening,
}: {
  run: string;
  label: string;
  onOpen: (run: string) => void;
  opening: boolean;
}) {
  return (
    <button
      type="button"
      className="small"
      title={run}
      aria-disabled={opening || undefined}
      onClick={() => {
        if (!opening) onOpen(run);
      }}
    >
      {label}
    </button>
  );
}
