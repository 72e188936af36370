/**
 * The search form in the terms of the IPC query, or what is wrong with it in words. Main checks
 * the query again; this only saves a round trip and says which box to fix.
 */
import type { SearchQueryPayload } from '../../../electron/ipc/contract';
import type { SearchForm } from './search-store';
import { searchHresult } from '../../../shared/hresult';
import type { TimeZoneChoice } from '../../../shared/time';
import { rangeFieldLabel } from './go-to-time';
import { typedRangeEndMs } from '../../../shared/typed-time';

/**
 * Said when a time box holds no time: the log's own way of writing one, to the minute, and a date
 * alone for a whole day.
 */
const TIME_EXAMPLE = '2026-01-06 14:00';
const DATE_EXAMPLE = '2026-01-06';

/**
 * `zone`: the zone the log shows its times in (the Times setting), which a typed From and To are
 * read in, as Go to time reads its box: a time read off a row means that row's moment.
 */
export function formToQuery(
  form: SearchForm,
  zone: TimeZoneChoice,
): { query: SearchQueryPayload } | { problem: string } {
  const query: SearchQueryPayload = {};
  if (form.outcome === 'problems') query.problems = true;
  else if (form.outcome !== '') query.outcomes = [form.outcome];
  const service = form.service.trim();
  if (service !== '') query.service = service;
  const hresult = form.hresult.trim();
  if (hresult !== '') {
    // Main takes hex; a name as the log and the services table show it is looked up here.
    const hex = searchHresult(hresult);
    if (hex === undefined)
      return {
        problem: `“${hresult}” is not an HRESULT: give its name (E_ACCESSDENIED) or its hex (0x80070005).`,
      };
    query.hresult = hex;
  }
  const request = form.request.trim();
  if (request !== '') {
    if (/^r[1-9]\d{0,15}$/i.test(request)) query.ref = request.toLowerCase();
    else if (/^#?\d{1,10}$/.test(request) && Number(request.replace('#', '')) < 2 ** 32)
      query.requestId = Number(request.replace('#', ''));
    else
      return {
        problem: `“${request}” is not a request: give its reference (r12) or its MBN request ID (1004).`,
      };
  }
  const text = form.text.trim();
  if (text !== '') query.text = text.slice(0, 200);
  const range = rangeOf(form, zone);
  if ('problem' in range) return range;
  if (range.since !== undefined) query.since = new Date(range.since).toISOString();
  if (range.until !== undefined) query.until = new Date(range.until).toISOString();
  if (Object.keys(query).length === 0)
    return {
      problem:
        'Say what to look for: an outcome, a service, an HRESULT, a request, words or a time range (From, To).',
    };
  return { query };
}

/**
 * What is wrong with the form, said in `zone` (the zone the log shows now, which its boxes'
 * labels name), or null when it can be searched.
 */
export function formProblem(form: SearchForm, zone: TimeZoneChoice): string | null {
  const made = formToQuery(form, zone);
  return 'problem' in made ? made.problem : null;
}

/** The From and To boxes as moments (either may be left empty), or what is wrong with them. */
function rangeOf(
  form: SearchForm,
  zone: TimeZoneChoice,
): { since?: number; until?: number } | { problem: string } {
  const since = timeOf(form.since, 'since', zone);
  if (typeof since === 'string') return { problem: since };
  const until = timeOf(form.until, 'until', zone);
  if (typeof until === 'string') return { problem: until };
  // To is the first moment not searched: a range that ends where it starts holds nothing.
  if (since !== null && until !== null && since >= until)
    return {
      problem: `${rangeFieldLabel('since', zone)} must come before ${rangeFieldLabel('until', zone)}: the search finds entries from the first time up to the second.`,
    };
  return { ...(since === null ? {} : { since }), ...(until === null ? {} : { until }) };
}

/**
 * The box's moment (null: left empty), or why it is not one, naming the box. A date alone is that
 * whole day, as the CLI's --since and --until take it: From its start, To its end (the next day's
 * start, To being the first moment left out), so the same date in both boxes is that one day.
 */
function timeOf(
  typed: string | undefined,
  field: 'since' | 'until',
  zone: TimeZoneChoice,
): number | null | string {
  const text = (typed ?? '').trim();
  if (text === '') return null;
  const time = typedRangeEndMs(text, zone, field === 'since' ? 'start' : 'end');
  if (time !== null) return time;
  return notATimeWords(rangeFieldLabel(field, zone), text, `for the whole day (${DATE_EXAMPLE})`);
}

/**
 * A time box's words for what it holds that is not a time: which box (said far from it, under the
 * form), what it holds, and how to write one.
 */
export function notATimeWords(label: string, typed: string, dateAlone: string): string {
  return `${label}: “${typed}” is not a time. Give a date and time as the log writes them, such as ${TIME_EXAMPLE}, or a date alone ${dateAlone}.`;
}
