/**
 * The time range a search asked, as its count line says it: "7,984 matches from 2026-01-05 10:00
 * to 2026-01-06 00:00 (local)". Without it, a count read after the boxes were scrolled past, or on
 * the next matches, did not say it was of Tuesday afternoon only, not of the whole week.
 */
import type { SearchDone, SearchQueryPayload } from '../../../electron/ipc/contract';
import { formatTimestamp, type TimeZoneChoice } from '../../../shared/time';
import { rangePhrase } from '../../../shared/range-phrase';
import { zoneWord } from './go-to-time';

/**
 * " from A to B (local)", " from A on (local)" or " before B (local)", in the zone the log shows
 * now (in the CLI's words: shared/range-phrase.ts); empty for a search of the whole log's time.
 */
export function rangeWords(
  query: Pick<SearchQueryPayload, 'since' | 'until'>,
  zone: TimeZoneChoice,
): string {
  const words = rangePhrase(query.since, query.until, (iso) => shortTime(iso, zone));
  return words === '' ? '' : `${words} ${zoneWord(zone)}`;
}

/**
 * The time as the log writes it, without its zone (said once, after the range) and without the
 * seconds and milliseconds when they are naught: "2026-01-05 10:00", as it was typed.
 */
function shortTime(iso: string, zone: TimeZoneChoice): string {
  const full = formatTimestamp(iso, zone);
  const time = full.slice(0, full.lastIndexOf(' '));
  return time.replace(/\.000$/, '').replace(/^(.* \d\d:\d\d):00$/, '$1');
}

/**
 * "The log’s entries run from 2026-01-05 09:00:01 to 11:13:20 (local).", in the zone the log
 * shows now (the last time's date said too when it is another day's): said after a range that
 * matched nothing, as the CLI says it ("The log's times run from … to …"), so a range typed outside
 * the log (a day the kiosk was off, another log's day) reads as that. The last date left out when
 * it is the first's, the note stays on the count's line at 1366 px.
 */
export function logTimesWords(
  times: { first: number; last: number },
  zone: TimeZoneChoice,
): string {
  const first = shortTime(new Date(times.first).toISOString(), zone);
  const last = shortTime(new Date(times.last).toISOString(), zone);
  const [firstDay] = first.split(' ');
  const [lastDay, lastTime = ''] = last.split(' ');
  const to = lastDay === firstDay ? lastTime : last;
  return `The log’s entries run from ${first} to ${to} ${zoneWord(zone)}.`;
}

/**
 * The log's first and last times, for the count line of a time range that matched nothing (the
 * count of every page, `allMatches`, is none): the search's own answer carries them (it passed
 * every bucket of the index and their times), so nothing more is asked of main. Null when a
 * range matched, none was asked, or the log has no timed entry.
 */
export function noMatchLogTimes(
  done: Pick<SearchDone, 'firstMs' | 'lastMs'>,
  allMatches: number,
  query: Pick<SearchQueryPayload, 'since' | 'until'>,
): { first: number; last: number } | null {
  const noRangeAsked = query.since === undefined && query.until === undefined;
  if (allMatches !== 0 || noRangeAsked || done.firstMs === null || done.lastMs === null)
    return null;
  return { first: done.firstMs, last: done.lastMs };
}
