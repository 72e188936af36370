/**
 * What the search's count says of the hits listed: which of all the matches they are. A search
 * sends its first 5,000 hits and counts on; "6,484 matches (the first 500 are listed)" left the
 * other 5,984 out of reach. Now the list holds every hit sent, Next goes on after the last, and
 * the count says which are shown: "6,484 matches; showing 5,001–6,484". Newest first, they are
 * numbered as the log orders them all the same (1 the oldest), the list running down from the
 * newest: "6,484 matches; showing 6,484–1,485, newest first".
 */
import { formatCount } from '../../../shared/format-count';
import type { SearchPage } from './search-store';

/**
 * `matches`: counted by the search whose hits are listed, over the rows it searched; `listed`:
 * the hits it sent. Empty when the list holds every match there is, oldest first.
 */
export function shownWords(page: SearchPage, listed: number, matches: number): string {
  if (page.newestFirst) {
    // Said with none listed too: the next search is newest first as well.
    if (listed === 0 || (page.before === 0 && listed >= matches)) return ', newest first';
    const below = page.fromRow === null ? '' : ` (before #${String(page.fromRow)})`;
    return `; showing ${formatCount(matches)}–${formatCount(matches - listed + 1)}${below}, newest first`;
  }
  if (page.before === 0 && listed >= matches) return '';
  if (listed === 0) return '';
  const from = page.fromRow === null ? '' : ` (from #${String(page.fromRow)} on)`;
  return `; showing ${formatCount(page.before + 1)}–${formatCount(page.before + listed)}${from}`;
}

/** All the matches: those listed by the searches before this one, and those it counted. */
export function allMatches(page: SearchPage, matches: number): number {
  return page.before + matches;
}
