/**
 * `mbn-diag export` on a terminal: how far the export has got, on one line of stderr redrawn in
 * place, in the window's words with the bytes written beside them, named ("Writing: 412,000
 * of 1,000,000 records (41%) · 130.2 MB written"). The share is there when the log's index
 * already counts its records (a week-long log's HTML report or bundle takes a minute or more:
 * the technician sees when it will end); otherwise the count and how much of the log is read.
 * Silent when stderr is a file or pipe.
 */
import {
  exportProgressWords,
  type ExportProgressCounts,
} from '../../shared/export-progress-words.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { ThrottledLine, lineWidth, type LineOut } from './line-in-place.js';

/** Redrawn at most this often within a phase; a new phase is shown at once. */
const REDRAW_MS = 200;

export interface ExportProgressLine {
  /** `readBytes` and `logBytes`: the share of the log read, where the total is not known. */
  update: (progress: Omit<ExportProgressCounts, 'total'> & { bytes: number }) => void;
  /** The export ended or was stopped: erased, before the result or the error is printed. */
  clear: () => void;
}

export function exportProgressLine(
  /** Records in the log as its index counts them; 0 when not known. */
  total: number,
  err: LineOut & { isTTY?: boolean } = process.stderr,
  now: () => number = () => performance.now(),
): ExportProgressLine {
  if (!err.isTTY) return { update: () => {}, clear: () => {} };
  const line = new ThrottledLine(err, REDRAW_MS, now);
  let phase: ExportProgressCounts['phase'] | undefined;
  return {
    update: (p) => {
      // A new phase at once: the search for late device IDs has no count to update it later.
      if (!line.due() && p.phase === phase) return;
      phase = p.phase;
      const { text } = exportProgressWords({ ...p, total });
      // The bytes where they fit: a narrow terminal keeps the count and the share instead.
      const bytes = bytesWords(p.phase, p.bytes);
      const withBytes = bytes === null ? text : `${text} · ${bytes}`;
      line.draw(withBytes.length <= lineWidth(err) ? withBytes : text);
    },
    clear: () => line.erase(),
  };
}

/**
 * The bytes, named for what they count: the file as written so far (a bundle's parts, as
 * compressed: the formats' text before compression, summed, said 8.8 GB of a 961 MB bundle);
 * then the bundle's .zip, which counts again from its first bytes as the parts are copied in
 * ("534 bytes" after the gigabytes, unnamed, read as a fault). None while the log is only read
 * (searched, or indexed): nothing is written yet.
 */
function bytesWords(phase: ExportProgressCounts['phase'], bytes: number): string | null {
  if (phase === 'searching' || phase === 'indexing') return null;
  return `${formatBytes(bytes)} ${phase === 'compressing' ? 'into the .zip' : 'written'}`;
}
