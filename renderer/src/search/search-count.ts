/**
 * What the search's count says of the hits listed: which of all the matches they are. A search
 * sends its first 5,000 hits and counts on; "6,484 matches (the first 500 are listed)" left the
 * other 5,984 out of reach. Now the list holds every hit sent, Next goes on after the last, and
 * the count says which are shown: "6,484 matches; showing 5,001–6,484".
 */
import { formatCount } from '../../../shared/format-count';
import type { SearchPage } from './search-store';

/**
 * `matches`: counted by the search whose hits are listed, from its first row on; `listed`: the
 * hits it sent. Empty when the list holds every match there is.
 */
export function shownWords(page: SearchPage, listed: number, matches: number): string {
  if (page.before === 0 && listed >= matches) return '';
  if (listed === 0) return '';
  const from = page.fromRow === null ? '' : ` (from #${String(page.fromRow)} on)`;
  return `; showing ${formatCount(page.before + 1)}–${formatCount(page.before + listed)}${from}`;
}

/** All the matches: those listed before this search's first row, and those it counted. */
export function allMatches(page: SearchPage, matches: number): number {
  return page.before + matches;
}
