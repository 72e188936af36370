/**
 * One record as the columns of a table: what the CSV export and the report's log table show.
 * The columns are a stable contract for spreadsheets people build on top of exports; add new
 * ones at the end.
 */
import type { JournalRecord } from '../../../shared/journal/record.js';
import { describeRecord } from '../../../shared/journal/record-text.js';
import { recordOutcome } from '../../../shared/request/story.js';
import { recordOutcomeLabel } from '../../../shared/request/words.js';

export const ROW_COLUMNS = [
  'seq',
  'time',
  'mono_ms',
  'kind',
  'device',
  'service',
  'service_id',
  'op',
  'ref',
  'request_id',
  'hresult',
  'hresult_name',
  'latency_ms',
  'outcome',
  'details',
  /** Added in journal format 2: the outcome in words, and how a completion matched. */
  'outcome_label',
  'match',
] as const;

export type RowValue = string | number | null;
export type Row = RowValue[];

/** `hresult` holds what the call returned, or for a completion its status (both HRESULTs). */
export function recordRow(record: JournalRecord): Row {
  const r = record as Partial<Record<string, unknown>> & JournalRecord;
  const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  let code: string | null = null;
  let codeName: string | null = null;
  const outcome = recordOutcome(record);
  if (record.kind === 'request-returned') {
    code = record.hresult;
    codeName = record.hresultName;
  } else if (record.kind === 'completion') {
    code = record.status;
    codeName = record.statusName;
  }
  return [
    record.seq,
    record.time,
    record.mono,
    record.kind,
    str(r.interfaceId),
    str(r.serviceName),
    str(r.serviceId),
    str(r.op),
    str(r.ref),
    num(r.requestId),
    code,
    codeName,
    num(r.latencyMs),
    outcome,
    describeRecord(record),
    outcome === null ? null : recordOutcomeLabel(outcome),
    record.kind === 'completion' ? record.match : null,
  ];
}
