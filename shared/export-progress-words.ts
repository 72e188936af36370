/**
 * An export's progress in words, the window's export panel and the CLI's progress line alike,
 * and how far along it is (null: not known; a bar then shows only that work goes on). A device
 * ID found late sends the export back to its first record: the words say so, so the count going
 * back is not read as a fault. Kept within 80 characters, a terminal's line.
 */
import { formatCount } from './format-count.js';

/**
 * What an export is doing: `writing` formats records; `compressing` packs the bundle (after all
 * records); `searching`: a device ID turned up after text that may have held it, and the log is
 * searched for every device ID (export-saved-log.ts); `rewriting` writes again from the first
 * record, with them known, so each is redacted everywhere; `indexing`: a time range is found in
 * the log through its index, built once where the log has none yet (range-seek.ts).
 */
export type ExportPhase = 'indexing' | 'writing' | 'compressing' | 'searching' | 'rewriting';

export interface ExportProgressCounts {
  phase: ExportPhase;
  records: number;
  /** Records in the log when the export started; 0 when not known (a log still being read). */
  total: number;
  /**
   * Bytes of the saved log read so far, and its size (its files, or a bundle's entries
   * unpacked): how far along an export is when its records are not counted yet.
   */
  readBytes?: number | undefined;
  logBytes?: number | undefined;
  /**
   * What those bytes are of: the log (absent), or a time range's bytes, from its start to its end
   * as the log's index finds them (range-seek.ts), so the share is the range's done, not where
   * in the log the range sits.
   */
  readOf?: 'log' | 'range' | undefined;
}

const PHASE_WORDS: Record<Exclude<ExportPhase, 'searching' | 'indexing'>, string> = {
  writing: 'Writing',
  compressing: 'Compressing',
  rewriting: 'Writing again, every device ID known',
};

export function exportProgressWords(progress: ExportProgressCounts): {
  text: string;
  percent: number | null;
} {
  if (progress.phase === 'indexing') {
    const read = readPercent(progress);
    return {
      text: `Finding the range in the log (indexing it, once)…${read === null ? '' : ` ${read}%`}`,
      percent: read,
    };
  }
  if (progress.phase === 'searching') {
    // A read of the whole log, with no records to count: how much of it is searched.
    const read = readPercent(progress);
    return {
      text: `A device ID turned up late: finding every one to redact it everywhere…${read === null ? '' : ` ${read}%`}`,
      percent: read,
    };
  }
  // A total outgrown (records logged during a live session's export): the count alone, never
  // "80,000 of 30,000", and a full bar rather than one that turns to "no idea" at the end.
  const percent =
    progress.total > 0
      ? Math.min(100, Math.round((progress.records / progress.total) * 100))
      : null;
  const known = percent !== null && progress.records <= progress.total;
  const count = known
    ? `${formatCount(progress.records)} of ${formatCount(progress.total)} records`
    : `${formatCount(progress.records)} records`;
  const words = `${PHASE_WORDS[progress.phase]}: ${count}`;
  if (known) return { text: `${words} (${percent}%)`, percent };
  // A saved log never indexed (exported from the command line as it came) has no count of its
  // records until read to the end, and one still written to outgrows the count it had: how much
  // of it is read says how far along the export is.
  const read = readPercent(progress);
  if (read !== null)
    return { text: `${words} (${read}% of the ${progress.readOf ?? 'log'} read)`, percent: read };
  return { text: words, percent };
}

function readPercent({ readBytes, logBytes }: ExportProgressCounts): number | null {
  if (readBytes === undefined || logBytes === undefined || logBytes <= 0) return null;
  return Math.min(100, Math.floor((readBytes / logBytes) * 100));
}
