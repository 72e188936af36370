/**
 * The search form in the terms of the IPC query, or what is wrong with it in words. Main checks
 * the query again; this only saves a round trip and says which box to fix.
 */
import type { SearchQueryPayload } from '../../../electron/ipc/contract';
import type { SearchForm } from './search-store';
import { searchHresult } from '../../../shared/hresult';

export function formToQuery(form: SearchForm): { query: SearchQueryPayload } | { problem: string } {
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
  if (Object.keys(query).length === 0)
    return {
      problem: 'Say what to look for: an outcome, a service, an HRESULT, a request or words.',
    };
  return { query };
}
