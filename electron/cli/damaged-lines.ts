/**
 * "1 damaged line", "2 damaged lines": how the CLI counts lines of a log no record could be read
 * from, in the words the search and the window use (shared/search-words.ts damagedLinesNote). The
 * export said "1 line(s) of the log" of the lines the search called "1 damaged line".
 */
import { formatCount } from '../../shared/format-count.js';

export function damagedLines(count: number): string {
  return `${formatCount(count)} damaged ${count === 1 ? 'line' : 'lines'}`;
}
