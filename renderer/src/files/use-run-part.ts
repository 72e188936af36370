/**
 * Whether the saved log on screen is one journal file of a run's several, as main answers it
 * (`mbn:saved-log-holds`, from the file's folder): null while not known, and for any other log.
 */
import { useEffect, useState } from 'react';
import type { SavedLogRunPart } from '../../../electron/ipc/contract';
import { call } from '../api';

export function useRunPart(logId: number | null, kind: string | null): SavedLogRunPart | null {
  const [run, setRun] = useState<{ logId: number; run: SavedLogRunPart } | null>(null);
  useEffect(() => {
    if (logId === null || kind !== 'journal-file') return;
    let current = true;
    call('mbn:saved-log-holds', { logId })
      .then((holds) => {
        if (current && holds.run) setRun({ logId, run: holds.run });
      })
      // Not known (the log closed meanwhile): no note, as for a file on its own.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [logId, kind]);
  return run !== null && run.logId === logId ? run.run : null;
}
