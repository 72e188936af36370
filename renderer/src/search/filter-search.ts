/**
 * The log's filters as the whole-log search asks them, where it can ask the same thing: the
 * filters read only the rows loaded, and beside a log larger than the window their count offers
 * to search all of it (LogFilters).
 *
 * Carried: the outcome, when it is one a record says as it is logged (a sending or waiting filter
 * lists only the rows still saying it, which a search of records cannot tell), and the service by
 * its ID (the one chosen; the search has no device, so the same service of another modem is found
 * too). Not carried: the device, the kind, and the words, which the filter finds in the row's
 * words and the search in the record's line as written ("accepted" is in one and not the other).
 * Null when nothing could be.
 */
import { passingOutcome, type LogFilter } from '../store/log-filter';
import type { SearchForm } from './search-store';

export function searchFormOf(filter: LogFilter): SearchForm | null {
  const outcome = filter.outcome !== null && passingOutcome(filter) === null ? filter.outcome : '';
  // serviceKey(): the device's interface, a bar, then the service's ID.
  const service = filter.service?.slice(filter.service.lastIndexOf('|') + 1) ?? '';
  if (outcome === '' && service === '') return null;
  return { outcome, service, hresult: '', request: '', text: '' };
}
