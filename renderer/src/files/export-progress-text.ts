import type { ExportProgressEvent } from '../../../electron/ipc/contract';
import { formatCount } from '../../../shared/format-count';

/**
 * The export's progress as the panel says it, and how far along it is (null: not known, the bar
 * then shows only that work goes on). A device ID found late sends the export back to its first
 * record; the words say so, so the bar going back is not read as a fault.
 */
export function exportProgressText(progress: ExportProgressEvent): {
  text: string;
  percent: number | null;
} {
  if (progress.phase === 'searching')
    return {
      text: 'A device ID turned up late: searching the log for every device ID, to redact each everywhere…',
      percent: null,
    };
  const percent =
    progress.total > 0
      ? Math.min(100, Math.round((progress.records / progress.total) * 100))
      : null;
  const what = {
    writing: 'Writing',
    compressing: 'Compressing',
    rewriting: 'Writing again, every device ID known',
  }[progress.phase];
  // A saved log still being read has no total yet: the count alone.
  const count =
    progress.total > 0
      ? `${formatCount(progress.records)} of ${formatCount(progress.total)} records`
      : `${formatCount(progress.records)} records`;
  return { text: `${what}: ${count}${percent === null ? '' : ` (${percent}%)`}`, percent };
}
