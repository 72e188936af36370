/**
 * The log's filters as the whole-log search asks them, where it can ask the same thing: the
 * filters read only the rows loaded, and beside a log larger than the window their count offers
 * to search all of it (LogFilters).
 *
 * Carried: the outcome, when it is one a record says as it is logged (a sending or waiting filter
 * lists only the rows still saying it, which a search of records cannot tell), and the service by
 * its ID (the one chosen; the search has no device, so the same service of another modem is found
 * too). Words that are an HRESULT (its name, or its whole hex: 0x80070005) or a request (r12,
 * #1004), as the box's placeholder invites, are carried as those: a technician who typed the
 * HRESULT they were told of found one entry loaded, and no button to look further. Not carried:
 * the device, the kind, and other words, which the filter finds in the row's words and the
 * search in the record's line as written ("accepted" is in one and not the other); nor part of
 * an HRESULT's hex or a bare number, which the filter finds inside others (a seq, a time).
 * Null when nothing could be.
 */
import { searchHresult } from '../../../shared/hresult';
import { serviceIdOfKey } from '../../../shared/model';
import { passingOutcome, type LogFilter } from '../store/log-filter';
import type { SearchForm } from './search-store';

export function searchFormOf(filter: LogFilter): SearchForm | null {
  const outcome = filter.outcome !== null && passingOutcome(filter) === null ? filter.outcome : '';
  const service = filter.service === null ? '' : serviceIdOfKey(filter.service);
  const words = filter.text.trim();
  const hresult = hresultIn(words);
  const request = /^(r[1-9]\d{0,15}|#\d{1,10})$/i.test(words) ? words : '';
  if (outcome === '' && service === '' && hresult === '' && request === '') return null;
  return { outcome, service, hresult, request, text: '' };
}

/** The words as an HRESULT the search takes, when they are one whole: a name, or 0x and 8 digits. */
function hresultIn(words: string): string {
  const hexish = /^(0x)?[0-9a-f]{1,8}$/i.test(words);
  const whole = /^0x[0-9a-f]{8}$/i.test(words);
  return (whole || (!hexish && words !== '')) && searchHresult(words) !== undefined ? words : '';
}
