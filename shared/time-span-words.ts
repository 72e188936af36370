/**
 * The words for a log's own times, said where a range asked for held nothing: in UTC, as the CLI
 * prints times, unambiguous wherever they are read.
 */
import { spanWithin, type ExportRange } from './export-range.js';
import { formatTimestamp } from './time.js';

/**
 * "The log's times run from … to …." of a log's first and last times (a search passed them on its
 * way: no read for them), a range's export's within its range, not from the run's start it kept
 * from before it; undefined when none is left.
 */
export function timeSpanWords(
  times: readonly [number, number] | null,
  range: ExportRange | undefined,
): string | undefined {
  const span = spanWithin(times, range);
  if (!span) return undefined;
  const at = (ms: number): string => formatTimestamp(new Date(ms).toISOString(), 'utc');
  return `The log's times run from ${at(span[0])} to ${at(span[1])}.`;
}
