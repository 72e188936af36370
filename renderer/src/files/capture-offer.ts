/**
 * Whether the export panel offers an MBIM capture (.pcapng) of what it exports, and if not, why in
 * words. Only the MBIM backend records MBIM messages; a capture of a log without them is empty,
 * which its export found out only after the save dialog and a read of the whole log (seconds for a
 * large one). The live session is known by its backend; a saved log by what its index counts
 * (main's `mbn:saved-log-holds`), and offered while that is not known (its export then says).
 */
import type { BackendInfo } from '../../../electron/ipc/contract';
import type { FilesState } from '../store/files-store';
import { recordedWithList } from './recorded-with';

type SavedFacts = Pick<NonNullable<FilesState['saved']>, 'mbimMessages' | 'recordedWith'>;

/** Why the capture is not offered; null when it is. */
export function captureRefusal(
  exportOf: FilesState['exportOf'],
  liveBackend: BackendInfo['kind'] | undefined,
  saved: SavedFacts | null,
): string | null {
  // Of every run, as of the run open: its runs were recorded alike (a kiosk's nights).
  if (exportOf !== 'session' && saved) {
    if (saved.mbimMessages !== 0) return null;
    const setups = recordedWithList(saved.recordedWith);
    return setups === null
      ? 'Not offered for this log: it holds no MBIM messages to capture (only logs recorded with the MBIM backend hold them).'
      : `Not offered for this log: it holds no MBIM messages to capture. It was recorded with ${setups}, and only the MBIM backend records them.`;
  }
  return liveBackend === 'mbim'
    ? null
    : 'Not offered for this session: it was not recorded with the MBIM backend, so its log holds no MBIM messages to capture.';
}
