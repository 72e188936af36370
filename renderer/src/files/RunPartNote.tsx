import type { SavedLogRunPart } from '../../../electron/ipc/contract';

/**
 * The saved log's words when it is one journal file of a run's several: opened alone, journal-
 * 000005.jsonl said "Whole log · 49,056 records", numbered from #1, with no word of the 20 files
 * beside it. Said where the log is shown, with the button that opens the whole run.
 */
function runPartWords(run: SavedLogRunPart): string {
  return `File ${String(run.file)} of ${String(run.of)} of this run: open the run's folder to see the whole log.`;
}

export function RunPartNote({
  run,
  onOpen,
  opening,
}: {
  run: SavedLogRunPart;
  onOpen: () => void;
  opening: boolean;
}) {
  return (
    <p className="run-part">
      <strong>{runPartWords(run)}</strong>{' '}
      <button type="button" className="small" aria-disabled={opening || undefined} onClick={onOpen}>
        Open the run&apos;s folder <span className="mono">{run.folder}</span>
      </button>
    </p>
  );
}
