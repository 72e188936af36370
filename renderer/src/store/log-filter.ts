/**
 * The log's filters, as a technician sets them above the log (device, service, kind, outcome, and
 * words), and what each selects of a row: the per-row rules the model's column scans must select
 * exactly (log-model.ts), and the reference they are tested and benchmarked against.
 */
import type { JournalKind, LogOutcome, LogRow } from '../../../electron/ipc/contract';
import { recordInterfaceId, recordServiceId } from '../../../shared/journal/record-fields';
import { isPassing, type RequestOutcome } from '../../../shared/request/outcome';
import type { JournalRecord } from '../../../shared/journal/record';
import { isProblemRecord, recordOutcome } from '../../../shared/request/story';
import { serviceKey } from '../../../shared/model';

export interface LogFilter {
  interfaceId: string | null;
  /** `serviceKey()` of one service. */
  service: string | null;
  kind: JournalKind | null;
  outcome: LogOutcome | 'problems' | null;
  text: string;
}

export const NO_FILTER: LogFilter = {
  interfaceId: null,
  service: null,
  kind: null,
  outcome: null,
  text: '',
};

export function isFiltering(filter: LogFilter): boolean {
  return (
    filter.interfaceId !== null ||
    filter.service !== null ||
    filter.kind !== null ||
    filter.outcome !== null ||
    filter.text.trim() !== ''
  );
}

/** What the filters but the text one read of a row. */
export interface RowPlace {
  interfaceId: string | null;
  serviceId: string | null;
  kind: JournalKind;
  outcome: LogOutcome | null;
}

/** The record fields a row's place is read from (by the shared readers main's rows use too). */
export const PLACE_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'interfaceId',
  'serviceId',
  'outcome',
  // isProblemRecord: whether a backend status says unavailable.
  'available',
]);

export function placeOf(record: JournalRecord): RowPlace {
  return {
    interfaceId: recordInterfaceId(record),
    serviceId: recordServiceId(record),
    kind: record.kind,
    outcome: recordOutcome(record),
  };
}

/** The filter's outcome when it is one a row says only while it lasts (shared `isPassing`). */
export function passingOutcome(filter: LogFilter): RequestOutcome | null {
  const { outcome } = filter;
  return outcome === null ||
    outcome === 'problems' ||
    outcome === 'unmatched' ||
    !isPassing(outcome)
    ? null
    : outcome;
}

/**
 * `record`: the row's record, which "Any problem" asks (shared isProblemRecord: a problem outcome
 * or a stray, an error, or the backend unavailable).
 */
export function placeMatches(row: RowPlace, filter: LogFilter, record: JournalRecord): boolean {
  if (filter.interfaceId !== null && row.interfaceId !== filter.interfaceId) return false;
  if (filter.service !== null) {
    if (row.interfaceId === null || row.serviceId === null) return false;
    if (serviceKey(row.interfaceId, row.serviceId) !== filter.service) return false;
  }
  if (filter.kind !== null && row.kind !== filter.kind) return false;
  if (filter.outcome === 'problems') return isProblemRecord(record);
  if (filter.outcome !== null && row.outcome !== filter.outcome) return false;
  return true;
}

/**
 * What the text filter searches in a row, as written: its words, service name, HRESULT name and
 * hex, `#` request ID and ref, joined by spaces (the filter lowercases it, and the needle).
 */
export function rowHaystack(row: LogRow): string {
  return [
    row.text,
    row.serviceName ?? '',
    row.hresult?.name ?? '',
    row.hresult?.hex ?? '',
    row.requestId === null ? '' : `#${String(row.requestId)}`,
    row.ref ?? '',
  ].join(' ');
}

export function textMatches(row: LogRow, needle: string): boolean {
  if (needle === '') return true;
  return rowHaystack(row).toLowerCase().includes(needle);
}

/**
 * The per-row rules, on a made row: what every filter of the model must select exactly (the
 * reference its column scans are tested and benchmarked against). Of the rows they select, those
 * of a passing outcome are then shown only while their request is still there (./still-rows.ts).
 */
export function rowMatches(row: LogRow, filter: LogFilter, needle: string): boolean {
  return placeMatches(row, filter, row.record) && textMatches(row, needle);
}

export function samePlace(a: LogFilter, b: LogFilter): boolean {
  return (
    a.interfaceId === b.interfaceId &&
    a.service === b.service &&
    a.kind === b.kind &&
    a.outcome === b.outcome
  );
}
