/**
 * What a whole-log search says besides its matches, in the window and the CLI alike: a damaged
 * line has no record to match, so a count of matches that kept quiet about them would read as
 * "nothing else there" to an engineer who searched a log with a cut-off or garbled stretch.
 */
import { formatCount } from './format-count.js';
export function damagedLinesNote(count: number): string {
  if (count === 0) return '';
  const lines = `${formatCount(count)} damaged ${count === 1 ? 'line' : 'lines'}`;
  return `${lines} could not be read, so ${count === 1 ? 'it was' : 'they were'} not searched.`;
}

/**
 * A search for a service the log has no record of: said as such, with the services it has, so a
 * technician who typed "diag" for a log that calls it "Sierra diagnostics stream" sees why
 * nothing matched rather than read "0 matches" as "no failures there".
 */
export function serviceNotInLogNote(asked: string, services: readonly string[]): string {
  const listed = services.length > 0 ? ` Its services: ${services.join(', ')}.` : '';
  return `No service in the log is named or numbered “${asked.trim()}”.${listed}`;
}
