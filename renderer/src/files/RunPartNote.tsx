import type { SavedLogRunPart } from '../../../electron/ipc/contract';
import { runPartWords } from './run-part-words';

/**
 * Said where the log is shown when it is one journal file of a run's several: opened alone,
 * journal-000005.jsonl was numbered from #1 with no word of the 20 files beside it. With the button
 * that opens the whole run.
 */
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
